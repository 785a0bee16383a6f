// GPT-2's byte level: the table that shows each of the 256 bytes as a printable character (so BPE works
// on strings and a space reads as 'Ġ'), and the pre-tokenisation regex that cuts text into words before
// BPE. Both follow OpenAI's encoder.py and Hugging Face's GPT-2/RoBERTa tokenizers exactly.

/** byte → the character that stands for it in the vocabulary (bytes_to_unicode in encoder.py). */
export const byteToChar: readonly string[] = (() => {
  const table = new Array<string>(256);
  let next = 256;
  for (let byte = 0; byte < 256; byte++) {
    const printable = (byte >= 0x21 && byte <= 0x7e) || (byte >= 0xa1 && byte <= 0xac) || (byte >= 0xae && byte <= 0xff);
    table[byte] = String.fromCharCode(printable ? byte : next++);
  }
  return table;
})();

/** The inverse of `byteToChar` (one UTF-16 unit each: every table character is below U+0144). */
export const charToByte: ReadonlyMap<string, number> = new Map(byteToChar.map((char, byte) => [char, byte]));

/**
 * Whitespace as Python's `regex` module reads `\s` (the Unicode White_Space property): JavaScript's `\s`
 * also takes U+FEFF and misses U+0085, so the class is written out.
 */
const ws = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/**
 * GPT-2's pattern, `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`, with
 * Python's whitespace. Global and sticky-free: use with `matchAll`; its matches cover the text exactly.
 */
export const gpt2SplitPattern = new RegExp(
  `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^${ws}\\p{L}\\p{N}]+|[${ws}]+(?![^${ws}])|[${ws}]+`,
  'gu',
);

/** Cuts text into the pieces BPE sees, in order. */
export function preTokenize(text: string): string[] {
  const pieces: string[] = [];
  for (const match of text.matchAll(gpt2SplitPattern)) pieces.push(match[0]);
  return pieces;
}

const utf8 = new TextEncoder();

/** A piece of text as its UTF-8 bytes shown through `byteToChar`. */
export function toByteChars(text: string): string {
  let out = '';
  for (const byte of utf8.encode(text)) out += byteToChar[byte]!;
  return out;
}

/**
 * Tokens' byte characters back to text. Invalid UTF-8 (a token cut inside a character) becomes U+FFFD per
 * maximal invalid subsequence, as Python's `bytes.decode('utf-8', errors='replace')`; a leading BOM is kept.
 * A token holding a character outside the table (an added token such as `<|x|>` with non-ASCII) counts as
 * its own UTF-8, as Hugging Face's ByteLevel decoder does.
 */
export function fromByteChars(tokens: Iterable<string>): string {
  const bytes: number[] = [];
  for (const token of tokens) {
    const start = bytes.length;
    let mapped = true;
    for (let i = 0; i < token.length; i++) {
      const byte = charToByte.get(token[i]!);
      if (byte === undefined) {
        mapped = false;
        break;
      }
      bytes.push(byte);
    }
    if (!mapped) {
      bytes.length = start;
      for (const byte of utf8.encode(token)) bytes.push(byte);
    }
  }
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(new Uint8Array(bytes));
}
