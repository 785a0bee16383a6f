// Finds the RoBERTa tokenizer files in a folder (tokenizer.json, or vocab.json + merges.txt) and copies
// them into a bundle; a folder without either set is refused by name.
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function tokenizerFilesIn(dir: string): string[] {
  const present = (name: string) => existsSync(join(dir, name));
  if (!existsSync(dir)) throw new Error(`The tokenizer folder ${dir} does not exist`);
  const files = present('vocab.json') && present('merges.txt') ? ['vocab.json', 'merges.txt'] : [];
  if (present('tokenizer.json')) files.push('tokenizer.json');
  if (files.length === 0) throw new Error(`The tokenizer folder ${dir} has neither tokenizer.json nor vocab.json + merges.txt`);
  return files;
}

/** Copies the tokenizer files into `bundle/tokenizer/`; returns their bundle-relative paths. */
export async function copyTokenizer(dir: string, bundle: string): Promise<string[]> {
  const files = tokenizerFilesIn(dir);
  await mkdir(join(bundle, 'tokenizer'), { recursive: true });
  for (const f of files) await copyFile(join(dir, f), join(bundle, 'tokenizer', f));
  return files.map((f) => `tokenizer/${f}`);
}
