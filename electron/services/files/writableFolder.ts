// Before anything is written into a folder a person chose (an export's target): it exists or can be
// created, it is a folder, a file can really be written in it (a read-only mount or a permission says no
// only when tried — access(2) lies to root and about read-only network mounts), and its file system has
// room. Each refusal is one sentence with the OS cause; the probe file is removed again.
import { randomBytes } from 'node:crypto';
import { open, rm, rmdir, statfs } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatBytes } from './byteSizes.ts';
import { errorCode, FileProblem, plainCause } from './fileErrors.ts';
import { makeFolder } from './makeFolder.ts';

export interface WritableFolderOptions {
  /** Names the folder in messages, e.g. "the export folder". */
  readonly what?: string;
  /** Refuse when less is free (bytes); default 1 MiB. */
  readonly minFreeBytes?: number;
}

export interface WritableFolder {
  readonly path: string;
  readonly freeBytes: number | null;
  /** Folders this check created (outermost first), so a caller that gives up can remove them. */
  readonly created: readonly string[];
}

const MiB = 1024 * 1024;

export async function checkWritableFolder(path: string, options: WritableFolderOptions = {}): Promise<WritableFolder> {
  const what = options.what ?? 'the folder';
  const folder = resolve(path);
  const created = await makeFolder(folder, { what });
  try {
    const freeBytes = await probe(folder, what, options.minFreeBytes ?? MiB);
    return { path: folder, freeBytes, created };
  } catch (error) {
    // A refused folder is not left behind where this check made it.
    for (const dir of [...created].reverse()) await rmdir(dir).catch(() => undefined);
    throw error;
  }
}

async function probe(folder: string, what: string, minFree: number): Promise<number | null> {
  const probe = join(folder, `.prismer-studio-write-check-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const handle = await open(probe, 'wx');
    try {
      await handle.write('ok');
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    // The folder, not the probe's name, is what a person needs to hear about.
    throw new FileProblem(`Cannot write into ${what} ${folder}: ${plainCause(error)}.`, folder, errorCode(error), { cause: error });
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
  let freeBytes: number | null = null;
  try {
    const fs = await statfs(folder);
    freeBytes = Number(fs.bavail) * Number(fs.bsize);
  } catch {
    // Some file systems cannot say; the write probe above already worked.
  }
  if (freeBytes !== null && freeBytes < minFree) {
    throw new FileProblem(`Cannot write into ${what} ${folder}: no space left on the device (${formatBytes(freeBytes)} free, ${formatBytes(minFree)} needed) (ENOSPC).`, folder, 'ENOSPC');
  }
  return freeBytes;
}
