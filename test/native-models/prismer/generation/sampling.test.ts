// Greedy and sampled generation of one sequence: lengths counted with the prompt, </s> kept and ending the
// sequence, transformers 4.26's warpers (temperature, then top-k, then top-p) on hand-checked logits,
// and reproducible draws from a seed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { greedySearch } from '../../../../native-models/prismer/generation/greedy.ts';
import { seededRandom } from '../../../../native-models/prismer/generation/random.ts';
import { drawIndex, sample, warpLogits } from '../../../../native-models/prismer/generation/sampling.ts';
import { fakeDecoder, hashedLogits, probabilityTable } from './fakeDecoders.ts';

const eos = 2;

describe('greedySearch', () => {
  test('forbids </s> below min_length counted with the prompt, and stops after </s>', async () => {
    const decoder = fakeDecoder(probabilityTable({}, [0.01, 0.01, 0.9, 0.05, 0.03]));
    const result = await greedySearch(decoder, [0, 3, 4], { maxLength: 20, minLength: 5, eosTokenId: eos });
    assert.deepEqual(result, { tokens: [0, 3, 4, 3, 3, eos], finishedByEos: true });
    assert.equal(decoder.released, 1);
  });

  test('stops at max_length counted with the prompt', async () => {
    const result = await greedySearch(fakeDecoder(hashedLogits(7, 1, [eos])), [0, 5], { maxLength: 6, eosTokenId: eos });
    assert.equal(result.tokens.length, 6);
    assert.equal(result.finishedByEos, false);
  });
});

describe('warpLogits', () => {
  test('divides by the temperature before top-k', () => {
    assert.deepEqual([...warpLogits(Float32Array.of(2, -4, 1), 2, 0)], [1, -2, 0.5]);
  });

  test('top-k keeps the k highest and any equal to the k-th', () => {
    assert.deepEqual([...warpLogits(Float32Array.of(1, 3, 2, 2, 0), 1, 2)], [-Infinity, 3, 2, 2, -Infinity]);
    assert.deepEqual([...warpLogits(Float32Array.of(1, 3), 1, 50)], [1, 3]); // k above the vocabulary
  });

  test('top-p drops the least probable while their total is ≤ 1 − p', () => {
    const logits = Float32Array.from([0.5, 0.3, 0.15, 0.05], Math.log);
    // ascending: 0.05 (total 0.05 ≤ 0.25), 0.15 (0.20 ≤ 0.25) dropped; 0.3 (0.50) kept, 0.5 kept
    const warped = warpLogits(logits, 1, 0, 0.75);
    assert.deepEqual([...warped].map(Number.isFinite), [true, true, false, false]);
    // the most probable token stays even when p is tiny
    assert.deepEqual([...warpLogits(Float32Array.from([0.5, 0.3, 0.2], Math.log), 1, 0, 0.01)].map(Number.isFinite), [true, false, false]);
  });
});

describe('drawIndex', () => {
  test('inverts the cumulative distribution, skipping zero probabilities', () => {
    const probs = [0.2, 0, 0.5, 0.3];
    assert.equal(drawIndex(probs, 0), 0);
    assert.equal(drawIndex(probs, 0.19), 0);
    assert.equal(drawIndex(probs, 0.21), 2);
    assert.equal(drawIndex(probs, 0.69), 2);
    assert.equal(drawIndex(probs, 0.71), 3);
    assert.equal(drawIndex(probs, 0.9999999999), 3);
  });

  test('draws with the softmax frequencies', () => {
    const random = seededRandom(42);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20000; i++) counts[drawIndex([0.6, 0.3, 0.1], random())]!++;
    assert.ok(Math.abs(counts[0]! / 20000 - 0.6) < 0.02 && Math.abs(counts[2]! / 20000 - 0.1) < 0.01, `${counts}`);
  });
});

describe('sample', () => {
  const logits = hashedLogits(12, 5);
  const options = { maxLength: 16, minLength: 4, eosTokenId: eos, topK: 0 };

  test('gives the same sequence for the same seed', async () => {
    const runs = await Promise.all(
      [7, 7, 8, 9, 10].map((seed) => sample(fakeDecoder(logits), [0, 1], { ...options, random: seededRandom(seed) })),
    );
    assert.deepEqual(runs[0], runs[1]);
    assert.ok(runs.slice(2).some((run) => JSON.stringify(run) !== JSON.stringify(runs[0])), 'other seeds differ');
  });

  test('with top-k 1 equals greedy search', async () => {
    const greedy = await greedySearch(fakeDecoder(logits), [0, 1], options);
    const sampled = await sample(fakeDecoder(logits), [0, 1], { ...options, topK: 1, random: seededRandom(3) });
    assert.deepEqual(sampled, greedy);
  });

  test('never draws </s> below min_length', async () => {
    const eosLikely = probabilityTable({}, [0.05, 0.05, 0.8, 0.05, 0.05]);
    for (let seed = 0; seed < 20; seed++) {
      const result = await sample(fakeDecoder(eosLikely), [0], { maxLength: 10, minLength: 3, eosTokenId: eos, random: seededRandom(seed) });
      assert.ok(result.tokens.indexOf(eos) >= 3, `${result.tokens}`);
    }
  });
});
