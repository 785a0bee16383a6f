// Specification: label maps reach 224×224 by PyTorch's nearest rule, src = floor(dst · in / out), on maps
// whose blocks do not line up with 224.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { constantLabelMap, resizeLabelMap } from '../../../../native-models/prismer/inputs/resizeLabels.ts';

describe('resizeLabelMap', () => {
  test('a 5×3 block map up to 224: block k starts at the first dst with floor(dst·in/224) = k', () => {
    // value = 10·row + column of the source block
    const data = Uint8Array.from({ length: 15 }, (_, i) => 10 * Math.floor(i / 5) + (i % 5));
    const out = resizeLabelMap({ width: 5, height: 3, channels: 1, data });
    assert.equal(out.width, 224);
    const at = (x: number, y: number) => out.data[y * 224 + x];
    // columns: 224/5 = 44.8 → block starts at 0, 45, 90, 135, 180 (44·5/224 = 0.98, 45·5/224 = 1.004)
    for (const [x, col] of [[0, 0], [44, 0], [45, 1], [89, 1], [90, 2], [134, 2], [135, 3], [179, 3], [180, 4], [223, 4]] as const) assert.equal(at(x, 0), col, `x=${x}`);
    // rows: 224/3 = 74.67 → starts at 0, 75, 150
    for (const [y, row] of [[0, 0], [74, 0], [75, 1], [149, 1], [150, 2], [223, 2]] as const) assert.equal(at(0, y), 10 * row, `y=${y}`);
    assert.equal(at(100, 160), 22);
  });

  test('downsizing 250 → 224 skips the source columns the floor rule skips', () => {
    const data = Uint8Array.from({ length: 250 * 2 }, (_, i) => i % 250);
    const out = resizeLabelMap({ width: 250, height: 2, channels: 1, data });
    // floor(x · 250 / 224): 1→1, 2→2, 8→8 (8.93), 9→10 (10.04), 223→248 (248.88)
    for (const [x, src] of [[0, 0], [1, 1], [2, 2], [8, 8], [9, 10], [223, 248]] as const) assert.equal(out.data[x], src, `x=${x}`);
  });

  test('RGB maps keep their channels together', () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5, 6]); // 2×1 pixels
    const out = resizeLabelMap({ width: 2, height: 1, channels: 3, data });
    assert.deepEqual([...out.data.subarray(0, 3)], [1, 2, 3]);
    assert.deepEqual([...out.data.subarray(223 * 3, 224 * 3)], [4, 5, 6]);
    assert.deepEqual([...out.data.subarray((223 * 224 + 111) * 3, (223 * 224 + 112) * 3)], [1, 2, 3]); // 111·2/224 < 1
  });

  test('a map already 224×224 is returned as is; a wrong byte count is refused', () => {
    const map = constantLabelMap(7);
    assert.equal(resizeLabelMap(map), map);
    assert.throws(() => resizeLabelMap({ width: 4, height: 4, channels: 1, data: new Uint8Array(15) }), /needs 16 bytes/);
  });
});
