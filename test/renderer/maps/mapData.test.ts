import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downscaledSize, fromRgba, maxMapSide, sampleAt } from '../../../renderer/src/lib/maps/mapData.ts';

test('maps of big photos are kept at most 2048 px on the long side, small ones as they are', () => {
  assert.equal(maxMapSide, 2048);
  assert.deepEqual(downscaledSize(6000, 4000), { width: 2048, height: 1365 });
  assert.deepEqual(downscaledSize(4000, 6000), { width: 1365, height: 2048 });
  assert.deepEqual(downscaledSize(640, 480), { width: 640, height: 480 });
  assert.deepEqual(downscaledSize(2048, 10), { width: 2048, height: 10 });
  assert.deepEqual(downscaledSize(100_000, 10), { width: 2048, height: 1 });
});

test('canvas pixels keep one channel for grey maps and three for normals', () => {
  const rgba = new Uint8Array([10, 10, 10, 255, 20, 21, 22, 255]);
  const grey = fromRgba(rgba, 2, 1, 1, { width: 4, height: 2 });
  assert.deepEqual([...grey.data], [10, 20]);
  assert.equal(grey.sourceWidth, 4);
  const rgb = fromRgba(rgba, 2, 1, 3, { width: 2, height: 1 });
  assert.deepEqual([...rgb.data], [10, 10, 10, 20, 21, 22]);
});

test('sampling by fraction of the image reads the same place at any kept size', () => {
  // 4 × 2 map: value = x + 10·y.
  const map = { width: 4, height: 2, channels: 1 as const, data: new Uint8Array([0, 1, 2, 3, 10, 11, 12, 13]), sourceWidth: 400, sourceHeight: 200 };
  assert.deepEqual(sampleAt(map, 0, 0), [0]);
  assert.deepEqual(sampleAt(map, 0.99, 0.99), [13]);
  assert.deepEqual(sampleAt(map, 0.5, 0.5), [12]);
  assert.equal(sampleAt(map, 1, 0.5), null);
  assert.equal(sampleAt(map, -0.01, 0.5), null);
  assert.equal(sampleAt(map, Number.NaN, 0.5), null);
});
