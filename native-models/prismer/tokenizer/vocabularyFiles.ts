// Reading a byte-level BPE vocabulary from the standard files: `vocab.json` (token → id) with `merges.txt`
// (one "a b" merge per line after a `#version` header), or Hugging Face's `tokenizer.json` (the fast
// tokenizer's file: `model.vocab`, `model.merges` as "a b" strings or [a, b] pairs, `added_tokens`).
// Both give the same `BpeVocabulary`; nothing here tokenises.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { MergePair } from './bpe.ts';

/** A token matched in the text before BPE, as Hugging Face's AddedToken. */
export interface AddedToken {
  readonly content: string;
  readonly id: number;
  /** Special tokens are dropped by `decode(ids, { skipSpecialTokens: true })`. */
  readonly special: boolean;
  /** Eats the whitespace on its left (RoBERTa's `<mask>`). */
  readonly lstrip: boolean;
  /** Eats the whitespace on its right. */
  readonly rstrip: boolean;
}

export interface BpeVocabulary {
  readonly vocab: ReadonlyMap<string, number>;
  readonly merges: readonly MergePair[];
  readonly addedTokens: readonly AddedToken[];
  /** The token for a symbol missing from the vocabulary (never needed with a complete byte-level one). */
  readonly unkToken: string | null;
}

export interface SpecialTokenSpec {
  readonly content: string;
  readonly lstrip?: boolean;
  readonly rstrip?: boolean;
}

/**
 * RoBERTa's special tokens as transformers' RobertaTokenizer declares them, in its attribute order
 * (bos, eos, unk, pad, mask): `<mask>` is the one with lstrip. In roberta-base's vocab.json they are
 * `<s>`=0, `<pad>`=1, `</s>`=2, `<unk>`=3, `<mask>`=50264.
 */
export const robertaSpecialTokens: readonly SpecialTokenSpec[] = [
  { content: '<s>' },
  { content: '</s>' },
  { content: '<unk>' },
  { content: '<pad>' },
  { content: '<mask>', lstrip: true },
];

export function parseVocabJson(text: string): Map<string, number> {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('vocab.json: expected an object of token → id');
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(parsed)) {
    if (!Number.isInteger(id) || (id as number) < 0) throw new Error(`vocab.json: bad id for ${JSON.stringify(token)}`);
    vocab.set(token, id as number);
  }
  return vocab;
}

/** merges.txt: a `#version` header, then "first second" per line in rank order; blank lines skipped. */
export function parseMergesTxt(text: string): MergePair[] {
  const merges: MergePair[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '' || (index === 0 && line.startsWith('#version'))) continue;
    merges.push(mergeFromString(line, `merges.txt line ${index + 1}`));
  }
  return merges;
}

function mergeFromString(line: string, where: string): MergePair {
  const parts = line.split(' ');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') throw new Error(`${where}: expected "first second", got ${JSON.stringify(line)}`);
  return [parts[0]!, parts[1]!];
}

/**
 * vocab.json + merges.txt, with the special tokens transformers' slow tokenizer declares: those in the
 * vocabulary keep their ids; missing ones get the next ids in the given order, as transformers adds them.
 */
export function vocabularyFromFiles(
  vocabJson: string,
  mergesTxt: string,
  specialTokens: readonly SpecialTokenSpec[] = robertaSpecialTokens,
  unkToken: string | null = '<unk>',
): BpeVocabulary {
  const vocab = parseVocabJson(vocabJson);
  let nextId = 0;
  for (const id of vocab.values()) nextId = Math.max(nextId, id + 1);
  const addedTokens: AddedToken[] = [];
  for (const spec of specialTokens) {
    if (addedTokens.some((t) => t.content === spec.content)) continue;
    let id = vocab.get(spec.content);
    if (id === undefined) id = nextId++;
    addedTokens.push({ content: spec.content, id, special: true, lstrip: spec.lstrip ?? false, rstrip: spec.rstrip ?? false });
  }
  return { vocab, merges: parseMergesTxt(mergesTxt), addedTokens, unkToken };
}

interface TokenizerJson {
  readonly added_tokens?: readonly {
    readonly id: number;
    readonly content: string;
    readonly special?: boolean;
    readonly lstrip?: boolean;
    readonly rstrip?: boolean;
    readonly single_word?: boolean;
  }[];
  readonly normalizer?: unknown;
  readonly pre_tokenizer?: { readonly type?: string; readonly add_prefix_space?: boolean; readonly use_regex?: boolean } | null;
  readonly model?: {
    readonly type?: string;
    readonly vocab?: Record<string, number>;
    readonly merges?: readonly (string | readonly [string, string])[];
    readonly unk_token?: string | null;
    readonly continuing_subword_prefix?: string | null;
    readonly end_of_word_suffix?: string | null;
  };
}

/**
 * Hugging Face's tokenizer.json for a byte-level BPE (GPT-2 / RoBERTa). Anything that would tokenise
 * differently from GPT-2's byte level (a normaliser, a prefix space, a non-BPE model, single-word added
 * tokens) is refused rather than ignored.
 */
export function vocabularyFromTokenizerJson(text: string): BpeVocabulary {
  const json = JSON.parse(text) as TokenizerJson;
  const model = json.model;
  if (!model || (model.type !== undefined && model.type !== 'BPE') || !model.vocab || !model.merges) {
    throw new Error('tokenizer.json: expected a BPE model with vocab and merges');
  }
  if (json.normalizer !== undefined && json.normalizer !== null) throw new Error('tokenizer.json: normalizers are not supported');
  const pre = json.pre_tokenizer;
  if (pre && (pre.type !== 'ByteLevel' || pre.add_prefix_space === true || pre.use_regex === false)) {
    throw new Error(`tokenizer.json: unsupported pre-tokenizer ${JSON.stringify(pre)}`);
  }
  if (model.continuing_subword_prefix || model.end_of_word_suffix) throw new Error('tokenizer.json: subword prefixes/suffixes are not supported');
  const vocab = new Map<string, number>(Object.entries(model.vocab));
  const merges = model.merges.map((merge, index): MergePair =>
    typeof merge === 'string' ? mergeFromString(merge, `tokenizer.json merge ${index}`) : [merge[0], merge[1]],
  );
  const addedTokens = (json.added_tokens ?? []).map((token): AddedToken => {
    if (token.single_word) throw new Error(`tokenizer.json: single_word added tokens are not supported (${token.content})`);
    return { content: token.content, id: token.id, special: token.special ?? false, lstrip: token.lstrip ?? false, rstrip: token.rstrip ?? false };
  });
  return { vocab, merges, addedTokens, unkToken: model.unk_token ?? null };
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * A downloaded tokenizer folder: vocab.json + merges.txt when both are there (what transformers'
 * RobertaTokenizer, used by Prismer, reads), else tokenizer.json.
 */
export async function readVocabulary(dir: string, specialTokens: readonly SpecialTokenSpec[] = robertaSpecialTokens): Promise<BpeVocabulary> {
  const vocabPath = join(dir, 'vocab.json');
  const mergesPath = join(dir, 'merges.txt');
  if ((await exists(vocabPath)) && (await exists(mergesPath))) {
    const [vocabJson, mergesTxt] = await Promise.all([readFile(vocabPath, 'utf8'), readFile(mergesPath, 'utf8')]);
    return vocabularyFromFiles(vocabJson, mergesTxt, specialTokens);
  }
  const tokenizerPath = join(dir, 'tokenizer.json');
  if (await exists(tokenizerPath)) return vocabularyFromTokenizerJson(await readFile(tokenizerPath, 'utf8'));
  throw new Error(`no tokenizer files in ${dir}: expected vocab.json + merges.txt or tokenizer.json`);
}
