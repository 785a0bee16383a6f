// Specification of splitting a recognised line into words with polygons: each word gets the slice of
// the line's quad between the middles of the spaces around it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CtcChar } from '../../../../native-models/experts/ocr/ctcDecode.ts';
import type { Quad } from '../../../../native-models/experts/ocr/textRecognition.ts';
import { lineWords } from '../../../../native-models/experts/ocr/wordBoxes.ts';

const chars = (spec: [string, number, number][]): CtcChar[] => spec.map(([char, column, prob]) => ({ char, column, prob }));
const horizontal: Quad = [[0, 0], [100, 0], [100, 20], [0, 20]];

describe('lineWords', () => {
  test('cuts a line at the middle of each space column; words reach the line ends', () => {
    // One column is a tenth of the line; the space at column 4 spans 0.4–0.5, its middle is at 45 px.
    const words = lineWords({ quad: horizontal, columnWidth: 0.1, chars: chars([['a', 0, 0.9], ['b', 1, 0.7], [' ', 4, 0.8], ['c', 6, 0.6]]) });
    assert.deepEqual(words.map((w) => w.text), ['ab', 'c']);
    assert.ok(Math.abs(words[0]!.score - 0.8) < 1e-9 && Math.abs(words[1]!.score - 0.6) < 1e-9, 'mean of the letters, spaces aside');
    assert.deepEqual(words[0]!.polygon, [[0, 0], [45, 0], [45, 20], [0, 20]]);
    assert.deepEqual(words[1]!.polygon, [[45, 0], [100, 0], [100, 20], [45, 20]]);
  });

  test('follows the quad when the line is turned (here a line read downwards)', () => {
    const down: Quad = [[10, 0], [10, 100], [0, 100], [0, 0]];
    const words = lineWords({ quad: down, columnWidth: 0.1, chars: chars([['a', 0, 1], [' ', 4, 1], ['c', 6, 1]]) });
    assert.deepEqual(words[0]!.polygon, [[10, 0], [10, 45], [0, 45], [0, 0]]);
  });

  test('leading, trailing and repeated spaces make no empty words', () => {
    const words = lineWords({ quad: horizontal, columnWidth: 0.1, chars: chars([[' ', 0, 1], ['a', 2, 1], [' ', 3, 1], [' ', 4, 1], ['b', 6, 1], [' ', 9, 1]]) });
    assert.deepEqual(words.map((w) => w.text), ['a', 'b']);
    assert.deepEqual(words[0]!.polygon[0], [5, 0]);
    assert.deepEqual(words[1]!.polygon.slice(0, 2), [[45, 0], [95, 0]]);
  });

  test('a line without characters has no words', () => {
    assert.deepEqual(lineWords({ quad: horizontal, columnWidth: 0.1, chars: [] }), []);
  });
});
