import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paneGrid } from '../../../renderer/src/lib/maps/paneGrid.ts';

test('a wide space lays the eight panes out four across, a narrow one two across', () => {
  assert.deepEqual(paneGrid(1600, 700, 3000, 2000), { columns: 4, rows: 2 });
  assert.deepEqual(paneGrid(640, 770, 3000, 2000), { columns: 2, rows: 4 });
  // Portrait photos prefer more columns.
  assert.deepEqual(paneGrid(900, 800, 2000, 3000), { columns: 4, rows: 2 });
  assert.deepEqual(paneGrid(0, 0, 10, 10), { columns: 4, rows: 2 });
});
