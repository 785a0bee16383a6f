// Label maps on disk: 8-bit PNGs in the cache folder, one per content hash × expert × model, written
// through a temporary file and a rename.
import { mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export interface LabelMapData {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

export function labelMapPath(mapsDir: string, contentHash: string, expert: string, modelId: string, modelVersion: string): string {
  const safe = `${expert}-${modelId}-${modelVersion}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120);
  return join(mapsDir, contentHash.slice(0, 2), contentHash, `${safe}.png`);
}

export async function writeLabelMap(path: string, map: LabelMapData): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const image = sharp(Buffer.from(map.data.buffer, map.data.byteOffset, map.data.byteLength), {
      raw: { width: map.width, height: map.height, channels: map.channels },
    });
    // Single-channel maps stay greyscale PNGs (sharp would otherwise write RGB).
    await (map.channels === 1 ? image.toColourspace('b-w') : image).png({ compressionLevel: 6 }).toFile(temp);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
