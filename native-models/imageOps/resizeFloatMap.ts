// Resizes float maps as PyTorch's F.interpolate does: bilinear with align_corners=False (half-pixel
// centres, edge clamped) for depth/normal/edge maps, nearest (src = floor(dst · in / out)) for labels.
import type { FloatMap } from '../experts/expert.ts';

/** Along one axis of a bilinear resize from `inSize` to `outSize`: each output's two source indices and the weight of the second. */
export function bilinearTaps(inSize: number, outSize: number): { first: Int32Array; second: Int32Array; weight: Float64Array } {
  const first = new Int32Array(outSize);
  const second = new Int32Array(outSize);
  const weight = new Float64Array(outSize);
  const scale = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const f = Math.max(0, (o + 0.5) * scale - 0.5);
    first[o] = Math.min(inSize - 1, Math.floor(f));
    second[o] = Math.min(inSize - 1, first[o]! + 1);
    weight[o] = f - first[o]!;
  }
  return { first, second, weight };
}

export function resizeBilinear(map: FloatMap, width: number, height: number): FloatMap {
  const { width: w0, height: h0, channels: c } = map;
  if (w0 === width && h0 === height) return map;
  const out = new Float32Array(width * height * c);
  const xs = bilinearTaps(w0, width);
  const ys = bilinearTaps(h0, height);
  for (let y = 0; y < height; y++) {
    const y0 = ys.first[y]!;
    const y1 = ys.second[y]!;
    const wy = ys.weight[y]!;
    for (let x = 0; x < width; x++) {
      const x0 = xs.first[x]!;
      const x1 = xs.second[x]!;
      const wx = xs.weight[x]!;
      for (let k = 0; k < c; k++) {
        const a = map.data[(y0 * w0 + x0) * c + k]!;
        const b = map.data[(y0 * w0 + x1) * c + k]!;
        const d = map.data[(y1 * w0 + x0) * c + k]!;
        const e = map.data[(y1 * w0 + x1) * c + k]!;
        out[(y * width + x) * c + k] = (a * (1 - wx) + b * wx) * (1 - wy) + (d * (1 - wx) + e * wx) * wy;
      }
    }
  }
  return { width, height, channels: c, data: out };
}

/** Nearest-neighbour resize of any per-pixel array (labels, class ids). */
export function resizeNearest<T extends Uint8Array | Float32Array | Int32Array>(
  data: T,
  w0: number,
  h0: number,
  channels: number,
  width: number,
  height: number,
  make: (length: number) => T,
): T {
  const out = make(width * height * channels);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(h0 - 1, Math.floor((y * h0) / height));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(w0 - 1, Math.floor((x * w0) / width));
      for (let k = 0; k < channels; k++) out[(y * width + x) * channels + k] = data[(sy * w0 + sx) * channels + k]!;
    }
  }
  return out;
}
