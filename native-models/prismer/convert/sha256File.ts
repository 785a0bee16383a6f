// The sha256 of a file, read as a stream (a 4 GB checkpoint never sits in memory), with its size.
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

export async function sha256File(path: string, onBytes?: (done: number) => void): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
    onBytes?.(size);
  }
  return { sha256: hash.digest('hex'), size };
}
