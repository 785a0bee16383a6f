// Beam search as transformers 4.26 runs it, on a 5-token vocabulary (0 <s>, 1 <pad>, 2 </s>, 3 a, 4 b)
// whose next-token probabilities are a table of the sequence so far. Expected sequences and scores were
// worked out by hand from the table, step by step, following 4.26's `beam_search` and `BeamSearchScorer`
// (the working is in the comments).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { beamSearch, type RunningBeam } from '../../../../native-models/prismer/generation/beamSearch.ts';
import { greedySearch } from '../../../../native-models/prismer/generation/greedy.ts';
import { fakeDecoder, hashedLogits, probabilityTable } from './fakeDecoders.ts';

const eos = 2;
const [a, b] = [3, 4];
const ln = Math.log;
// p(<s>), p(<pad>), p(</s>), p(a), p(b) after each sequence.
const table = probabilityTable(
  {
    '0': [0, 0, 0.5, 0.4, 0.1],
    '0,3': [0, 0, 0.12, 0.8, 0.08],
    '0,4': [0, 0, 0.9, 0.05, 0.05],
    '0,3,3': [0, 0, 0.9, 0.07, 0.03],
    '0,3,4': [0, 0, 0.6, 0.25, 0.15],
  },
  [0, 0, 0.5, 0.3, 0.2],
);

function assertHypotheses(actual: { tokens: number[]; score: number; finishedByEos: boolean }[], expected: [number[], number, boolean][]) {
  assert.deepEqual(
    actual.map((h) => [h.tokens, h.finishedByEos]),
    expected.map(([tokens, , byEos]) => [tokens, byEos]),
  );
  for (const [i, [, score]] of expected.entries()) {
    assert.ok(Math.abs(actual[i]!.score - score) < 1e-6, `score ${i}: ${actual[i]!.score} vs ${score}`);
  }
}

describe('beamSearch (transformers 4.26 semantics)', () => {
  // Step 1 (cur_len 1): candidates </s> -0.69 | a -0.92 | b -2.30 → [0] finished (score -0.69/1);
  //   running [0,a], [0,b].
  // Step 2 (cur_len 2): a,a -1.14 | b,</s> -2.41 | a,</s> -3.04 | a,b -3.44 → [0,b] finished
  //   (-2.41/2 = -1.20); a,</s> is rank 2 ≥ num_beams: dropped; running [0,a,a], [0,a,b].
  //   Two hypotheses are finished, but is_done compares worst -1.20 with -1.14/2 = -0.57: not done.
  // Step 3 (cur_len 3): a,a,</s> -1.24 | a,a,a -3.80 | a,b,</s> -3.95 (rank 2, dropped) | a,a,b -4.65 →
  //   [0,a,a] finished (-1.24/3 = -0.41) and replaces [0,b]; length 4 = max_length: stop.
  // finalize: [0,a,a,a] (-3.80/4 = -0.95) does not beat the worst kept (-0.69).
  test('continues after num_beams hypotheses are finished while the 4.26 rule says so', async () => {
    const decoder = fakeDecoder(table);
    const result = await beamSearch(decoder, [0], { numBeams: 2, maxLength: 4, eosTokenId: eos, numReturnSequences: 2 });
    assertHypotheses(result, [
      [[0, a, a, eos], (ln(0.4) + ln(0.8) + ln(0.9)) / 3, true],
      [[0, eos], ln(0.5) / 1, true],
    ]);
    assert.deepEqual(decoder.calls, [
      { tokens: [a, b], origins: [0, 0] }, // both beams continue the prompt's single row
      { tokens: [a, b], origins: [0, 0] }, // both continue [0,a]
    ]);
    assert.equal(decoder.released, 1);
  });

  test('with early stopping it stops as soon as num_beams hypotheses are finished', async () => {
    const result = await beamSearch(fakeDecoder(table), [0], {
      numBeams: 2,
      maxLength: 4,
      eosTokenId: eos,
      numReturnSequences: 2,
      earlyStopping: true,
    });
    assertHypotheses(result, [
      [[0, eos], ln(0.5), true],
      [[0, b, eos], (ln(0.1) + ln(0.9)) / 2, true],
    ]);
  });

  // length_penalty −1: scores are sum · length. Step 2 keeps [0] (-0.69) and [0,b] (-2.41·2 = -4.82);
  // step 3 adds [0,a,a] (-1.24·3 = -3.73), and is_done (-3.73 ≥ -1.24·3) holds.
  test('length penalty −1 favours the short hypothesis that 1.0 ranks second', async () => {
    const result = await beamSearch(fakeDecoder(table), [0], {
      numBeams: 2,
      maxLength: 4,
      eosTokenId: eos,
      numReturnSequences: 2,
      lengthPenalty: -1,
    });
    assertHypotheses(result, [
      [[0, eos], ln(0.5), true],
      [[0, a, a, eos], (ln(0.4) + ln(0.8) + ln(0.9)) * 3, true],
    ]);
  });

  // min_length 3 with the 1-token prompt: </s> forbidden at cur_len 1 and 2, i.e. for two generated tokens.
  // Scores keep the unconstrained log-probabilities (no renormalisation without </s>).
  test('forbids </s> while the length with the prompt is below min_length, without renormalising', async () => {
    const result = await beamSearch(fakeDecoder(table), [0], {
      numBeams: 2,
      maxLength: 4,
      minLength: 3,
      eosTokenId: eos,
      numReturnSequences: 2,
    });
    assertHypotheses(result, [
      [[0, a, a, eos], (ln(0.4) + ln(0.8) + ln(0.9)) / 3, true],
      [[0, a, a, a], (ln(0.4) + ln(0.8) + ln(0.07)) / 4, false], // stopped at max_length: no </s>
    ]);
  });

  test('counts min_length and max_length with the prompt', async () => {
    const alwaysEos = probabilityTable({}, [0.01, 0.01, 0.9, 0.05, 0.03]);
    const prompt = [0, a, b];
    const result = await beamSearch(fakeDecoder(alwaysEos), prompt, {
      numBeams: 3,
      maxLength: 20,
      minLength: 5,
      eosTokenId: eos,
      numReturnSequences: 3,
    });
    for (const h of result) {
      assert.ok(h.finishedByEos);
      assert.ok(h.tokens.length - 1 >= 5, `${h.tokens} ends before min_length`);
    }
    assert.equal(result[0]!.tokens.length, 6); // 3 prompt + 2 forced + </s>

    const neverEos = hashedLogits(9, 7, [eos]);
    const long = await beamSearch(fakeDecoder(neverEos), prompt, { numBeams: 3, maxLength: 8, eosTokenId: eos, numReturnSequences: 3 });
    for (const h of long) {
      assert.equal(h.tokens.length, 8);
      assert.ok(!h.finishedByEos);
      assert.deepEqual(h.tokens.slice(0, 3), prompt);
    }
  });

  test('finalises a beam that ends in </s> instead of continuing it', async () => {
    const seen: RunningBeam[][] = [];
    const result = await beamSearch(fakeDecoder(hashedLogits(8, 3)), [0, 5], {
      numBeams: 3,
      maxLength: 14,
      minLength: 4,
      eosTokenId: eos,
      numReturnSequences: 3,
      onStep: (beams) => seen.push([...beams]),
    });
    for (const beams of seen) for (const beam of beams) assert.ok(!beam.tokens.slice(2).includes(eos));
    for (const h of result) {
      assert.ok(!h.tokens.slice(2, -1).includes(eos));
      if (h.finishedByEos) assert.equal(h.tokens.at(-1), eos);
    }
    assert.ok(result.some((h) => h.finishedByEos));
  });

  test('tells the decoder which beam each new beam came from', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const decoder = fakeDecoder(hashedLogits(10, seed));
      const seen: number[][][] = [];
      await beamSearch(decoder, [0, 7, 8], {
        numBeams: 3,
        maxLength: 15,
        minLength: 6,
        eosTokenId: eos,
        onStep: (beams) => seen.push(beams.map((beam) => [...beam.tokens])),
      });
      // The decoder's rows after each step (built from origins alone) are the beams the search holds.
      assert.deepEqual(decoder.history.slice(1), seen.slice(0, decoder.history.length - 1));
      assert.ok(decoder.calls.some((call) => new Set(call.origins).size > 1), 'a case where beams come from different rows');
    }
  });

  test('with one beam equals greedy search', async () => {
    const endings = new Set<boolean>();
    for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
      const logits = hashedLogits(6, seed);
      const options = { maxLength: 12, minLength: 3, eosTokenId: eos };
      const [beam] = await beamSearch(fakeDecoder(logits), [0, 4], { ...options, numBeams: 1 });
      const greedy = await greedySearch(fakeDecoder(logits), [0, 4], options);
      assert.deepEqual(beam!.tokens, greedy.tokens);
      assert.equal(beam!.finishedByEos, greedy.finishedByEos);
      endings.add(greedy.finishedByEos);
    }
    assert.equal(endings.size, 2, 'cases ending by </s> and by max_length');
  });

  // length_penalty −1. Step 1: running [0,a] -0.69, [0,b] -0.92. Step 2: a,</s> -1.20 (rank 0: finished,
  // -1.20·2) | a,a -1.90 | b,</s> -1.97 (rank 2: dropped, though its -1.97·2 = -3.93 would beat the running
  // beams) | b,a -2.03. At max_length [0,a,a] (-1.90·3) joins; [0,b,a] (-2.03·3) does not.
  test('drops a </s> candidate ranked num_beams or lower', async () => {
    const eosRankTwo = probabilityTable(
      { '0': [0, 0, 0.1, 0.5, 0.4], '0,3': [0, 0, 0.6, 0.3, 0.1], '0,4': [0, 0, 0.35, 0.33, 0.32] },
      [0.2, 0.2, 0.2, 0.2, 0.2],
    );
    const result = await beamSearch(fakeDecoder(eosRankTwo), [0], {
      numBeams: 2,
      maxLength: 3,
      lengthPenalty: -1,
      eosTokenId: eos,
      numReturnSequences: 2,
    });
    assertHypotheses(result, [
      [[0, a, eos], (ln(0.5) + ln(0.6)) * 2, true],
      [[0, a, a], (ln(0.5) + ln(0.3)) * 3, false],
    ]);
  });

  test('rejects a prompt that already reaches max_length', async () => {
    await assert.rejects(beamSearch(fakeDecoder(table), [0, 3, 3], { numBeams: 2, maxLength: 3, eosTokenId: eos }), RangeError);
  });
});
