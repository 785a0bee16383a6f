// Specification: depth/normal/edge maps become [C,224,224] floats: bytes/255, then one min–max over all
// channels to [−1,1] by 2·(x − min)/(max − min + 1e-6) − 1; a constant map becomes −1.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lowLevelInput, minMaxToSigned } from '../../../../native-models/prismer/inputs/lowLevelInputs.ts';

const close = (actual: number, expected: number, tol = 1e-6) => assert.ok(Math.abs(actual - expected) <= tol, `${actual} vs ${expected}`);

describe('minMaxToSigned', () => {
  test('known values: the minimum → −1, the maximum → just under 1 (ε)', () => {
    const out = minMaxToSigned(Float32Array.from([0.2, 0.4, 0.6, 1.0]));
    const range = 0.8 + 1e-6;
    [0, 0.2, 0.4, 0.8].forEach((d, i) => close(out[i]!, (2 * d) / range - 1));
    assert.equal(out[0], -1);
    assert.ok(out[3]! < 1 && out[3]! > 0.999997);
  });

  test('a constant map: max − min = 0, so (x − min) = 0 and every value is −1 (ε only avoids 0/0)', () => {
    assert.deepEqual([...minMaxToSigned(new Float32Array(5).fill(0.3))], [-1, -1, -1, -1, -1]);
  });
});

describe('lowLevelInput', () => {
  test('depth: a 2×1 map [0, 255] → left half −1, right half 2/(1+ε) − 1', () => {
    const out = lowLevelInput({ width: 2, height: 1, channels: 1, data: Uint8Array.from([0, 255]) }, 1);
    assert.equal(out.length, 224 * 224);
    assert.equal(out[0], -1);
    assert.equal(out[111], -1);
    close(out[112]!, 2 / (1 + 1e-6) - 1);
    close(out[223 * 224 + 223]!, 2 / (1 + 1e-6) - 1);
  });

  test('normal: channels first, one min and max across all three channels', () => {
    // one pixel, RGB (51, 102, 153): /255 → 0.2, 0.4, 0.6; joint min 0.2, max 0.6
    const out = lowLevelInput({ width: 1, height: 1, channels: 3, data: Uint8Array.from([51, 102, 153]) }, 3);
    assert.equal(out.length, 3 * 224 * 224);
    const plane = 224 * 224;
    close(out[0]!, -1);
    close(out[plane + 5]!, (2 * 0.2) / (0.4 + 1e-6) - 1);
    close(out[2 * plane + 9]!, (2 * 0.4) / (0.4 + 1e-6) - 1);
  });

  test('a map with the wrong channel count is refused', () => {
    assert.throws(() => lowLevelInput({ width: 1, height: 1, channels: 1, data: new Uint8Array(1) }, 3), /3-channel/);
  });
});
