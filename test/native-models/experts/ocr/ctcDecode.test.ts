// Specification of CTC greedy decoding with PaddleOCR's class table (blank, dictionary lines, space).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bundledOcrModelFiles } from '../../../../native-models/experts/ocr/bundledModels.ts';
import { charsetFromDictionary, ctcGreedyDecode, loadCharset } from '../../../../native-models/experts/ocr/ctcDecode.ts';

const charset = ['', 'a', 'b', ' '];
const table = (rows: number[][]) => Float32Array.from(rows.flat());
const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6, `${actual} ≠ ${expected}`);

describe('charsetFromDictionary', () => {
  test('is the blank, then one class per line, then a space; CRLF and a final newline are tolerated', () => {
    assert.deepEqual(charsetFromDictionary('x\r\ny\nz\n'), ['', 'x', 'y', 'z', ' ']);
    assert.deepEqual(charsetFromDictionary('x\ny\nz'), ['', 'x', 'y', 'z', ' ']);
  });

  test("the bundled PP-OCR dictionary gives the recognition head's 6,625 classes", async () => {
    const bundled = await loadCharset(bundledOcrModelFiles().dict);
    assert.equal(bundled.length, 6625);
    assert.equal(bundled[bundled.length - 1], ' ');
  });
});

describe('ctcGreedyDecode', () => {
  test('takes the best class per column, merges repeats, drops blanks; the score is the mean of the kept maxima', () => {
    const probs = table([
      [0.1, 0.8, 0.05, 0.05], // a
      [0.2, 0.7, 0.05, 0.05], // a again: same letter, merged
      [0.9, 0.05, 0.05, 0], //   blank: separates
      [0.3, 0.6, 0.1, 0], //     a: a second letter
      [0.1, 0.1, 0.7, 0.1], //   b
      [0.2, 0.1, 0.6, 0.1], //   b again: merged
    ]);
    const result = ctcGreedyDecode(probs, 6, 4, charset);
    assert.equal(result.text, 'aab');
    near(result.score, (0.8 + 0.6 + 0.7) / 3);
    assert.deepEqual(result.chars.map((c) => c.column), [0, 3, 4]);
  });

  test('reads the sequence at an offset (one line of a batch)', () => {
    const probs = table([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 0],
    ]);
    assert.equal(ctcGreedyDecode(probs, 2, 4, charset, 8).text, 'b');
  });

  test('a space the model chose is a character like any other and counts toward the score', () => {
    const probs = table([
      [0, 0.9, 0, 0.1],
      [0.1, 0, 0, 0.9],
      [0, 0, 0.7, 0.3],
    ]);
    const result = ctcGreedyDecode(probs, 3, 4, charset);
    assert.equal(result.text, 'a b');
    near(result.score, (0.9 + 0.9 + 0.7) / 3);
  });

  test('with a space threshold, a blank column with that much space probability between letters reads as a space, left out of the score', () => {
    const probs = table([
      [0.4, 0, 0, 0.3], //    leading: never a space
      [0.05, 0.9, 0.05, 0], // a
      [0.92, 0.03, 0, 0.05], // blank, space 0.05
      [0.9, 0.02, 0, 0.08], //  blank, space 0.08: the gap's space sits here
      [0.1, 0, 0.8, 0.1], //    b
      [0.6, 0, 0, 0.4], //      trailing: never a space
    ]);
    const rescued = ctcGreedyDecode(probs, 6, 4, charset, 0, { spaceThreshold: 0.02 });
    assert.equal(rescued.text, 'a b');
    assert.deepEqual(rescued.chars.map((c) => c.column), [1, 3, 4]);
    near(rescued.score, (0.9 + 0.8) / 2);
    assert.equal(ctcGreedyDecode(probs, 6, 4, charset).text, 'ab', 'off by default');
    assert.equal(ctcGreedyDecode(probs, 6, 4, charset, 0, { spaceThreshold: 0.1 }).text, 'ab', 'below the threshold');
  });

  test('no characters: empty text, score 0', () => {
    const result = ctcGreedyDecode(table([[1, 0, 0, 0]]), 1, 4, charset);
    assert.deepEqual([result.text, result.score], ['', 0]);
  });

  test('a dictionary from another release (class count differs) is refused with both counts', () => {
    assert.throws(() => ctcGreedyDecode(new Float32Array(5), 1, 5, charset), /gives 4 classes .* predicts 5/);
  });
});
