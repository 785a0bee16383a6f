// Thumbnails in the cache folder, one WebP per content hash (duplicates share one), EXIF orientation
// applied. Written through a temporary file and a rename so a crash never leaves a half thumbnail.
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export const thumbnailEdge = 320;

export class ThumbnailStore {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  pathFor(contentHash: string): string {
    return join(this.dir, contentHash.slice(0, 2), `${contentHash}.webp`);
  }

  async has(contentHash: string): Promise<boolean> {
    return stat(this.pathFor(contentHash)).then(
      (s) => s.size > 0,
      () => false,
    );
  }

  /** Decodes the whole image (so truncated data is caught here) and writes its thumbnail. */
  async render(image: Buffer): Promise<Buffer> {
    return sharp(image, { failOn: 'error', limitInputPixels: 1_000_000_000 })
      .rotate()
      .resize(thumbnailEdge, thumbnailEdge, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 78, effort: 2 })
      .toBuffer();
  }

  async write(contentHash: string, thumbnail: Buffer): Promise<void> {
    const target = this.pathFor(contentHash);
    await mkdir(join(this.dir, contentHash.slice(0, 2)), { recursive: true });
    const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await writeFile(temp, thumbnail);
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
  }
}
