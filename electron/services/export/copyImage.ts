// Copies an image into the export folder (for a self-contained dataset such as HF imagefolder) atomically,
// keeping its modification time so a re-export recognises an up-to-date copy by size and time and skips it.
// The original is only read.
import { copyFile, mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempPathFor } from './atomicFile.ts';

export async function copyImage(source: string, target: string): Promise<'copied' | 'up-to-date'> {
  const from = await stat(source);
  const to = await stat(target).catch(() => null);
  if (to && to.size === from.size && Math.trunc(to.mtimeMs) === Math.trunc(from.mtimeMs)) return 'up-to-date';
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    await copyFile(source, temp);
    await utimes(temp, from.atime, from.mtime);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return 'copied';
}
