// PyTorch bicubic (align_corners=False, A = −0.75, clamped taps) on hand-checked cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cubicWeights, resizeBicubic } from '../../../../../native-models/prismer/graph/encoder/bicubicResize.ts';

const close = (actual: ArrayLike<number>, expected: readonly number[], tolerance: number) => {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance, `[${i}] ${actual[i]} ≠ ${expected[i]}`);
};

test('the four tap weights sum to 1 and reduce to the identity at t = 0', () => {
  for (const t of [0, 0.25, 0.5, 0.75, 1]) close([cubicWeights(t).reduce((a, b) => a + b, 0)], [1], 1e-12);
  close(cubicWeights(0), [0, 1, 0, 0], 1e-12);
  // t = 0.75 by hand: far(1.75), near(0.75), near(0.25), far(1.25)
  close(cubicWeights(0.75), [-0.03515625, 0.26171875, 0.87890625, -0.10546875], 1e-12);
});

test('2×2 → 4×4 matches F.interpolate(mode="bicubic", align_corners=False)', () => {
  // The first entry by hand: row taps (1,1,1,2) and (3,3,3,4) at t = 0.75 give 0.89453125 and 2.89453125,
  // then the same weights down the column: 0.68359375. The rest is torch's printed output (4 decimals).
  const out = resizeBicubic({ channels: 1, height: 2, width: 2, data: Float32Array.from([1, 2, 3, 4]) }, 4, 4);
  assert.equal(out.data[0], 0.68359375);
  close(out.data, [0.6836, 1.0156, 1.5625, 1.8945, 1.3477, 1.6797, 2.2266, 2.5586, 2.4414, 2.7734, 3.3203, 3.6523, 3.1055, 3.4375, 3.9844, 4.3164], 1e-4);
});

test('the same size is the identity and channels stay apart', () => {
  const data = Float32Array.from({ length: 2 * 3 * 3 }, (_, i) => Math.sin(i));
  close(resizeBicubic({ channels: 2, height: 3, width: 3, data }, 3, 3).data, [...data], 1e-7);
});

test('downsizing keeps a constant grid constant (border taps clamped)', () => {
  const out = resizeBicubic({ channels: 1, height: 30, width: 30, data: new Float32Array(900).fill(2.5) }, 14, 14);
  close(out.data, new Array(196).fill(2.5), 1e-6);
});
