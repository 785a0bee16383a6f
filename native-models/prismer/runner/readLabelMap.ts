// Reads a stored label map (the 8-bit PNG the experts job writes: greyscale, or RGB for normals) back
// into the pixels the input assembly takes.
import sharp from 'sharp';
import type { LabelMap } from '../../experts/expert.ts';

export async function readLabelMap(path: string): Promise<LabelMap> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 && info.channels !== 3) throw new Error(`${path} is not a label map: ${info.channels} channels`);
  return { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
