import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseRange, rangePosition, rangeTable } from '../../../renderer/src/lib/maps/valueRange.ts';

test('the full range maps values onto themselves', () => {
  const table = rangeTable({ low: 0, high: 255 });
  for (const v of [0, 1, 100, 254, 255]) assert.equal(table[v], v);
});

test('a narrow range stretches its span over the whole colormap and clamps outside it', () => {
  const table = rangeTable({ low: 100, high: 150 });
  assert.equal(table[0], 0);
  assert.equal(table[100], 0);
  assert.equal(table[125], 128);
  assert.equal(table[150], 255);
  assert.equal(table[255], 255);
  assert.equal(rangePosition(125, { low: 100, high: 150 }), 0.5);
});

test('limits are ordered, kept in 0–255 and at least one step apart', () => {
  assert.deepEqual(normaliseRange(200, 50), { low: 50, high: 200 });
  assert.deepEqual(normaliseRange(-10, 300), { low: 0, high: 255 });
  assert.deepEqual(normaliseRange(80, 80), { low: 80, high: 81 });
  assert.deepEqual(normaliseRange(255, 255), { low: 254, high: 255 });
  // A collapsed range still draws: below is the first colour, above the last.
  const table = rangeTable({ low: 80, high: 80 });
  assert.equal(table[80], 0);
  assert.equal(table[81], 255);
});
