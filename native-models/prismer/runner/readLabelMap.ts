// Reads a stored label map (the 8-bit PNG the experts job writes: greyscale, or RGB for normals) back
// into the pixels the input assembly takes. sharp turns a greyscale PNG into three channels on output
// unless told otherwise, so a one-channel file is read as its one channel (values exact: labels are ids).
import sharp from 'sharp';
import type { LabelMap } from '../../experts/expert.ts';

export async function readLabelMap(path: string): Promise<LabelMap> {
  const meta = await sharp(path).metadata();
  const grey = meta.channels === 1 || (meta.channels === 2 && meta.hasAlpha === true) || meta.space === 'b-w';
  const pipeline = grey ? sharp(path).extractChannel(0) : sharp(path).removeAlpha();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1 && info.channels !== 3) throw new Error(`${path} is not a label map: ${info.channels} channels`);
  return { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}
