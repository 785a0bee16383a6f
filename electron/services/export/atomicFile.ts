// Files that appear whole or not at all: written under a hidden temporary name in the same folder (so the
// final rename is atomic on one file system), then renamed over the target. A cancelled or failed export
// removes its temporary files; a killed one can leave only a hidden '.partial' file, never a half target.
// Folders are never created here: a target folder that vanished mid-export is an error, not a new folder
// holding half an export.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFully } from '../files/writeFully.ts';

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.partial`);
}

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await writeFile(temp, data);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A file written as a stream of chunks, committed by one rename. */
export class AtomicFile {
  readonly target: string;
  readonly #temp: string;
  readonly #handle: FileHandle;
  #pending: string[] = [];
  #pendingLength = 0;
  #closed = false;

  private constructor(target: string, temp: string, handle: FileHandle) {
    this.target = target;
    this.#temp = temp;
    this.#handle = handle;
  }

  static async create(target: string): Promise<AtomicFile> {
    const temp = tempPathFor(target);
    return new AtomicFile(target, temp, await open(temp, 'wx'));
  }

  /** Buffers small writes; one system call per ~1 MB keeps a 100k-row export from being syscall-bound. */
  async write(chunk: string): Promise<void> {
    this.#pending.push(chunk);
    this.#pendingLength += chunk.length;
    if (this.#pendingLength >= 1 << 20) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const bytes = Buffer.from(this.#pending.join(''));
    this.#pending = [];
    this.#pendingLength = 0;
    await writeFully(this.#handle, bytes);
  }

  /** Appends another file's bytes (e.g. a section written to its own temp file). */
  async append(path: string): Promise<void> {
    await this.flush();
    const source = await open(path, 'r');
    try {
      const buffer = Buffer.allocUnsafe(1 << 20);
      for (;;) {
        const { bytesRead } = await source.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        await writeFully(this.#handle, buffer, bytesRead);
      }
    } finally {
      await source.close();
    }
  }

  async commit(): Promise<void> {
    await this.flush();
    await this.#close();
    await rename(this.#temp, this.target);
  }

  async abort(): Promise<void> {
    this.#pending = [];
    await this.#close();
    await rm(this.#temp, { force: true });
  }

  /** The temporary file's path (for sections appended to another file). */
  get tempPath(): string {
    return this.#temp;
  }

  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#handle.close();
  }
}
