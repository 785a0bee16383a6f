// Stem geometry (resize sizes, strides, expert grid) and PyTorch-nearest instance-map indices.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nearestIndices, stemGeometry, stemName } from '../../../../../native-models/prismer/graph/encoder/expertStems.ts';

test('expert grids: 14×14 at patch 16, 16×16 at patch 14, from 224-px labels', () => {
  assert.deepEqual(stemGeometry('depth', 16, 224), { resized: 224, strides: [2, 2, 2, 2], grid: 14 });
  assert.deepEqual(stemGeometry('depth', 14, 224), { resized: 256, strides: [2, 2, 2, 2], grid: 16 });
  assert.deepEqual(stemGeometry('seg_coco', 16, 224), { resized: 56, strides: [2, 2, 1, 1], grid: 14 });
  assert.deepEqual(stemGeometry('obj_detection', 14, 224), { resized: 64, strides: [2, 2, 1, 1], grid: 16 });
});

test('every expert named *seg* uses the seg stem', () => {
  assert.equal(stemName('seg_ade'), 'seg');
  assert.equal(stemName('seg_coco'), 'seg');
  assert.equal(stemName('ocr_detection'), 'ocr_detection');
});

test('nearest indices are floor(dst · in / out)', () => {
  assert.deepEqual(nearestIndices(224, 14), Array.from({ length: 14 }, (_, i) => 16 * i));
  assert.deepEqual(nearestIndices(224, 16), Array.from({ length: 16 }, (_, i) => 14 * i));
  assert.deepEqual(nearestIndices(5, 3), [0, 1, 3]);
});
