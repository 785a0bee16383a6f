// Answer and tag scores are stored on the model's log scale; they read as percentages where that is a
// probability (rank answers, tags), as the beam score where it is not (generated answers), and the
// alternatives' bars are their softmax shares.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alternativeShares, answerScoreText, confidenceOfLogScore } from '../../../../renderer/src/lib/components/vqa/answerScores.ts';

test('a log score becomes its probability; a confidence already in (0, 1] is kept', () => {
  assert.equal(confidenceOfLogScore(0), 1);
  assert.ok(Math.abs(confidenceOfLogScore(Math.log(0.25)) - 0.25) < 1e-12);
  assert.equal(confidenceOfLogScore(0.7), 0.7);
  assert.equal(confidenceOfLogScore(3), 1);
  assert.equal(confidenceOfLogScore(Number.NEGATIVE_INFINITY), 0);
});

test('rank answers read as percentages, generated ones as their beam score, never as "-612%"', () => {
  assert.equal(answerScoreText('rank', Math.log(0.83)), '83%');
  assert.equal(answerScoreText('rank', -6.12), '0%');
  assert.equal(answerScoreText('generate', -6.123), '−6.12');
  assert.equal(answerScoreText('generate', null), null);
});

test('shares sum to one, keep the order of the scores, and survive very negative scores', () => {
  const shares = alternativeShares([-0.1, -1.2, -2.5]);
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(shares[0]! > shares[1]! && shares[1]! > shares[2]!);
  const tiny = alternativeShares([-479.7, -480.7]);
  assert.ok(Math.abs(tiny[0]! - 1 / (1 + Math.exp(-1))) < 1e-9, 'only the differences matter');
  assert.deepEqual(alternativeShares([]), []);
  assert.deepEqual(alternativeShares([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]), [0.5, 0.5]);
});
