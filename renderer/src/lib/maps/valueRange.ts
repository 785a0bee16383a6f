// The value range of a scalar layer (depth, edges): two limits in map units (0–255). Values at or
// below the low limit draw as the colormap's first colour, at or above the high limit as its last,
// and the span between is stretched over the whole colormap.

export interface ValueRange {
  readonly low: number;
  readonly high: number;
}

export const fullRange: ValueRange = { low: 0, high: 255 };

/** Puts the limits in order and inside 0–255, at least one step apart. */
export function normaliseRange(low: number, high: number): ValueRange {
  let lo = Math.round(Math.min(255, Math.max(0, Math.min(low, high))));
  let hi = Math.round(Math.min(255, Math.max(0, Math.max(low, high))));
  if (hi === lo) {
    if (hi < 255) hi += 1;
    else lo -= 1;
  }
  return { low: lo, high: hi };
}

/** Where `value` falls in the range, 0–1. */
export function rangePosition(value: number, range: ValueRange): number {
  const { low, high } = normaliseRange(range.low, range.high);
  return Math.min(1, Math.max(0, (value - low) / (high - low)));
}

/** A 256-entry table from map value to colormap index (0–255) for this range. */
export function rangeTable(range: ValueRange): Uint8Array {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.round(rangePosition(v, range) * 255);
  return table;
}
