// The high-level inputs (seg, obj_detection, ocr_detection) in two forms. Compact: a 224×224 int32 map of
// row indices into a [K+1, 64] table whose last row is the background (label 255 → K), as the parity
// fixtures store them. Expanded: every pixel replaced by its row, channels first [64,224,224].
import { FEATURE_DIM } from './labelTables.ts';

export interface CompactLabels {
  readonly width: number;
  readonly height: number;
  /** Row index per pixel, row-major. */
  readonly labelMap: Int32Array;
  /** rows × 64; the last row is the background vector. */
  readonly features: Float32Array;
  readonly rows: number;
}

export const BACKGROUND_LABEL = 255;

/**
 * A single-channel 8-bit map → compact labels over `rowFor(label)` (one entry per label 0…K−1, null: that
 * label takes the background) plus the background row; label 255 takes the background, any other label
 * outside the table is an error.
 */
export function compactLabels(labels: Uint8Array, width: number, height: number, rows: readonly (Float32Array | null)[], background: Float32Array, what: string): CompactLabels {
  if (labels.length !== width * height) throw new RangeError(`${what}: ${labels.length} labels for a ${width}×${height} map`);
  if (rows.length >= BACKGROUND_LABEL) throw new RangeError(`${what}: ${rows.length} labels do not fit an 8-bit map with 255 as background`);
  const k = rows.length;
  const features = new Float32Array((k + 1) * FEATURE_DIM);
  rows.forEach((row, i) => features.set(row ?? background, i * FEATURE_DIM));
  features.set(background, k * FEATURE_DIM);
  const labelMap = new Int32Array(labels.length);
  for (let p = 0; p < labels.length; p++) {
    const label = labels[p]!;
    if (label === BACKGROUND_LABEL) labelMap[p] = k;
    else if (label < k) labelMap[p] = label;
    else throw new RangeError(`${what}: label ${label} at pixel ${p} has no entry (${k} known, 255 is background)`);
  }
  return { width, height, labelMap, features, rows: k + 1 };
}

/** `features[labelMap]`, channels first: [64, height, width]. */
export function expandLabels(compact: CompactLabels): Float32Array {
  const plane = compact.width * compact.height;
  const out = new Float32Array(FEATURE_DIM * plane);
  for (let p = 0; p < plane; p++) {
    const base = compact.labelMap[p]! * FEATURE_DIM;
    if (base < 0 || base >= compact.features.length) throw new RangeError(`Row ${compact.labelMap[p]} is outside a ${compact.rows}-row table`);
    for (let c = 0; c < FEATURE_DIM; c++) out[c * plane + p] = compact.features[base + c]!;
  }
  return out;
}
