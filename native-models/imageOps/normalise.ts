// The small numeric steps the experts' pre- and post-processing share.

/** Min and max over all values (NaN ignored); equal when the input is constant. */
export function minMax(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: 0, max: 0 };
}

/** Min–max to [0, 1] (a constant map becomes all zeros). */
export function minMaxNormalise(values: Float32Array): Float32Array {
  const { min, max } = minMax(values);
  const range = max - min;
  const out = new Float32Array(values.length);
  if (range <= 0) return out;
  for (let i = 0; i < values.length; i++) out[i] = (values[i]! - min) / range;
  return out;
}

export function median(values: ArrayLike<number>): number {
  const sorted = Float32Array.from(values).sort();
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** [0,1] floats to bytes, rounded and clamped. */
export function toBytes(unit: Float32Array): Uint8Array {
  const out = new Uint8Array(unit.length);
  for (let i = 0; i < unit.length; i++) out[i] = Math.max(0, Math.min(255, Math.round(unit[i]! * 255)));
  return out;
}

/**
 * RGB bytes (HWC) to a float tensor in channel-first layout (NCHW data), with per-channel
 * (value / scale − mean) / std, optionally in BGR order.
 */
export function rgbToChw(
  rgb: Uint8Array,
  width: number,
  height: number,
  options: { mean: readonly [number, number, number]; std: readonly [number, number, number]; scale?: number; bgr?: boolean },
): Float32Array {
  const plane = width * height;
  const out = new Float32Array(plane * 3);
  const scale = options.scale ?? 255;
  for (let c = 0; c < 3; c++) {
    const source = options.bgr ? 2 - c : c;
    const mean = options.mean[c]!;
    const std = options.std[c]!;
    for (let i = 0; i < plane; i++) out[c * plane + i] = (rgb[i * 3 + source]! / scale - mean) / std;
  }
  return out;
}

export const imagenetMean = [0.485, 0.456, 0.406] as const;
export const imagenetStd = [0.229, 0.224, 0.225] as const;
