// Specification of the RGB resize: bilinear with half-pixel centres when enlarging (OpenCV's
// INTER_LINEAR), a triangle filter widened by the scale when shrinking (Pillow's BILINEAR), so detail is
// averaged rather than skipped.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resizeRgb } from '../../../native-models/imageOps/resizeRgb.ts';

/** A one-row grey image. */
const greyRow = (values: number[]) => ({ width: values.length, height: 1, data: new Uint8Array(values.flatMap((v) => [v, v, v])) });
const reds = (image: { data: Uint8Array }) => [...image.data].filter((_, i) => i % 3 === 0);

describe('resizeRgb', () => {
  test('enlarging interpolates between pixel centres and repeats the edge pixels', () => {
    // Output centres 0.25, 0.75, 1.25, 1.75 against input centres 0.5 and 1.5.
    assert.deepEqual(reds(resizeRgb(greyRow([0, 200]), 4, 1)), [0, 50, 150, 200]);
  });

  test('shrinking by two weighs each input pixel by a triangle twice as wide', () => {
    // Output 0 is centred at input 1.0: weights 0.75, 0.75, 0.25 on inputs 0, 1, 2 → 200 × 0.25 / 1.75.
    assert.deepEqual(reds(resizeRgb(greyRow([0, 0, 200, 200]), 2, 1)), [29, 171]);
  });

  test('a one-pixel line is kept, dimmed, when shrunk four times (not skipped between samples)', () => {
    const row = new Array(16).fill(0);
    row[6] = 255;
    const shrunk = reds(resizeRgb(greyRow(row), 4, 1));
    assert.ok(shrunk[1]! > 0, `got ${shrunk}`);
    assert.equal(shrunk[3], 0);
  });

  test('works on both axes and keeps the channels apart; a flat image stays flat', () => {
    const width = 7;
    const height = 5;
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) data.set([10, 120, 250], i * 3);
    const out = resizeRgb({ width, height, data }, 3, 11);
    assert.equal(out.width, 3);
    assert.equal(out.height, 11);
    assert.equal(out.data.length, 3 * 11 * 3);
    for (let i = 0; i < 33; i++) assert.deepEqual([...out.data.subarray(i * 3, i * 3 + 3)], [10, 120, 250]);
  });

  test('the same size returns a copy; a non-positive size is refused', () => {
    const image = greyRow([1, 2, 3]);
    const same = resizeRgb(image, 3, 1);
    assert.deepEqual(same.data, image.data);
    assert.notEqual(same.data, image.data);
    assert.throws(() => resizeRgb(image, 0, 1), RangeError);
  });
});
