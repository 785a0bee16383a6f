// What people type as a tagging vocabulary or as rank-mode answers becomes a clean list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNameList } from '../../../../renderer/src/lib/components/vqa/vocabulary.ts';

test('one per line or comma-separated; spaces tidied; blanks and repeats (any case) dropped', () => {
  assert.deepEqual(parseNameList(' cat\ndog, traffic   light ;\n\nCat\n  '), ['cat', 'dog', 'traffic light']);
  assert.deepEqual(parseNameList(''), []);
});

test('answers keep their commas when split by line only; over-long names are cut', () => {
  assert.deepEqual(parseNameList('red, and blue\ngreen', { commas: false }), ['red, and blue', 'green']);
  assert.equal(parseNameList('x'.repeat(300))[0]!.length, 200);
});
