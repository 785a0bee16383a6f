// Groups images into near-duplicate sets: connected components of "perceptual hashes within `threshold`
// bits" plus "same content hash" (an exact copy is the nearest duplicate, even when its hash is missing).
// Pairs are found by multi-index hashing instead of comparing all n² pairs: the 64 bits are cut into
// four 16-bit chunks, and two hashes at most t bits apart agree within ⌊t/4⌋ bits on at least one chunk
// (pigeonhole), so probing each chunk's buckets at that radius finds every pair. At the default
// threshold that is 4 × 17 bucket probes per image; a million uniform hashes put ~15 images in a bucket.
import type { HashedImageRow } from '../../../db/queries/duplicates.ts';
import { hashHalves, popcount32 } from '../../../native-models/imageOps/perceptualHash.ts';

/** What the finder compares: the rows listHashedImages reads. */
export type HashedImage = HashedImageRow;

/** Highest threshold accepted: beyond it the probe radius (and the false matches) grow quickly. */
export const maxNearDuplicateThreshold = 12;

/**
 * Default distance for "the same photo": resized, recompressed, format-converted and slightly brightened
 * copies measured 0–6 bits apart in the tests' generated scenes, different scenes 18 or more (median 32)
 * — docs/search.md has the table. 7 would probe the same buckets; 8 needs eight times as many probes.
 */
export const defaultNearDuplicateThreshold = 6;

class DisjointSets {
  readonly #parent: Int32Array;
  constructor(n: number) {
    this.#parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.#parent[i] = i;
  }
  find(i: number): number {
    const parent = this.#parent;
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Every 16-bit mask with at most `radius` bits set (the probes around a bucket). */
function probeMasks(radius: number): number[] {
  const masks: number[] = [];
  for (let m = 0; m < 1 << 16; m++) if (popcount32(m) <= radius) masks.push(m);
  return masks;
}

/** Groups of image ids (two or more each, ascending), ordered by their smallest id. */
export function groupNearDuplicates(images: readonly HashedImage[], threshold: number = defaultNearDuplicateThreshold): number[][] {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > maxNearDuplicateThreshold) {
    throw new RangeError(`The near-duplicate threshold must be a whole number of bits from 0 to ${maxNearDuplicateThreshold}.`);
  }
  const n = images.length;
  const sets = new DisjointSets(n);

  const firstWithContent = new Map<string, number>();
  images.forEach((image, i) => {
    if (!image.contentHash) return;
    const first = firstWithContent.get(image.contentHash);
    if (first === undefined) firstWithContent.set(image.contentHash, i);
    else sets.union(first, i);
  });

  const hashed: number[] = [];
  for (let i = 0; i < n; i++) if (images[i]!.phash) hashed.push(i);
  const m = hashed.length;
  // Signed 32-bit storage: values above 2³¹ read from a Uint32Array are doubles, which slows the XORs.
  const hi = new Int32Array(m);
  const lo = new Int32Array(m);
  hashed.forEach((i, k) => {
    const [h, l] = hashHalves(images[i]!.phash!);
    hi[k] = h | 0;
    lo[k] = l | 0;
  });
  const chunkOf = (chunk: number, k: number): number =>
    chunk === 0 ? hi[k]! >>> 16 : chunk === 1 ? hi[k]! & 0xffff : chunk === 2 ? lo[k]! >>> 16 : lo[k]! & 0xffff;

  // Per chunk, a counting sort of the hashes by that chunk's value: bucket v is order[start[v] … start[v+1]).
  const buckets = [0, 1, 2, 3].map((chunk) => {
    const start = new Int32Array((1 << 16) + 1);
    for (let k = 0; k < m; k++) start[chunkOf(chunk, k) + 1]!++;
    for (let v = 0; v < 1 << 16; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, 1 << 16);
    const order = new Int32Array(m);
    // The hashes themselves are copied in bucket order too: a bucket's candidates are then read from
    // consecutive memory (at a million hashes, random reads made this ~10× slower).
    const bucketHi = new Int32Array(m);
    const bucketLo = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const at = fill[chunkOf(chunk, k)]!++;
      order[at] = k;
      bucketHi[at] = hi[k]!;
      bucketLo[at] = lo[k]!;
    }
    return { start, order, bucketHi, bucketLo };
  });

  const masks = Int32Array.from(probeMasks(Math.floor(threshold / 4)));
  // Bucket by bucket rather than hash by hash: every member of bucket v probes the same buckets v ^ mask,
  // so each probed bucket is read once for all of them (hash by hash, the probes were cache misses and
  // a million hashes took ~3× longer).
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
            sets.union(hashed[k]!, hashed[other]!);
          }
        }
      }
    }
  }

  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    const members = byRoot.get(root);
    if (members) members.push(images[i]!.id);
    else byRoot.set(root, [images[i]!.id]);
  }
  const groups = [...byRoot.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b));
  return groups.sort((a, b) => a[0]! - b[0]!);
}
