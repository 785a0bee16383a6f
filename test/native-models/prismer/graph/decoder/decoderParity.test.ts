// The full decoder graph against the parity cases: memory (the expected encoder output) + ids + mask →
// logits equal to the official model's, padded positions included, within 1e-4 × max(1, max |expected|).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { buildFullDecoderGraph, fullDecoderIo } from '../../../../../native-models/prismer/graph/decoder/fullDecoderGraph.ts';
import { compare, float32, int64, loadCase, ModelScratch, parityCases, skipWithoutShared } from './fixtures.ts';

describe('full decoder graph on the parity cases', { skip: skipWithoutShared }, () => {
  const scratch = new ModelScratch();
  after(() => scratch.close());

  for (const name of parityCases) {
    test(name, async (t) => {
      const c = await loadCase(name);
      const path = scratch.write(buildFullDecoderGraph(c.weights));
      const out = await scratch.runtime.run(path, {
        [fullDecoderIo.memory]: float32(c.memory, c.memoryShape),
        [fullDecoderIo.inputIds]: int64(c.ids, [c.batch, c.tokens]),
        [fullDecoderIo.attentionMask]: int64(c.mask, [c.batch, c.tokens]),
      });
      const logits = out[fullDecoderIo.logits]!;
      assert.deepEqual(logits.dims, [c.batch, c.tokens, c.weights.dims.vocabulary]);
      const e = compare(logits.data as Float32Array, c.logits);
      t.diagnostic(`max |err| ${e.maxAbs.toExponential(2)}, max rel err ${e.maxRel.toExponential(2)}, max |expected| ${e.maxExpected.toFixed(3)}`);
      assert.ok(e.maxAbs <= 1e-4 * Math.max(1, e.maxExpected), `max |err| ${e.maxAbs}`);
    });
  }
});
