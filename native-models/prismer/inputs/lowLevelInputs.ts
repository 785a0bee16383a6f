// Depth (C=1), normal (C=3) and edge (C=1) inputs: the 224×224 8-bit map divided by 255 to [0,1], laid
// out channels first, then min–max over all channels jointly to [−1,1]:
//   y = 2 · (x − min) / (max − min + ε) − 1,  ε = 1e-6,
// in float32 as PyTorch computes it. A constant map therefore becomes −1 everywhere.
import type { LabelMap } from '../../experts/expert.ts';
import { LABEL_SIZE, resizeLabelMap } from './resizeLabels.ts';

export const MIN_MAX_EPS = 1e-6;

/** Rescales values in place to [−1,1] by their joint min and max (see the header for the formula). */
export function minMaxToSigned(values: Float32Array, eps = MIN_MAX_EPS): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const f = Math.fround;
  const range = f(f(max - min) + f(eps));
  for (let i = 0; i < values.length; i++) values[i] = f(f(f(2 * f(values[i]! - min)) / range) - 1);
  return values;
}

/** HWC bytes → CHW floats in [0,1]. */
export function bytesToUnitChw(map: LabelMap): Float32Array {
  const { width, height, channels, data } = map;
  const plane = width * height;
  const out = new Float32Array(plane * channels);
  for (let p = 0; p < plane; p++) for (let c = 0; c < channels; c++) out[c * plane + p] = Math.fround(data[p * channels + c]! / 255);
  return out;
}

/** A saved depth/edge (1 channel) or normal (3 channels) map → the [C,224,224] input in [−1,1]. */
export function lowLevelInput(map: LabelMap, channels: 1 | 3, size = LABEL_SIZE): Float32Array {
  if (map.channels !== channels) throw new RangeError(`Expected a ${channels}-channel map, got ${map.channels} channels`);
  return minMaxToSigned(bytesToUnitChw(resizeLabelMap(map, size)));
}
