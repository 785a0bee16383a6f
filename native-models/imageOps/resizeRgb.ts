// Resizes 8-bit RGB pixels with a triangle (bilinear) filter, separably. Upscaling is plain bilinear
// interpolation with half-pixel centres (what OpenCV's INTER_LINEAR does); downscaling widens the filter
// by the scale factor (as Pillow's BILINEAR does), so a large photo shrunk for a model keeps thin strokes
// instead of aliasing them away.
import type { RgbImage } from '../experts/expert.ts';

interface Taps {
  readonly first: Int32Array;
  readonly count: Int32Array;
  readonly weights: Float32Array;
  readonly stride: number;
}

function taps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const support = Math.max(1, scale);
  const stride = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * stride);
  for (let i = 0; i < outSize; i++) {
    const centre = (i + 0.5) * scale;
    const lo = Math.max(0, Math.floor(centre - support));
    const hi = Math.min(inSize, Math.ceil(centre + support));
    let total = 0;
    let n = 0;
    for (let j = lo; j < hi && n < stride; j++, n++) {
      const w = Math.max(0, 1 - Math.abs(j + 0.5 - centre) / support);
      weights[i * stride + n] = w;
      total += w;
    }
    // Near the borders the missing taps' weight goes to the ones inside (edge pixels repeat).
    for (let k = 0; k < n; k++) weights[i * stride + k]! /= total || 1;
    first[i] = lo;
    count[i] = n;
  }
  return { first, count, weights, stride };
}

export function resizeRgb(image: RgbImage, width: number, height: number): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`resizeRgb: target size must be positive integers, got ${width}×${height}`);
  }
  if (width === image.width && height === image.height) return { width, height, data: image.data.slice() };
  const src = image.data;
  const tx = taps(image.width, width);
  const ty = taps(image.height, height);
  // Horizontal pass: image.height rows of `width` pixels, kept in floats.
  const mid = new Float32Array(image.height * width * 3);
  for (let y = 0; y < image.height; y++) {
    const row = y * image.width * 3;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      const base = x * tx.stride;
      const j0 = tx.first[x]!;
      for (let k = 0; k < tx.count[x]!; k++) {
        const w = tx.weights[base + k]!;
        const s = row + (j0 + k) * 3;
        r += src[s]! * w;
        g += src[s + 1]! * w;
        b += src[s + 2]! * w;
      }
      const o = (y * width + x) * 3;
      mid[o] = r;
      mid[o + 1] = g;
      mid[o + 2] = b;
    }
  }
  // Vertical pass, one output row at a time.
  const out = new Uint8Array(width * height * 3);
  const rowLength = width * 3;
  const acc = new Float32Array(rowLength);
  for (let y = 0; y < height; y++) {
    acc.fill(0);
    const base = y * ty.stride;
    const j0 = ty.first[y]!;
    for (let k = 0; k < ty.count[y]!; k++) {
      const w = ty.weights[base + k]!;
      const s = (j0 + k) * rowLength;
      for (let c = 0; c < rowLength; c++) acc[c]! += mid[s + c]! * w;
    }
    const o = y * rowLength;
    for (let c = 0; c < rowLength; c++) {
      const v = acc[c]!;
      out[o + c] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }
  }
  return { width, height, data: out };
}
