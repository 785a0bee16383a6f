// Real image files for tests, made with sharp: JPEG/PNG/WebP with chosen pixels and EXIF, and the broken
// files a real library contains (truncated, zero-byte, text with an image extension).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import sharp from 'sharp';

export interface PhotoOptions {
  readonly width?: number;
  readonly height?: number;
  /** Seed for the pixel content: different seeds give different hashes. */
  readonly seed?: number;
  readonly format?: 'jpeg' | 'png' | 'webp' | 'tiff' | 'gif' | 'avif';
  readonly orientation?: number;
  readonly exif?: {
    make?: string;
    model?: string;
    takenAt?: string; // 'YYYY:MM:DD HH:MM:SS'
    lat?: number;
    lon?: number;
  };
}

function dms(value: number): string {
  const a = Math.abs(value);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

export async function photoBytes(options: PhotoOptions = {}): Promise<Buffer> {
  const width = options.width ?? 64;
  const height = options.height ?? 48;
  const seed = options.seed ?? 1;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 4 + seed * 37) & 255;
      raw[i + 1] = (y * 4 + seed * 91) & 255;
      raw[i + 2] = (x * y + seed * 13) & 255;
    }
  }
  let image = sharp(raw, { raw: { width, height, channels: 3 } });
  const exif = options.exif;
  if (exif) {
    image = image.withExif({
      IFD0: { ...(exif.make ? { Make: exif.make } : {}), ...(exif.model ? { Model: exif.model } : {}) },
      IFD2: exif.takenAt ? { DateTimeOriginal: exif.takenAt } : {},
      IFD3:
        exif.lat !== undefined && exif.lon !== undefined
          ? { GPSLatitudeRef: exif.lat >= 0 ? 'N' : 'S', GPSLatitude: dms(exif.lat), GPSLongitudeRef: exif.lon >= 0 ? 'E' : 'W', GPSLongitude: dms(exif.lon) }
          : {},
    });
  }
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  switch (options.format ?? 'jpeg') {
    case 'png':
      return image.png().toBuffer();
    case 'webp':
      return image.webp().toBuffer();
    case 'tiff':
      return image.tiff().toBuffer();
    case 'gif':
      return image.gif().toBuffer();
    case 'avif':
      return image.avif({ effort: 0 }).toBuffer();
    default:
      return image.jpeg({ quality: 90 }).toBuffer();
  }
}

export async function writePhoto(path: string, options: PhotoOptions = {}): Promise<Buffer> {
  const bytes = await photoBytes(options);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return bytes;
}

export function writeBytes(path: string, bytes: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/** The first part of a real JPEG: headers parse, pixel data stops early. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await photoBytes({ width: 256, height: 256, seed: 99 });
  return whole.subarray(0, Math.floor(whole.length / 2));
}
