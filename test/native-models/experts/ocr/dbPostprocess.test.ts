// Specification of DB post-processing on hand-made probability maps: threshold, regions, score, unclip,
// scale back to the photo, reading order.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { boxScore, defaultDbParams, readingOrder, textBoxes, unclip, type ProbabilityMap } from '../../../../native-models/experts/ocr/dbPostprocess.ts';
import type { Point } from '../../../../native-models/imageOps/fillPolygon.ts';
import { orderCorners } from '../../../../native-models/imageOps/rotatedRect.ts';

/** A width × height map of `background`, with [x0, x1] × [y0, y1] blocks (inclusive) set to a probability. */
function probabilityMap(width: number, height: number, background: number, blocks: [number, number, number, number, number][]): ProbabilityMap {
  const data = new Float32Array(width * height).fill(background);
  for (const [x0, y0, x1, y1, p] of blocks) for (let y = y0; y <= y1; y++) data.fill(p, y * width + x0, y * width + x1 + 1);
  return { width, height, data };
}

const closeCorners = (actual: readonly Point[], expected: readonly Point[]) =>
  actual.forEach((p, i) => assert.ok(Math.hypot(p[0] - expected[i]![0], p[1] - expected[i]![1]) < 1e-6, `corner ${i}: ${p} ≠ ${expected[i]}`));

describe('unclip', () => {
  test('moves every side of a 5 × 3 rectangle out by area × 1.5 / perimeter = 15 × 1.5 / 16 = 1.40625', () => {
    const grown = unclip(orderCorners([[2.5, 3.5], [7.5, 3.5], [7.5, 6.5], [2.5, 6.5]]), 1.5);
    closeCorners(grown.corners, [[1.09375, 2.09375], [8.90625, 2.09375], [8.90625, 7.90625], [1.09375, 7.90625]]);
    assert.equal(grown.width, 7.8125);
    assert.equal(grown.height, 5.8125);
  });
});

describe('boxScore', () => {
  test('is the mean probability over the pixels whose centres the rectangle spans', () => {
    const map = probabilityMap(4, 4, 0, [[1, 1, 1, 1, 0.2], [2, 1, 2, 1, 0.4], [1, 2, 2, 2, 0.6], [3, 3, 3, 3, 1]]);
    // Pixel centres (1.5, 1.5)…(2.5, 2.5): pixels (1,1) 0.2, (2,1) 0.4, (1,2) 0.6, (2,2) 0.6.
    const score = boxScore(map, orderCorners([[1.5, 1.5], [2.5, 1.5], [2.5, 2.5], [1.5, 2.5]]));
    assert.ok(Math.abs(score - 0.45) < 1e-6, String(score));
  });
});

describe('textBoxes', () => {
  test('a confident region becomes its unclipped rectangle in photo pixels; unsure and thin regions are dropped', () => {
    const map = probabilityMap(16, 10, 0.1, [
      [2, 3, 7, 6, 0.9], //   text: 6 × 4 pixels, centres 2.5…7.5 × 3.5…6.5
      [10, 2, 14, 7, 0.5], // above the 0.3 threshold but its mean is under 0.6
      [10, 0, 15, 0, 0.9], // one row: thinner than 3 pixels
    ]);
    const boxes = textBoxes(map, 32, 20, defaultDbParams); // the photo is twice the map's size
    assert.equal(boxes.length, 1);
    assert.ok(Math.abs(boxes[0]!.score - 0.9) < 1e-6);
    // The unclip case above, times 2.
    closeCorners(boxes[0]!.corners, [[2.1875, 4.1875], [17.8125, 4.1875], [17.8125, 15.8125], [2.1875, 15.8125]]);
  });

  test('boxes reaching past the photo are clipped to it', () => {
    const boxes = textBoxes(probabilityMap(12, 8, 0, [[0, 0, 5, 3, 0.8]]), 12, 8);
    assert.equal(boxes.length, 1);
    closeCorners(boxes[0]!.corners, [[0, 0], [6.90625, 0], [6.90625, 4.90625], [0, 4.90625]]);
  });

  test('an empty map gives no boxes', () => {
    assert.deepEqual(textBoxes(probabilityMap(32, 32, 0.05, []), 64, 64), []);
  });
});

describe('readingOrder', () => {
  test('top to bottom, and left to right among boxes whose tops are within 10 pixels', () => {
    const box = (x: number, y: number, name: string) => ({ name, corners: [[x, y], [x + 5, y], [x + 5, y + 5], [x, y + 5]] as Point[] });
    const ordered = readingOrder([box(0, 40, 'third'), box(50, 10, 'second'), box(5, 14, 'first')]);
    assert.deepEqual(ordered.map((b) => b.name), ['first', 'second', 'third']);
  });
});
