// Rank mode on a 5-token vocabulary (0 <s>, 1 <pad>, 2 </s>, 3, 4) with logits given per sequence. The
// expected scores were computed independently in Python (math module) with PyTorch's label-smoothing
// formula: loss = 0.9·(−log p_target) + 0.1·mean(−log p), summed over the answer tokens incl. </s>,
// negated and divided by the number of answer tokens.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  labelSmoothedCrossEntropy,
  rankAnswers,
  topKByFirstToken,
} from '../../../../native-models/prismer/generation/rankAnswers.ts';
import { fakeDecoder, logitTable } from './fakeDecoders.ts';

const logits = logitTable(
  {
    '0,3': [0, -1, 1, 2, 0.5],
    '0,3,3': [0.2, 0, 2, 1, -1],
    '0,3,4': [0, 0, 0.5, 3, 0.5],
    '0,3,4,3': [0, 0, 4, 0, 0],
    '0,3,0': [0, 0, 8, 0, 0],
  },
  [0, 0, 0, 0, 0],
);
const question = [0, 3];
const answers = [
  [3, 2], // A: first token p 0.563
  [4, 2], // B: first token p 0.126
  [4, 3, 2], // C: same first token as B
  [0, 2], // D: first token p 0.076
];
// From Python: −mean label-smoothed CE of each answer after the question.
const expected = [-0.7108868829593871, -2.3892583946078405, -0.9730733053000181, -1.5828894453312805];

function assertRanking(actual: { index: number; score: number }[], order: number[]) {
  assert.deepEqual(actual.map((r) => r.index), order);
  for (const r of actual) assert.ok(Math.abs(r.score - expected[r.index]!) < 1e-6, `answer ${r.index}: ${r.score}`);
}

describe('labelSmoothedCrossEntropy', () => {
  test('is PyTorch cross_entropy with label_smoothing', () => {
    // Python: 0.9·(−log softmax([1,2,0])[1]) + 0.1·mean(−log softmax([1,2,0]))
    assert.ok(Math.abs(labelSmoothedCrossEntropy([1, 2, 0], 1, 0.1) - 0.5076059644443801) < 1e-12);
    assert.ok(Math.abs(labelSmoothedCrossEntropy([1, 2, 0], 1, 0) - 0.40760596444438013) < 1e-12);
  });
});

describe('topKByFirstToken', () => {
  test('orders answers by the probability of their first token, ties by position', () => {
    const top = topKByFirstToken([0, -1, 1, 2, 0.5], answers, 3);
    assert.deepEqual(top.map((t) => t.index), [0, 1, 2]);
    assert.ok(Math.abs(top[0]!.probability - 0.5630212318141845) < 1e-12);
  });
});

describe('rankAnswers', () => {
  test('scores every answer when k covers the list', async () => {
    const decoder = fakeDecoder(logits);
    const ranked = await rankAnswers(decoder, question, answers, { k: 10 });
    assertRanking(ranked, [0, 2, 3, 1]);
    assert.equal(decoder.history[0]!.length, 1); // the question runs once
    assert.deepEqual(decoder.calls[0]!.origins, [0, 0, 0, 0]); // then is shared by every answer
    assert.equal(decoder.calls.length, 2); // the longest answer has 3 tokens
    assert.equal(decoder.released, 1);
  });

  test('scores only the k answers whose first token is most probable', async () => {
    assertRanking(await rankAnswers(fakeDecoder(logits), question, answers, { k: 3 }), [0, 2, 1]); // D cut
    assertRanking(await rankAnswers(fakeDecoder(logits), question, answers, { k: 2 }), [0, 1]); // C loses the tie
    assertRanking(await rankAnswers(fakeDecoder(logits), question, answers, { k: 1 }), [0]);
  });

  test('needs no step for one-token answers', async () => {
    const decoder = fakeDecoder(logits);
    const ranked = await rankAnswers(decoder, question, [[2], [3]], { k: 2 });
    assert.equal(decoder.calls.length, 0);
    assert.deepEqual(ranked.map((r) => r.index), [1, 0]);
  });
});
