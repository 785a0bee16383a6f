// Copies an image into the export folder (for a self-contained dataset such as HF imagefolder) atomically,
// keeping its modification time so a re-export recognises an up-to-date copy by size and time and skips it.
// The original is only read.
import { copyFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname } from 'node:path';
import { makeFolder } from '../files/makeFolder.ts';
import { tempPathFor } from './atomicFile.ts';

/** `outDir`: the export folder the target lies in (never created again here). */
export async function copyImage(source: string, target: string, outDir: string): Promise<'copied' | 'up-to-date'> {
  const from = await stat(source);
  const to = await stat(target).catch(() => null);
  if (to && to.size === from.size && Math.trunc(to.mtimeMs) === Math.trunc(from.mtimeMs)) return 'up-to-date';
  await makeFolder(dirname(target), { what: 'a folder of the export', inside: outDir });
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
