// Small CLIP tokenizer files and a small CLIP text model for tests. The vocabulary is built the way
// simple_tokenizer.py builds the real one (the 256 byte characters, the same with `</w>`, one token per
// merge, then the two special tokens), so single-character ids are the real ones ('!' 0, 'a' 64, 'a</w>'
// 320); only the merges differ. The model has the real signature (`input_ids` int64 [batch, 77] →
// `text_embeds` float32 [batch, 768]) and computes Σₜ (t + 1) · table[idₜ], with small integer tables so
// float32 sums are exact and a test can predict them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphBuilder } from '../../../native-models/onnx/graphBuilder.ts';
import { byteToChar } from '../../../native-models/prismer/tokenizer/byteLevel.ts';

export interface ClipVocabularyFiles {
  readonly vocabJson: string;
  readonly mergesTxt: string;
  /** token → id, for expectations. */
  readonly ids: ReadonlyMap<string, number>;
}

/** The byte characters in simple_tokenizer.py's bytes_to_unicode() order (printable bytes first). */
function unicodeOrder(): string[] {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const bytes = [...Array.from({ length: 256 }, (_, b) => b).filter(printable), ...Array.from({ length: 256 }, (_, b) => b).filter((b) => !printable(b))];
  return bytes.map((b) => byteToChar[b]!);
}

export function clipVocabularyFiles(merges: readonly (readonly [string, string])[]): ClipVocabularyFiles {
  const chars = unicodeOrder();
  const tokens = [...chars, ...chars.map((c) => `${c}</w>`), ...merges.map(([a, b]) => a + b), '<|startoftext|>', '<|endoftext|>'];
  const ids = new Map<string, number>();
  tokens.forEach((token, id) => {
    if (!ids.has(token)) ids.set(token, id);
  });
  return {
    vocabJson: JSON.stringify(Object.fromEntries(ids)),
    mergesTxt: ['#version: 0.2', ...merges.map(([a, b]) => `${a} ${b}`)].join('\n') + '\n',
    ids,
  };
}

export function writeClipVocabulary(dir: string, merges: readonly (readonly [string, string])[]): ClipVocabularyFiles & { vocab: string; merges: string } {
  const files = clipVocabularyFiles(merges);
  const vocab = join(dir, 'vocab.json');
  const mergesPath = join(dir, 'merges.txt');
  writeFileSync(vocab, files.vocabJson);
  writeFileSync(mergesPath, files.mergesTxt);
  return { ...files, vocab, merges: mergesPath };
}

export const TEXT_WIDTH = 768;
const context = 77;

/** The fake model's table: small integers, different for every id and column. */
export function tableValue(id: number, column: number): number {
  return ((id * 7 + column * 3) % 11) - 5;
}

/** What the fake model returns for one row of input ids. */
export function fakeTextEmbedding(ids: readonly number[]): Float32Array {
  const out = new Float32Array(TEXT_WIDTH);
  for (let j = 0; j < TEXT_WIDTH; j++) {
    let sum = 0;
    ids.forEach((id, t) => (sum += (t + 1) * tableValue(id, j)));
    out[j] = sum;
  }
  return out;
}

export function writeClipTextModel(dir: string, vocabularySize: number, name = 'text_model.onnx'): string {
  const g = new GraphBuilder('fake-clip-text');
  const ids = g.input('input_ids', 'int64', ['batch', context]);
  const table = g.constantFloats(
    Array.from({ length: vocabularySize * TEXT_WIDTH }, (_, k) => tableValue(Math.floor(k / TEXT_WIDTH), k % TEXT_WIDTH)),
    [vocabularySize, TEXT_WIDTH],
  );
  const rows = g.op('Gather', [table, ids], { axis: 0 });
  const weighted = g.op('Mul', [rows, g.constantFloats(Array.from({ length: context }, (_, t) => t + 1), [1, context, 1])]);
  const embeds = g.op('ReduceSum', [weighted, g.constantInts([1])], { keepdims: 0 });
  g.output(embeds, 'text_embeds', 'float32', ['batch', TEXT_WIDTH]);
  const path = join(dir, name);
  writeFileSync(path, g.toBytes(18));
  return path;
}
