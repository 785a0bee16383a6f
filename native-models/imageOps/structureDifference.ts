// Decides whether two photos whose perceptual hashes are close are really the same picture. A 64-bit
// hash keeps only the lowest frequencies, so two photos of different signs on one wall hash 6–12 bits
// apart — as close as a recompressed copy. Here the two are compared pixel by pixel instead: the second
// is fitted to the first as a brightness/contrast change (b ≈ αa + β, which is what an edit, a filter or
// a recompression does to a copy), and what the fit cannot explain is measured block by block. A copy
// leaves a small residual everywhere; a different sign leaves a large one where the sign is, however
// small the sign. The worst 8×8 block, over the spread of the target, is the difference: on the labelled
// set in docs/search.md copies measured at most 0.29 (all but 160-pixel thumbnails, which lose the
// detail that tells signs apart), different photos 0.88 or more. Trimmed borders are
// allowed for by also comparing the middle 95 %…80 % of either photo with the whole of the other.
import { centreRegion, greySquare, hashSourceSide } from './perceptualHash.ts';

/** The greyscale square a photo is compared by (the same decode as its hashes). */
export type StructureSignature = Uint8Array;

/** Above this difference two photos are not the same picture (see the header for the measurements). */
export const sameStructureLimit = 0.6;

const side = 64;
const block = 8;
/** Fractions of one photo compared with the whole of the other: a copy cropped by up to 10 % a side. */
const coarseAlignments = [0.95, 0.9, 0.85, 0.8] as const;
const fineSteps = [-0.04, -0.03, -0.02, -0.01, 0.01, 0.02, 0.03, 0.04] as const;
/** Below this spread (grey levels) a picture is flat: only another flat picture of that tone matches. */
const flatSpread = 2;

/** Each signature's resampled regions by fraction: one photo is checked against several candidates. */
const regions = new WeakMap<StructureSignature, Map<number, Uint8Array>>();

function regionOf(signature: StructureSignature, fraction: number): Uint8Array {
  let byFraction = regions.get(signature);
  if (!byFraction) regions.set(signature, (byFraction = new Map()));
  const key = Math.round(fraction * 100);
  let region = byFraction.get(key);
  if (!region) byFraction.set(key, (region = centreRegion(signature, hashSourceSide, key / 100, side)));
  return region;
}

export async function structureSignature(bytes: Buffer): Promise<StructureSignature> {
  return greySquare(bytes, hashSourceSide);
}

/** The worst block's residual after fitting `b ≈ αa + β`, over the spread of `b`. */
function residualDifference(a: Uint8Array, b: Uint8Array): number {
  const n = a.length;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i]!;
    sb += b[i]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let vaa = 0;
  let vab = 0;
  let vbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    vaa += da * da;
    vab += da * db;
    vbb += db * db;
  }
  const spreadA = Math.sqrt(vaa / n);
  const spreadB = Math.sqrt(vbb / n);
  if (spreadA < flatSpread || spreadB < flatSpread) {
    // A flat picture has no structure to fit; it matches only another flat one of about the same tone.
    return spreadA < flatSpread && spreadB < flatSpread && Math.abs(ma - mb) < 24 ? 0 : Number.POSITIVE_INFINITY;
  }
  const alpha = vab / vaa;
  // A negative image is not a copy, and neither is one whose contrast was all but removed.
  if (alpha <= 0.2) return Number.POSITIVE_INFINITY;
  const beta = mb - alpha * ma;
  let worst = 0;
  for (let by = 0; by < side; by += block) {
    for (let bx = 0; bx < side; bx += block) {
      let sum = 0;
      for (let y = by; y < by + block; y++) {
        for (let x = bx; x < bx + block; x++) {
          const i = y * side + x;
          const r = b[i]! - (alpha * a[i]! + beta);
          sum += r * r;
        }
      }
      worst = Math.max(worst, Math.sqrt(sum / (block * block)));
    }
  }
  return worst / spreadB;
}

/**
 * How different two photos' structures are: 0 for the same pixels, at most `sameStructureLimit` for
 * the same picture edited, resized, recompressed or slightly cropped, more for different pictures.
 */
export function structureDifference(a: StructureSignature, b: StructureSignature): number {
  const expected = hashSourceSide * hashSourceSide;
  if (a.length !== expected || b.length !== expected) throw new RangeError(`A structure signature has ${expected} grey values.`);
  const wholeA = regionOf(a, 1);
  const wholeB = regionOf(b, 1);
  // Part of `from` compared with the whole of `to`: the photo `to` would be if `from` were trimmed.
  const trimmedOf = (from: StructureSignature, fraction: number, to: Uint8Array) =>
    residualDifference(regionOf(from, fraction), to);
  let best = residualDifference(wholeA, wholeB);
  let bestFraction = 1;
  let bestFrom: 'a' | 'b' = 'a';
  for (const fraction of coarseAlignments) {
    if (best <= 0.05) return best;
    for (const from of ['a', 'b'] as const) {
      const difference = from === 'a' ? trimmedOf(a, fraction, wholeB) : trimmedOf(b, fraction, wholeA);
      if (difference < best) [best, bestFraction, bestFrom] = [difference, fraction, from];
    }
  }
  // The coarse steps are 5 % apart; a copy trimmed between two of them is misaligned at the borders
  // by up to a pixel of the 64, enough to double the residual there. Finer steps around the best fix that.
  for (const step of fineSteps) {
    const fraction = bestFraction + step;
    if (fraction > 1 || fraction < 0.75) continue;
    const difference = bestFrom === 'a' ? trimmedOf(a, fraction, wholeB) : trimmedOf(b, fraction, wholeA);
    best = Math.min(best, difference);
  }
  return best;
}
