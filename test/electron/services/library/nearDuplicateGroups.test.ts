// Specification of near-duplicate grouping: exactly the connected components of "hashes within the
// threshold" and "same content", as comparing all pairs would find them, without comparing all pairs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hammingDistance } from '../../../../native-models/imageOps/perceptualHash.ts';
import { groupNearDuplicates, type HashedImage } from '../../../../electron/services/library/nearDuplicateGroups.ts';

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

/** The reference: union-find over all n² pairs. */
function allPairs(images: readonly HashedImage[], threshold: number): number[][] {
  const parent = images.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let a = 0; a < images.length; a++) {
    for (let b = a + 1; b < images.length; b++) {
      const x = images[a]!;
      const y = images[b]!;
      const same = (x.contentHash !== null && x.contentHash === y.contentHash) || (x.phash !== null && y.phash !== null && hammingDistance(x.phash, y.phash) <= threshold);
      if (same) parent[find(a)] = find(b);
    }
  }
  const groups = new Map<number, number[]>();
  images.forEach((image, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), image.id]));
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

describe('groupNearDuplicates', () => {
  test('finds the same groups as comparing every pair, at several thresholds', () => {
    const r = random(7);
    const images: HashedImage[] = [];
    for (let id = 1; id <= 800; id++) {
      const roll = r();
      let phash: string | null = hex(r() * 2 ** 32) + hex(r() * 2 ** 32);
      // A third are edited copies of an earlier image, 0–10 bits away, so every threshold has edge cases.
      if (roll < 0.33 && images.length > 0) phash = flipBits(images[Math.floor(r() * images.length)]!.phash ?? phash, Math.floor(r() * 11), r);
      if (roll > 0.97) phash = null;
      const contentHash = roll > 0.95 ? `c${Math.floor(r() * 20)}` : `unique${id}`;
      images.push({ id: id * 3, phash, contentHash });
    }
    for (const threshold of [0, 3, 6, 9, 12]) {
      assert.deepEqual(groupNearDuplicates(images, threshold), allPairs(images, threshold), `threshold ${threshold}`);
    }
  });

  test('chains join: a–b and b–c within the threshold make one group even when a–c is not', () => {
    const a = '0000000000000000';
    const b = '000000000000003f'; // 6 bits from a
    const c = '0000000000000fff'; // 6 bits from b, 12 from a
    assert.deepEqual(groupNearDuplicates([{ id: 1, phash: a, contentHash: 'x' }, { id: 2, phash: b, contentHash: 'y' }, { id: 3, phash: c, contentHash: 'z' }], 6), [[1, 2, 3]]);
    assert.deepEqual(groupNearDuplicates([{ id: 1, phash: a, contentHash: 'x' }, { id: 3, phash: c, contentHash: 'z' }], 6), []);
  });

  test('refuses thresholds it cannot search exhaustively', () => {
    assert.throws(() => groupNearDuplicates([], 13), RangeError);
    assert.throws(() => groupNearDuplicates([], 2.5), RangeError);
  });

  test('groups 100,000 hashes in well under the time all pairs would take', () => {
    const r = random(11);
    const images: HashedImage[] = [];
    for (let id = 1; id <= 100_000; id++) images.push({ id, phash: hex(r() * 2 ** 32) + hex(r() * 2 ** 32), contentHash: `c${id}` });
    for (let k = 0; k < 1000; k++) {
      const source = images[Math.floor(r() * images.length)]!;
      images.push({ id: 100_001 + k, phash: flipBits(source.phash!, 3, r), contentHash: `d${k}` });
    }
    const started = performance.now();
    const groups = groupNearDuplicates(images, 6);
    const ms = performance.now() - started;
    assert.ok(groups.length >= 900 && groups.length <= 1000, `${groups.length} groups`);
    // All pairs would be 5·10⁹ comparisons (tens of seconds); the index does it in about a second even on a busy machine.
    assert.ok(ms < 15_000, `${ms.toFixed(0)} ms`);
  });
});
