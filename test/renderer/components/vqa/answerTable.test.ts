// The answer column of "ask across a selection": sort by answer (natural, case-insensitive) or score
// (missing scores last either way), filter to one answer, count photos per answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VqaRecord } from '../../../../renderer/src/lib/api/types.ts';
import { answerCounts, filterAnswers, sortAnswers } from '../../../../renderer/src/lib/components/vqa/answerTable.ts';

const row = (imageId: number, answer: string, score: number | null): VqaRecord => ({
  id: imageId, imageId, question: 'is there a person?', answer, mode: 'rank', score, alternatives: [], modelId: 'm', modelHash: 'h', createdAt: 0,
});
const rows = [row(3, 'yes', 0.9), row(1, 'no', 0.6), row(2, 'Yes', null), row(4, 'no', 0.95), row(5, '10 people', 0.2), row(6, '9 people', 0.3)];

test('by score, high first, missing scores last; and low first, still last', () => {
  assert.deepEqual(sortAnswers(rows, 'score', true).map((r) => r.imageId), [4, 3, 1, 6, 5, 2]);
  assert.deepEqual(sortAnswers(rows, 'score', false).map((r) => r.imageId), [5, 6, 1, 3, 4, 2]);
});

test('by answer: natural order, case-insensitive, ties by photo', () => {
  assert.deepEqual(sortAnswers(rows, 'answer', false).map((r) => r.answer), ['9 people', '10 people', 'no', 'no', 'Yes', 'yes']);
  assert.deepEqual(sortAnswers(rows, 'answer', false).map((r) => r.imageId).slice(2), [1, 4, 2, 3]);
  assert.deepEqual(sortAnswers(rows, 'image', true).map((r) => r.imageId), [6, 5, 4, 3, 2, 1]);
});

test('counts per answer, most common first; filtering keeps one answer', () => {
  assert.deepEqual(answerCounts(rows).slice(0, 1), [{ answer: 'no', count: 2 }]);
  assert.equal(answerCounts(rows).reduce((n, c) => n + c.count, 0), rows.length);
  assert.deepEqual(filterAnswers(rows, 'no').map((r) => r.imageId), [1, 4]);
  assert.equal(filterAnswers(rows, null).length, rows.length);
  assert.notEqual(filterAnswers(rows, null), rows, 'a copy, safe to sort');
});
