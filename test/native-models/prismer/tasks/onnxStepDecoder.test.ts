// OnnxStepDecoder against the full decoder graph on each tiny parity checkpoint: (a) the logits after a
// prefix and after each cached step (rows regathered by mixed origins, the batch growing and shrinking)
// equal the full graph's on the same whole sequences; (b) beam search and greedy search through it give
// the tokens and scores of the same searches through the no-cache reference that re-runs the full graph.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { beamSearch } from '../../../../native-models/prismer/generation/beamSearch.ts';
import { greedySearch } from '../../../../native-models/prismer/generation/greedy.ts';
import type { DecoderOutput, StepDecoder } from '../../../../native-models/prismer/generation/stepDecoder.ts';
import { OnnxStepDecoder } from '../../../../native-models/prismer/tasks/onnxStepDecoder.ts';
import { fullGraphDecoder, fullLogits, loadTaskCase, maxError, ModelScratch, parityCases, skipWithoutShared } from './fixtures.ts';

/** Records the origins of every step. */
function withOrigins<S>(inner: StepDecoder<S>): StepDecoder<S> & { origins: number[][] } {
  const origins: number[][] = [];
  return {
    origins,
    start: (prefixes) => inner.start(prefixes),
    step: (state, tokens, from): Promise<DecoderOutput<S>> => {
      origins.push([...from]);
      return inner.step(state, tokens, from);
    },
    release: (state) => inner.release?.(state),
  };
}

const isIdentity = (origins: readonly number[]) => origins.every((o, i) => o === i);

describe('OnnxStepDecoder against the full decoder graph', { skip: skipWithoutShared }, () => {
  const scratch = new ModelScratch();
  after(() => scratch.close());

  for (const name of parityCases) {
    test(`${name}: prefix and stepwise logits`, async (t) => {
      const tc = await loadTaskCase(name, scratch);
      for (const image of [0, 1]) {
        const memory = tc.memory(image);
        const decoder = new OnnxStepDecoder(scratch.runtime, tc.graphs, memory);
        let worst = 0;
        const check = async (label: string, sequences: number[][], logits: readonly Float32Array[]) => {
          const expected = (await fullLogits(scratch, tc, memory, sequences)).map((rows) => rows[rows.length - 1]!);
          const e = maxError(logits, expected);
          worst = Math.max(worst, e.maxAbs);
          assert.ok(e.maxAbs <= 1e-4 * e.scale, `image ${image}, ${label}: max |err| ${e.maxAbs}`);
        };

        const single = await decoder.start([[0]]);
        await check('<s> alone', [[0]], single.logits);
        decoder.release(single.state);

        let sequences = [
          [0, 5, 17],
          [0, 300, 42],
        ];
        let out = await decoder.start(sequences);
        await check('prefix', sequences, out.logits);
        const steps: [number[], number[]][] = [
          [[7, 8, 9], [1, 0, 1]], // grows, mixed origins
          [[10, 11], [2, 0]], // shrinks, reordered
          [[12, 13, 14, 15], [0, 0, 1, 1]],
          [[2, 400, 3, 16], [3, 1, 2, 0]],
        ];
        for (const [i, [tokens, origins]] of steps.entries()) {
          sequences = origins.map((o, r) => [...sequences[o]!, tokens[r]!]);
          out = await decoder.step(out.state, tokens, origins);
          await check(`step ${i + 1}`, sequences, out.logits);
        }
        decoder.release(out.state);
        t.diagnostic(`image ${image}: max |err| ${worst.toExponential(2)} against the full graph`);
      }
    });

    test(`${name}: beam and greedy search match the no-cache reference`, async (t) => {
      const tc = await loadTaskCase(name, scratch);
      let mixed = 0;
      for (const [image, prompt, numBeams] of [
        [0, [0, 10, 20], 3],
        [1, [0], 4],
        [1, [0, 250, 251, 252], 2],
      ] as [number, number[], number][]) {
        const memory = tc.memory(image);
        const options = { numBeams, maxLength: prompt.length + 9, minLength: prompt.length + 3, eosTokenId: 2, numReturnSequences: numBeams };
        const cached = withOrigins(new OnnxStepDecoder(scratch.runtime, tc.graphs, memory));
        const reference = fullGraphDecoder(scratch, tc, memory);
        const got = await beamSearch(cached, prompt, options);
        const want = await beamSearch(reference, prompt, options);
        assert.deepEqual(cached.origins, reference.origins, 'the searches took the same steps');
        assert.deepEqual(got.map((h) => h.tokens), want.map((h) => h.tokens));
        got.forEach((h, i) => assert.ok(Math.abs(h.score - want[i]!.score) <= 1e-4, `score ${h.score} vs ${want[i]!.score}`));
        mixed += cached.origins.filter((o) => !isIdentity(o)).length;

        const lengths = { maxLength: prompt.length + 8, minLength: prompt.length + 2, eosTokenId: 2 };
        const greedy = await greedySearch(new OnnxStepDecoder(scratch.runtime, tc.graphs, memory), prompt, lengths);
        assert.deepEqual(greedy, await greedySearch(fullGraphDecoder(scratch, tc, memory), prompt, lengths));
      }
      t.diagnostic(`${mixed} beam steps regathered rows out of order`);
      assert.ok(mixed > 0, 'some step had mixed beam origins');
    });
  }
});
