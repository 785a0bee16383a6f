// Resolves the files the renderer may display: a thumbnail or the photo itself, always by image id, never
// by a path from the renderer. A photo is served only while its file lies under the library folder it
// was imported from; formats a browser cannot show (TIFF, HEIC) are converted once into the cache.
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import sharp from 'sharp';
import type { StudioDb } from '../../../db/open.ts';
import { getFolderRoot } from '../../../db/queries/folders.ts';
import { getImage, setThumbnailReady } from '../../../db/queries/images.ts';
import { browserFormats } from '../library/imageFormats.ts';
import type { ThumbnailStore } from '../library/thumbnailStore.ts';

export interface MediaFile {
  readonly path: string;
  readonly contentType: string;
}

const contentTypes: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

function isUnder(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

export class MediaService {
  readonly #db: StudioDb;
  readonly #thumbnails: ThumbnailStore;
  readonly #previewDir: string;

  constructor(db: StudioDb, thumbnails: ThumbnailStore, previewDir: string) {
    this.#db = db;
    this.#thumbnails = thumbnails;
    this.#previewDir = previewDir;
  }

  /** The photo's file, if the library still has it where it was imported. */
  async original(imageId: number): Promise<MediaFile | null> {
    const image = getImage(this.#db, imageId);
    if (!image || image.status !== 'ok' || !image.contentHash || !image.format) return null;
    const folder = getFolderRoot(this.#db, image.folderId);
    if (!folder) return null;
    const allowed = folder.kind === 'folder' ? isUnder(image.path, folder.path) : dirname(image.path) === folder.path;
    if (!allowed || !(await isFile(image.path))) return null;
    if (browserFormats.has(image.format)) return { path: image.path, contentType: contentTypes[image.format]! };
    const preview = join(this.#previewDir, `${image.contentHash}.jpg`);
    if (!(await isFile(preview))) {
      await mkdir(this.#previewDir, { recursive: true });
      const temp = `${preview}.${process.pid}.tmp`;
      await sharp(image.path, { failOn: 'none', limitInputPixels: 1_000_000_000 }).rotate().jpeg({ quality: 92 }).toFile(temp);
      await rename(temp, preview);
    }
    return { path: preview, contentType: 'image/jpeg' };
  }

  /** The thumbnail, made now if the import skipped it. */
  async thumbnail(imageId: number): Promise<MediaFile | null> {
    const image = getImage(this.#db, imageId);
    if (!image || image.status !== 'ok' || !image.contentHash) return null;
    const path = this.#thumbnails.pathFor(image.contentHash);
    if (await isFile(path)) return { path, contentType: 'image/webp' };
    const source = await this.original(imageId);
    if (!source) return null;
    const sourceBytes = await readFile(image.path);
    await this.#thumbnails.write(image.contentHash, await this.#thumbnails.render(sourceBytes));
    setThumbnailReady(this.#db, image.contentHash);
    return { path, contentType: 'image/webp' };
  }
}
