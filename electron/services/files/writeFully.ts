// Writes all of a buffer through a file handle. One write(2) may take fewer bytes than it is given — a
// disk that fills up takes what fits and reports no error until the next call — so a caller that ignores
// `bytesWritten` silently loses the rest. This writes again until everything is on disk or the OS says why not.
import type { FileHandle } from 'node:fs/promises';

/** `position`: where to write (null: at the file's current position, as appends do). */
export async function writeFully(handle: FileHandle, bytes: Uint8Array, length = bytes.byteLength, position: number | null = null): Promise<void> {
  let offset = 0;
  while (offset < length) {
    const { bytesWritten } = await handle.write(bytes, offset, length - offset, position === null ? null : position + offset);
    offset += bytesWritten;
  }
}
