// CLIP's text clean-up and pre-tokenisation, as OpenAI's `simple_tokenizer.py` does it (Prismer embeds OCR
// words with `clip.tokenize`, which uses it): `basic_clean` (ftfy.fix_text, html.unescape twice, strip),
// `whitespace_clean` (every whitespace run → one space), lower-case, then CLIP's regex cuts the text into
// the pieces BPE sees. Of ftfy, the repairs that can change a recognised word are reproduced (NFC,
// control characters removed, curly quotes straightened, Latin ligatures and full-width ASCII unfolded);
// its mojibake repair is not (OCR output is never mis-decoded bytes). Of html.unescape, numeric
// references and the common named ones.

/**
 * Whitespace as Python's `regex` module reads `\s` (the Unicode White_Space property, which the
 * tokenizer uses); JavaScript's `\s` also takes U+FEFF and misses U+0085.
 */
const ws = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

/**
 * `<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+`: letters
 * run together, every digit stands alone, other symbols group; the two special tokens written in the
 * text are kept whole (the official tokenizer then maps them to their ids).
 */
export const clipSplitPattern = new RegExp(`<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^${ws}\\p{L}\\p{N}]+`, 'gu');

const whitespaceRun = new RegExp(`[${ws}]+`, 'gu');
const outerWhitespace = new RegExp(`^[${ws}]+|[${ws}]+$`, 'gu');

// ftfy's remove_control_chars: C0 controls other than tab, line feed, form feed and carriage return,
// DEL, deprecated format characters, the BOM, interlinear annotation marks and object replacement.
const controlChars = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\u206a-\u206f\ufeff\ufff9-\ufffc]/gu;

// ftfy's uncurl_quotes.
const singleQuotes = /[\u2018-\u201b]/gu;
const doubleQuotes = /[\u201c-\u201f]/gu;

// ftfy's fix_latin_ligatures (the ligatures that are not letters of a language).
const ligatures: Readonly<Record<string, string>> = {
  '\u0132': 'IJ', '\u0133': 'ij', '\u0149': "ʼn", '\u01c4': 'DŽ', '\u01c5': 'Dž', '\u01c6': 'dž', '\u01c7': 'LJ', '\u01c8': 'Lj', '\u01c9': 'lj',
  '\u01ca': 'NJ', '\u01cb': 'Nj', '\u01cc': 'nj', '\u01f1': 'DZ', '\u01f2': 'Dz', '\u01f3': 'dz',
  '\ufb00': 'ff', '\ufb01': 'fi', '\ufb02': 'fl', '\ufb03': 'ffi', '\ufb04': 'ffl', '\ufb05': 'ſt', '\ufb06': 'st',
};
const ligaturePattern = new RegExp(`[${Object.keys(ligatures).join('')}]`, 'gu');

// ftfy's fix_character_width: full-width ASCII and the ideographic space to their ordinary forms.
const fullWidth = /[\uff01-\uff5e\u3000]/gu;

const namedEntities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const entityPattern = /&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([A-Za-z]+));/g;

function unescapeHtml(text: string): string {
  return text.replace(entityPattern, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return namedEntities[name] ?? whole;
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    // html.unescape turns NUL, surrogates and out-of-range references into U+FFFD.
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

function fixText(text: string): string {
  return text
    .replace(controlChars, '')
    .replace(singleQuotes, "'")
    .replace(doubleQuotes, '"')
    .replace(ligaturePattern, (c) => ligatures[c]!)
    .replace(fullWidth, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .normalize('NFC');
}

/** The text as the tokenizer sees it: cleaned, whitespace collapsed and trimmed, lower-cased. */
export function cleanClipText(text: string): string {
  const cleaned = unescapeHtml(unescapeHtml(fixText(text)));
  return cleaned.replace(whitespaceRun, ' ').replace(outerWhitespace, '').toLowerCase();
}

/** The pieces BPE sees, in order (spaces are dropped: a piece's end is marked by `</w>` instead). */
export function clipPreTokenize(text: string): string[] {
  const pieces: string[] = [];
  for (const match of cleanClipText(text).matchAll(clipSplitPattern)) pieces.push(match[0]);
  return pieces;
}
