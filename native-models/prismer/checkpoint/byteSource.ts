// Random access to a file's bytes: every reader in this folder reads through a ByteSource, one range at a
// time with positioned reads on a file handle, so a 4 GB checkpoint is never held in memory.
import { open } from 'node:fs/promises';

export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /** Exactly `length` bytes from `position`, in a fresh buffer (byteOffset 0, safe for typed-array views). */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

const CHUNK = 1 << 30; // a single fs read is limited to 2 GiB

export async function openFileSource(path: string): Promise<ByteSource> {
  const handle = await open(path, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (error) {
    await handle.close();
    throw error;
  }
  return {
    size,
    async read(position, length) {
      checkRange(position, length, size, path);
      const out = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(out, done, Math.min(CHUNK, length - done), position + done);
        if (bytesRead === 0) throw new Error(`${path}: unexpected end of file at byte ${position + done} (the file changed while reading?)`);
        done += bytesRead;
      }
      return out;
    },
    close: () => handle.close(),
  };
}

/** A ByteSource over bytes already in memory (tests, small embedded files). */
export function memorySource(bytes: Uint8Array, label = 'buffer'): ByteSource {
  return {
    size: bytes.length,
    async read(position, length) {
      checkRange(position, length, bytes.length, label);
      const out = new Uint8Array(length); // a copy with its own buffer, even when `bytes` is a pooled Buffer
      out.set(bytes.subarray(position, position + length));
      return out;
    },
    async close() {},
  };
}

function checkRange(position: number, length: number, size: number, label: string): void {
  if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0 || position + length > size) {
    throw new Error(`${label}: read of ${length} bytes at ${position} is outside the file (${size} bytes): truncated or corrupt`);
  }
}
