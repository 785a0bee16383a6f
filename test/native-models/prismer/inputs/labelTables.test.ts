// Specification: the official label tables load from their JSON export with the right sizes and rows
// (COCO 133×64, ADE 150×64, detection 722×64, background 64), and malformed tables are refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseBackground, parseFeatureTable, tableRow } from '../../../../native-models/prismer/inputs/labelTables.ts';
import { rawJson, realTables, skipWithoutShared } from './fixtures.ts';

describe('label tables from ../shared/prismer/label-features', { skip: skipWithoutShared }, () => {
  test('sizes and names', async () => {
    const t = await realTables();
    assert.deepEqual([t.coco.rows, t.ade.rows, t.detection.rows, t.background.length], [133, 150, 722, 64]);
    assert.deepEqual(t.coco.labels.slice(0, 3), ['person', 'bicycle', 'car']);
    assert.equal(t.detection.labels[0], 'bottle');
  });

  test('spot rows equal the JSON rows (as float32)', async () => {
    const t = await realTables();
    for (const [name, table, rows] of [['coco', t.coco, [0, 61, 132]], ['ade', t.ade, [0, 75, 149]], ['detection', t.detection, [0, 360, 721]]] as const) {
      const json = rawJson(name).features as number[][];
      for (const r of rows) assert.deepEqual([...tableRow(table, r)], json[r]!.map(Math.fround), `${name} row ${r}`);
    }
    const first = tableRow(t.coco, 0);
    assert.ok(Math.abs(first[0]! - -1.315687894821167) < 1e-6 && Math.abs(first[1]! - 2.4078733921051025) < 1e-6);
    const bg = rawJson('background').features as number[];
    assert.deepEqual([...t.background], (Array.isArray(bg[0]) ? (bg as unknown as number[][])[0]! : bg).map(Math.fround));
  });
});

describe('parsing', () => {
  const row = new Array(64).fill(0.5);
  test('a table whose rows do not match its labels, or the wrong size, is refused', () => {
    assert.throws(() => parseFeatureTable({ labels: ['a', 'b'], features: [row] }, 't'), /2 labels but 1 feature rows/);
    assert.throws(() => parseFeatureTable({ labels: ['a'], features: [row] }, 't', 133), /expected 133/);
    assert.throws(() => parseFeatureTable({ labels: ['a'], features: [row.slice(1)] }, 't'), /not 64 finite numbers/);
  });
  test('background accepts a 64-vector or a [1,64] table', () => {
    assert.equal(parseBackground({ features: row }).length, 64);
    assert.equal(parseBackground({ features: [row] }).length, 64);
    assert.throws(() => parseBackground({ features: [row, row] }), /expected one/);
  });
  test('rows outside the table are refused', () => {
    const t = parseFeatureTable({ labels: ['a'], features: [row] }, 't');
    assert.throws(() => tableRow(t, 1), RangeError);
  });
});
