// Specification of connected-component labelling: 8-connected, labels 1…count in raster order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { connectedComponents } from '../../../native-models/imageOps/connectedComponents.ts';

function mask(rows: string[]) {
  return { width: rows[0]!.length, height: rows.length, data: Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0)) };
}

const labelPicture = (labels: Int32Array, width: number) =>
  Array.from({ length: labels.length / width }, (_, y) => [...labels.subarray(y * width, (y + 1) * width)].map((l) => (l ? String(l) : '.')).join(''));

describe('connectedComponents', () => {
  test('labels separate regions in raster order; diagonal neighbours join', () => {
    const m = mask(['##..#', '#...#', '.#...', '..#.#']);
    const { count, labels } = connectedComponents(m.data, m.width, m.height);
    assert.equal(count, 3);
    assert.deepEqual(labelPicture(labels, m.width), ['11..2', '1...2', '.1...', '..1.3']);
  });

  test('an empty mask has no components', () => {
    const m = mask(['....', '....']);
    assert.equal(connectedComponents(m.data, m.width, m.height).count, 0);
  });
});
