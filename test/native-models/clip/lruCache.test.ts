// Specification: the cache holds at most `capacity` entries and forgets the least recently used (read or
// written) first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LruCache } from '../../../native-models/clip/lruCache.ts';

test('a full cache forgets the least recently used entry; reading an entry makes it recent', () => {
  const cache = new LruCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  assert.equal(cache.get('a'), 1);
  cache.set('c', 3);
  assert.equal(cache.has('b'), false, 'b was the least recently used');
  assert.equal(cache.get('a'), 1);
  assert.equal(cache.get('c'), 3);
  assert.equal(cache.size, 2);
});

test('writing an existing key replaces its value and makes it recent', () => {
  const cache = new LruCache<string, number>(2);
  cache.set('a', 1);
  cache.set('b', 2);
  cache.set('a', 10);
  cache.set('c', 3);
  assert.deepEqual([cache.get('a'), cache.has('b'), cache.get('c')], [10, false, 3]);
});

test('capacity 0 keeps nothing; a negative or fractional capacity is refused', () => {
  const cache = new LruCache<string, number>(0);
  cache.set('a', 1);
  assert.equal(cache.get('a'), undefined);
  assert.throws(() => new LruCache(-1), RangeError);
  assert.throws(() => new LruCache(1.5), RangeError);
});
