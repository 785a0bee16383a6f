// Resizes float maps as PyTorch's F.interpolate does: bilinear with align_corners=False (half-pixel
// centres, edge clamped) for depth/normal/edge maps, nearest (src = floor(dst · in / out)) for labels.
import type { FloatMap } from '../experts/expert.ts';

export function resizeBilinear(map: FloatMap, width: number, height: number): FloatMap {
  const { width: w0, height: h0, channels: c } = map;
  if (w0 === width && h0 === height) return map;
  const out = new Float32Array(width * height * c);
  const sx = w0 / width;
  const sy = h0 / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(h0 - 1, Math.floor(fy));
    const y1 = Math.min(h0 - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(w0 - 1, Math.floor(fx));
      const x1 = Math.min(w0 - 1, x0 + 1);
      const wx = fx - x0;
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
