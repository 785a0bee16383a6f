// Decodes a photo once for all experts: 8-bit RGB, EXIF orientation applied, alpha dropped.
import sharp from 'sharp';
import type { RgbImage } from '../experts/expert.ts';

export async function decodeRgb(input: string | Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: 1_000_000_000 })
    .rotate()
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** Resizes RGB bytes with a bilinear filter (what the experts' reference pipelines use). */
export function resizeRgbBilinear(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  return resizeRgbWith(image, width, height, 'linear');
}

/** Resizes RGB bytes to exactly width × height (aspect not kept) with sharp's linear or cubic kernel. */
export async function resizeRgbWith(image: RgbImage, width: number, height: number, kernel: 'linear' | 'cubic'): Promise<RgbImage> {
  if (image.width === width && image.height === height) return image;
  const data = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 3 },
  })
    .resize(width, height, { fit: 'fill', kernel })
    .raw()
    .toBuffer();
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
