// CLIP's BPE tokenizer (OpenAI `simple_tokenizer.py` / transformers' CLIPTokenizer) from the Hub's
// `vocab.json` + `merges.txt`: each pre-tokenised piece is shown as byte characters (GPT-2's table), its
// last symbol carries `</w>`, and adjacent pairs merge by rank until none has one. `inputIds` makes the
// text model's input: `<|startoftext|>` (49406 in the real vocabulary), the tokens, `<|endoftext|>`
// (49407), cut to the context length with the end token kept, then padded with `<|endoftext|>` (the Hub
// tokenizer's pad token). The text model reads the first end token's position (argmax of the ids) under a
// causal mask, so what follows it never changes the embedding: `clip.tokenize`'s zero padding gives the same.
import { readFile } from 'node:fs/promises';
import { BytePairEncoder, type MergePair } from '../prismer/tokenizer/bpe.ts';
import { toByteChars } from '../prismer/tokenizer/byteLevel.ts';
import { parseMergesTxt, parseVocabJson } from '../prismer/tokenizer/vocabularyFiles.ts';
import { clipPreTokenize } from './clipPreTokenizer.ts';

export const CLIP_CONTEXT_LENGTH = 77;
export const clipStartToken = '<|startoftext|>';
export const clipEndToken = '<|endoftext|>';

/**
 * Both tokenizers keep only the first 49152 − 256 − 2 merges of the file (the vocabulary is the 256
 * bytes, the same with `</w>`, one token per merge and the two special tokens: 49408).
 */
export const CLIP_MERGE_COUNT = 49152 - 256 - 2;

export class ClipTokenizer {
  readonly #vocab: ReadonlyMap<string, number>;
  readonly #bpe: BytePairEncoder;
  readonly startId: number;
  readonly endId: number;

  /** `merges` in rank order; a pair listed twice takes its later rank (a Python dict built from the list). */
  constructor(vocab: ReadonlyMap<string, number>, merges: readonly MergePair[]) {
    this.#vocab = vocab;
    this.#bpe = new BytePairEncoder(merges.slice(0, CLIP_MERGE_COUNT), { repeatedPair: 'last', endOfWord: '</w>' });
    const start = vocab.get(clipStartToken);
    const end = vocab.get(clipEndToken);
    if (start === undefined || end === undefined) throw new Error(`The CLIP vocabulary has no ${start === undefined ? clipStartToken : clipEndToken} token`);
    this.startId = start;
    this.endId = end;
  }

  static fromFiles(vocabJson: string, mergesTxt: string): ClipTokenizer {
    return new ClipTokenizer(parseVocabJson(vocabJson), parseMergesTxt(mergesTxt));
  }

  /** The pad token: `<|endoftext|>`, as the Hub's tokenizer_config.json says. */
  get padId(): number {
    return this.endId;
  }

  /** The BPE tokens of `text`, without start and end tokens. */
  tokenize(text: string): string[] {
    const tokens: string[] = [];
    for (const piece of clipPreTokenize(text)) {
      if (piece === clipStartToken || piece === clipEndToken) tokens.push(piece);
      else tokens.push(...this.#bpe.split(toByteChars(piece)));
    }
    return tokens;
  }

  /** The token ids of `text`, without start and end tokens. */
  encode(text: string): number[] {
    return this.tokenize(text).map((token) => {
      const id = this.#vocab.get(token);
      if (id === undefined) throw new Error(`The CLIP vocabulary has no token ${JSON.stringify(token)}: vocab.json and merges.txt do not belong together`);
      return id;
    });
  }

  /** The text model's `input_ids` row: start, tokens, end, truncated to `contextLength` keeping the end, padded. */
  inputIds(text: string, contextLength = CLIP_CONTEXT_LENGTH): number[] {
    if (contextLength < 2) throw new RangeError(`A CLIP context holds at least the start and end tokens, not ${contextLength}`);
    const ids = [this.startId, ...this.encode(text).slice(0, contextLength - 2), this.endId];
    while (ids.length < contextLength) ids.push(this.padId);
    return ids;
  }

  /** `inputIds` of every text, as one row-major int64 batch [texts.length, contextLength]. */
  batchInputIds(texts: readonly string[], contextLength = CLIP_CONTEXT_LENGTH): BigInt64Array {
    const batch = new BigInt64Array(texts.length * contextLength);
    texts.forEach((text, row) => this.inputIds(text, contextLength).forEach((id, i) => (batch[row * contextLength + i] = BigInt(id))));
    return batch;
  }
}

/** The tokenizer from the Hub's `vocab.json` and `merges.txt` (downloaded as separate catalog files). */
export async function readClipTokenizer(vocabPath: string, mergesPath: string): Promise<ClipTokenizer> {
  const [vocabJson, mergesTxt] = await Promise.all([readFile(vocabPath, 'utf8'), readFile(mergesPath, 'utf8')]);
  return ClipTokenizer.fromFiles(vocabJson, mergesTxt);
}
