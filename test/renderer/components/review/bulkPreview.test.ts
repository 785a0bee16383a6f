// The bulk-accept preview counts what captions.bulkAccept will accept: pending photos whose best
// candidate scores at least the threshold (rejected candidates and human drafts do not count).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImageReview } from '../../../../renderer/src/lib/api/types.ts';
import { bestCandidateScore, countAtLeast, scoreHistogram } from '../../../../renderer/src/lib/components/review/bulkPreview.ts';

type Caption = ImageReview['captions'][number];
const caption = (status: Caption['status'], score: number | null, source: Caption['source'] = 'ai'): Caption => ({
  id: 1, imageId: 1, parentId: null, text: 't', source, status, score, contentHash: null, provenance: null, createdAt: 0, diff: [], flags: [],
});

test('the best open candidate of a pending photo is its score; other photos have none', () => {
  assert.equal(bestCandidateScore({ reviewStatus: 'pending', captions: [caption('candidate', 0.4), caption('candidate', 0.7), caption('rejected', 0.9)] }), 0.7);
  assert.equal(bestCandidateScore({ reviewStatus: 'pending', captions: [caption('draft', null, 'human')] }), null);
  assert.equal(bestCandidateScore({ reviewStatus: 'accepted', captions: [caption('candidate', 0.9), caption('accepted', 0.5)] }), null);
});

test('the count includes a score equal to the threshold, as the backend compares', () => {
  const best = [0.2, 0.5, 0.75, null, 0.9];
  assert.equal(countAtLeast(best, 0), 4);
  assert.equal(countAtLeast(best, 0.5), 3);
  assert.equal(countAtLeast(best, 0.76), 1);
  assert.equal(countAtLeast(best, 1), 0);
});

test('the histogram has ten bins and puts a perfect score in the last', () => {
  assert.deepEqual(scoreHistogram([0, 0.05, 0.5, 0.99, 1, null]), [2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
});
