// Every saved label map enters Prismer at 224×224, resized with NEAREST whatever the RGB resolution
// (PyTorch's rule: src = floor(dst · in / out)).
import type { LabelMap } from '../../experts/expert.ts';
import { resizeNearest } from '../../imageOps/resizeFloatMap.ts';

export const LABEL_SIZE = 224;

export function resizeLabelMap(map: LabelMap, size = LABEL_SIZE): LabelMap {
  if (map.data.length !== map.width * map.height * map.channels) {
    throw new RangeError(`A ${map.width}×${map.height}×${map.channels} label map needs ${map.width * map.height * map.channels} bytes, not ${map.data.length}`);
  }
  if (map.width === size && map.height === size) return map;
  const data = resizeNearest(map.data, map.width, map.height, map.channels, size, size, (n) => new Uint8Array(n));
  return { width: size, height: size, channels: map.channels, data };
}

/** A size×size single-channel map holding one value (the stand-in for a missing expert's label). */
export function constantLabelMap(value: number, channels: 1 | 3 = 1, size = LABEL_SIZE): LabelMap {
  return { width: size, height: size, channels, data: new Uint8Array(size * size * channels).fill(value) };
}
