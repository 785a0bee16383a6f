// Specification of the near-duplicate candidates: exactly the pairs whose hashes are within the threshold
// — whole against whole, or a middle crop against the whole — as comparing all pairs would find them,
// without comparing all pairs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { hammingDistance } from '../../../../native-models/imageOps/perceptualHash.ts';
import { nearDuplicateCandidates, type HashedPhoto } from '../../../../electron/services/library/nearDuplicateCandidates.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

function flipBits(hash: string, count: number, r: () => number): string {
  let hi = Number.parseInt(hash.slice(0, 8), 16);
  let lo = Number.parseInt(hash.slice(8), 16);
  const bits = new Set<number>();
  while (bits.size < count) bits.add(Math.floor(r() * 64));
  for (const bit of bits) {
    if (bit < 32) hi ^= 1 << bit;
    else lo ^= 1 << (bit - 32);
  }
  return hex(hi) + hex(lo);
}

/** The reference: every pair, every hash. */
function allPairs(photos: readonly HashedPhoto[], threshold: number): string[] {
  const pairs: string[] = [];
  const cropsOf = (p: HashedPhoto) => (p.crops ? [p.crops.slice(0, 16), p.crops.slice(16)] : []);
  for (let a = 0; a < photos.length; a++) {
    for (let b = a + 1; b < photos.length; b++) {
      const x = photos[a]!;
      const y = photos[b]!;
      const near = [x.full, ...cropsOf(x)].some((h) => hammingDistance(h, y.full) <= threshold) || cropsOf(y).some((h) => hammingDistance(h, x.full) <= threshold);
      if (near) pairs.push(`${a}-${b}`);
    }
  }
  return pairs.sort();
}

const asKeys = (pairs: [number, number][]) => pairs.map(([a, b]) => `${a}-${b}`).sort();
const randomHash = (r: () => number) => hex(r() * 2 ** 32) + hex(r() * 2 ** 32);

describe('nearDuplicateCandidates', () => {
  test('finds the same pairs as comparing every hash of every pair, at several thresholds', () => {
    const r = random(7);
    const photos: HashedPhoto[] = [];
    for (let k = 0; k < 600; k++) {
      const roll = r();
      let full = randomHash(r);
      // A third are copies of an earlier photo 0–10 bits away, some of its crops: every threshold has edge cases.
      if (roll < 0.2 && photos.length > 0) full = flipBits(photos[Math.floor(r() * photos.length)]!.full, Math.floor(r() * 11), r);
      const source = photos[Math.floor(r() * photos.length)];
      if (roll >= 0.2 && roll < 0.33 && source?.crops) full = flipBits(source.crops.slice(16), Math.floor(r() * 11), r);
      const crops = roll > 0.95 ? null : randomHash(r) + randomHash(r);
      photos.push({ full, crops });
    }
    for (const threshold of [0, 3, 7, 9, 12]) {
      const found = nearDuplicateCandidates(photos, threshold);
      assert.equal(new Set(asKeys(found)).size, found.length, 'each pair once');
      assert.deepEqual(asKeys(found), allPairs(photos, threshold), `threshold ${threshold}`);
    }
  });

  test('a copy with trimmed borders is a candidate through its original\'s middle crop', () => {
    const original: HashedPhoto = { full: '0000000000000000', crops: 'ffffffffffff0000' + 'ffff00000000ffff' };
    const trimmed: HashedPhoto = { full: 'ffff00000000fff0', crops: null }; // 2 bits from the 80 % crop, far from the whole
    assert.deepEqual(nearDuplicateCandidates([original, trimmed], 7), [[0, 1]]);
    assert.deepEqual(nearDuplicateCandidates([original, { full: 'ffff0000ffff0000', crops: null }], 7), []);
  });

  test('refuses thresholds it cannot search exhaustively', () => {
    assert.throws(() => nearDuplicateCandidates([], 13), RangeError);
    assert.throws(() => nearDuplicateCandidates([], 2.5), RangeError);
  });

  test('finds the candidates among 100,000 photos in well under the time all pairs would take', () => {
    const r = random(11);
    const photos: HashedPhoto[] = [];
    // Uniform hashes (the LCG's consecutive outputs are correlated enough to make chance pairs).
    for (let k = 0; k < 100_000; k++) photos.push({ full: randomBytes(8).toString('hex'), crops: randomBytes(16).toString('hex') });
    const copies: string[] = [];
    for (let k = 0; k < 1000; k++) {
      const from = Math.floor(r() * 100_000);
      copies.push(`${from}-${photos.length}`);
      photos.push({ full: flipBits(photos[from]!.full, 3, r), crops: null });
    }
    const started = performance.now();
    const pairs = nearDuplicateCandidates(photos, 7);
    const ms = performance.now() - started;
    const found = new Set(asKeys(pairs));
    assert.deepEqual(copies.filter((c) => !found.has(c)), [], 'every copy is a candidate with its original');
    assert.ok(pairs.length < 1100, `${pairs.length} pairs: few chance candidates among random hashes`);
    // All pairs would be 5·10⁹ comparisons × 5 hashes (minutes); the index does it in seconds even on a busy machine.
    assert.ok(ms < 20_000, `${ms.toFixed(0)} ms`);
  });
});
