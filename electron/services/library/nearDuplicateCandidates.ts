// Finds the pairs of photos worth checking as near duplicates: perceptual hashes within `threshold` bits,
// the whole of one photo against the whole, the middle 90 % or the middle 80 % of the other (a copy with
// trimmed borders hashes like the middle of its original). A hash cannot decide on its own — different
// signs on one wall hash as close as a recompressed copy — so these are candidates, which
// duplicateGroups.ts checks pixel by pixel. Pairs are found by multi-index hashing instead of comparing
// all n² pairs: the 64 bits are cut into four 16-bit chunks, and two hashes at most t bits apart agree
// within ⌊t/4⌋ bits on at least one chunk (pigeonhole), so probing each chunk's buckets at that radius
// finds every pair. At the default threshold that is 4 × 17 bucket probes per hash; a million uniform
// hashes put ~15 images in a bucket.
import { hashHalves, popcount32, splitCropHashes } from '../../../native-models/imageOps/perceptualHash.ts';

/** One photo's hashes, as stored. */
export interface HashedPhoto {
  readonly full: string;
  /** The middle 90 % and 80 % (32 hex digits), or null for a photo hashed by an older build. */
  readonly crops: string | null;
}

/** Highest threshold accepted: beyond it the probe radius (and the false candidates) grow quickly. */
export const maxNearDuplicateThreshold = 12;

/**
 * Default distance for a candidate: on the labelled set in docs/search.md the copies' nearest hashes
 * were at most 7 bits apart (but 160-pixel thumbnails); 7 probes the same buckets as 4, while 8 would
 * need eight times as many probes.
 */
export const defaultNearDuplicateThreshold = 7;

/** Every 16-bit mask with at most `radius` bits set (the probes around a bucket). */
function probeMasks(radius: number): number[] {
  const masks: number[] = [];
  for (let m = 0; m < 1 << 16; m++) if (popcount32(m) <= radius) masks.push(m);
  return masks;
}

/**
 * Every pair (i < j, indices into `photos`) whose hashes are within `threshold` bits, whole against whole
 * or whole against a middle crop, each pair once, in no particular order.
 */
export function nearDuplicateCandidates(photos: readonly HashedPhoto[], threshold: number = defaultNearDuplicateThreshold): [number, number][] {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > maxNearDuplicateThreshold) {
    throw new RangeError(`The near-duplicate threshold must be a whole number of bits from 0 to ${maxNearDuplicateThreshold}.`);
  }
  const m = photos.length;
  const pairs: [number, number][] = [];
  const seen = new Set<number>();
  const add = (x: number, y: number) => {
    const [i, j] = x < y ? [x, y] : [y, x];
    const key = i * m + j;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([i, j]);
  };
  // Signed 32-bit storage: values above 2³¹ read from a Uint32Array are doubles, which slows the XORs.
  const hi = new Int32Array(m);
  const lo = new Int32Array(m);
  photos.forEach((photo, k) => {
    const [h, l] = hashHalves(photo.full);
    hi[k] = h | 0;
    lo[k] = l | 0;
  });
  const chunkOf = (chunk: number, h: number, l: number): number =>
    chunk === 0 ? h >>> 16 : chunk === 1 ? h & 0xffff : chunk === 2 ? l >>> 16 : l & 0xffff;

  // Per chunk, a counting sort of the hashes by that chunk's value: bucket v is order[start[v] … start[v+1]).
  const buckets = [0, 1, 2, 3].map((chunk) => {
    const start = new Int32Array((1 << 16) + 1);
    for (let k = 0; k < m; k++) start[chunkOf(chunk, hi[k]!, lo[k]!) + 1]!++;
    for (let v = 0; v < 1 << 16; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, 1 << 16);
    const order = new Int32Array(m);
    // The hashes themselves are copied in bucket order too: a bucket's candidates are then read from
    // consecutive memory (at a million hashes, random reads made this ~10× slower).
    const bucketHi = new Int32Array(m);
    const bucketLo = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const at = fill[chunkOf(chunk, hi[k]!, lo[k]!)]!++;
      order[at] = k;
      bucketHi[at] = hi[k]!;
      bucketLo[at] = lo[k]!;
    }
    return { start, order, bucketHi, bucketLo };
  });

  const masks = Int32Array.from(probeMasks(Math.floor(threshold / 4)));
  // Whole against whole, bucket by bucket rather than hash by hash: every member of bucket v probes the
  // same buckets v ^ mask, so each probed bucket is read once for all of them (hash by hash, the probes
  // were cache misses and a million hashes took ~3× longer).
  for (let chunk = 0; chunk < 4; chunk++) {
    const { start, order, bucketHi, bucketLo } = buckets[chunk]!;
    for (let v = 0; v < 1 << 16; v++) {
      const from = start[v]!;
      const to = start[v + 1]!;
      if (from === to) continue;
      for (let q = 0; q < masks.length; q++) {
        const target = v ^ masks[q]!;
        const first = start[target]!;
        const last = start[target + 1]! - 1;
        if (last < first) continue;
        for (let a = from; a < to; a++) {
          const k = order[a]!;
          const hk = bucketHi[a]!;
          const lk = bucketLo[a]!;
          // Buckets are in ascending order (the counting sort is stable), so walking from the end
          // visits exactly the later hashes: each pair is checked from its first member only.
          for (let p = last; p >= first; p--) {
            const other = order[p]!;
            if (other <= k) break;
            if (popcount32(hk ^ bucketHi[p]!) + popcount32(lk ^ bucketLo[p]!) > threshold) continue;
            add(k, other);
          }
        }
      }
    }
  }

  // A photo's middle crops against every other photo's whole.
  for (let k = 0; k < m; k++) {
    const crops = photos[k]!.crops;
    if (!crops) continue;
    for (const crop of splitCropHashes(crops)) {
      const [h0, l0] = hashHalves(crop);
      const h = h0 | 0;
      const l = l0 | 0;
      for (let chunk = 0; chunk < 4; chunk++) {
        const { start, order, bucketHi, bucketLo } = buckets[chunk]!;
        const v = chunkOf(chunk, h, l);
        for (let q = 0; q < masks.length; q++) {
          const target = v ^ masks[q]!;
          for (let p = start[target]!; p < start[target + 1]!; p++) {
            const other = order[p]!;
            if (other === k) continue;
            if (popcount32(h ^ bucketHi[p]!) + popcount32(l ^ bucketLo[p]!) > threshold) continue;
            add(k, other);
          }
        }
      }
    }
  }
  return pairs;
}
