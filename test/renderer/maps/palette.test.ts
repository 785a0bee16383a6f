import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classColour, cssColour, labelColour, paletteTable } from '../../../renderer/src/lib/maps/palette.ts';

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

test('a class always gets the same colour', () => {
  assert.deepEqual(classColour(17), classColour(17));
  assert.deepEqual(labelColour('person'), labelColour('person'));
  // Pinned, so a change of palette is a decision and not an accident (colours people have learnt).
  assert.deepEqual(classColour(0), [223, 113, 58]);
});

test('neighbouring class ids are far apart in colour, and the first 40 are all distinct', () => {
  for (let id = 0; id < 150; id++) assert.ok(distance(classColour(id), classColour(id + 1)) > 60, `${id} vs ${id + 1}`);
  const seen = new Set(Array.from({ length: 40 }, (_, id) => classColour(id).join(',')));
  assert.equal(seen.size, 40);
});

test('the palette table matches classColour and keeps 255 transparent (background)', () => {
  const table = paletteTable();
  assert.equal(table.length, 1024);
  assert.deepEqual([...table.subarray(12 * 4, 12 * 4 + 4)], [...classColour(12), 255]);
  assert.deepEqual([...table.subarray(255 * 4)], [0, 0, 0, 0]);
  assert.equal(paletteTable(), table, 'built once');
});

test('CSS colours', () => {
  assert.equal(cssColour([1, 2, 3]), 'rgb(1 2 3)');
  assert.equal(cssColour([1, 2, 3], 0.5), 'rgb(1 2 3 / 0.5)');
});
