// Everything the library learns from one file's bytes: the content hash (its identity), format and
// displayed dimensions, EXIF facts, the perceptual hash (near-duplicates) and a thumbnail. Failures
// become one clear sentence per file.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { perceptualHashes, type PerceptualHashes } from '../../../native-models/imageOps/perceptualHash.ts';
import { describeFsError } from './walkFolder.ts';
import { readExif, type ExifFacts } from './readExif.ts';

export interface ReadFile {
  readonly bytes: Buffer;
  readonly contentHash: string;
}

export interface Inspection {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly orientation: number;
  readonly exif: ExifFacts;
  /** null when the pixels could not be reduced (the file is still imported; a rescan tries again). */
  readonly phash: PerceptualHashes | null;
  readonly thumbnail: Buffer | null;
}

/** A file that is not a usable image; the message is shown to the user as is. */
export class ImageFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageFileError';
  }
}

export function hashBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function readImageFile(path: string): Promise<ReadFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new ImageFileError(`Could not read the file: ${describeFsError(error)}.`);
  }
  return { bytes, contentHash: hashBytes(bytes) };
}

function explainDecodeError(error: unknown, stage: 'header' | 'pixels', format: string | undefined): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  // libvips' error text is shared between threads and sometimes lost under concurrency.
  const detail = message && !/^unknown error$/i.test(message) ? ` (${message})` : '';
  if (format === 'heif' && /compression format|hevc/i.test(message)) {
    return 'This HEIC photo uses HEVC compression, which the bundled image library cannot decode. Convert it to JPEG or AVIF to import it.';
  }
  if (stage === 'header') {
    if (/unsupported image format|contains unsupported/i.test(message)) {
      return 'Not an image, or in a format Prismer Studio cannot read (JPEG, PNG, WebP, TIFF, GIF, AVIF and HEIC are supported).';
    }
    return `The file is not a readable image${detail}.`;
  }
  // The header was fine, so the pixel data is what is broken.
  return `The image data is damaged or incomplete${detail}.`;
}

export interface InspectOptions {
  /** Render a thumbnail (a full decode, which also proves the data is intact). */
  readonly thumbnail: ((bytes: Buffer) => Promise<Buffer>) | null;
}

export async function inspectImage(bytes: Buffer, options: InspectOptions): Promise<Inspection> {
  if (bytes.length === 0) throw new ImageFileError('The file is empty (0 bytes).');
  let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    metadata = await sharp(bytes, { failOn: 'error' }).metadata();
  } catch (error) {
    throw new ImageFileError(explainDecodeError(error, 'header', undefined));
  }
  const format = metadata.format;
  if (!format || !metadata.width || !metadata.height) {
    throw new ImageFileError('Not an image: no dimensions could be read.');
  }
  if (format === 'heif' && metadata.compression === 'hevc') {
    throw new ImageFileError(explainDecodeError(new Error('hevc compression format'), 'pixels', 'heif'));
  }
  // Started beside the thumbnail so the two decodes overlap on sharp's thread pool.
  const phash = perceptualHashes(bytes).catch(() => null);
  let thumbnail: Buffer | null = null;
  if (options.thumbnail) {
    try {
      thumbnail = await options.thumbnail(bytes);
    } catch (error) {
      await phash;
      throw new ImageFileError(explainDecodeError(error, 'pixels', format));
    }
  }
  const orientation = metadata.orientation ?? 1;
  const swap = orientation >= 5 && orientation <= 8;
  return {
    format: format === 'heif' ? (metadata.compression === 'av1' ? 'avif' : 'heif') : format,
    width: swap ? metadata.height : metadata.width,
    height: swap ? metadata.width : metadata.height,
    orientation,
    exif: await readExif(bytes),
    phash: await phash,
    thumbnail,
  };
}
