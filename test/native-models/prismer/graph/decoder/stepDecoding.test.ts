// The split decoding graphs against the full decoder graph: cross keys/values once from memory, then the
// step graph fed the sequence in chunks (one token at a time, or a prefix first) with its cache carried
// over must give the full graph's logits at every non-padded position, within 1e-4.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { buildCrossKeyValueGraph } from '../../../../../native-models/prismer/graph/decoder/crossKeyValueGraph.ts';
import {
  crossKeyName,
  crossValueName,
  pastKeyName,
  pastValueName,
  presentKeyName,
  presentValueName,
  stepDecoderIo,
} from '../../../../../native-models/prismer/graph/decoder/decodingIo.ts';
import { buildFullDecoderGraph, fullDecoderIo } from '../../../../../native-models/prismer/graph/decoder/fullDecoderGraph.ts';
import { hostPositionIds } from '../../../../../native-models/prismer/graph/decoder/positions.ts';
import { buildStepDecoderGraph } from '../../../../../native-models/prismer/graph/decoder/stepDecoderGraph.ts';
import type { Feeds, Tensor } from '../../../../../native-models/runtime/modelRuntime.ts';
import { compare, float32, int64, loadCase, ModelScratch, parityCases, skipWithoutShared, type ParityCase } from './fixtures.ts';

/** Columns [from, to) of a [B, T] array, as rows. */
const columns = (values: Int32Array, c: ParityCase, from: number, to: number): number[][] =>
  Array.from({ length: c.batch }, (_, b) => Array.from(values.subarray(b * c.tokens + from, b * c.tokens + to)));

async function decodeInChunks(scratch: ModelScratch, c: ParityCase, paths: { cross: string; step: string }, chunks: readonly number[]): Promise<Float32Array> {
  const d = c.weights.dims;
  const crossOut = await scratch.runtime.run(paths.cross, { [stepDecoderIo.memory]: float32(c.memory, c.memoryShape) });
  const empty = float32(new Float32Array(0), [c.batch, d.heads, 0, d.headDim]);
  let cache: Tensor[][] = Array.from({ length: d.layers + 1 }, () => [empty, empty]);
  let counts: number[] = [];
  const logits = new Float32Array(c.batch * c.tokens * d.vocabulary);
  let done = 0;
  for (const size of chunks) {
    const ids = columns(c.ids, c, done, done + size);
    const { positions, counts: next } = hostPositionIds(ids, counts);
    counts = next;
    const feeds: Feeds = {
      [stepDecoderIo.inputIds]: int64(ids.flat(), [c.batch, size]),
      [stepDecoderIo.positionIds]: int64(positions.flat(), [c.batch, size]),
      [stepDecoderIo.attentionMask]: int64(columns(c.mask, c, 0, done + size).flat(), [c.batch, done + size]),
    };
    cache.forEach(([key, value], i) => {
      feeds[pastKeyName(i)] = key!;
      feeds[pastValueName(i)] = value!;
    });
    for (let i = 0; i < d.layers; i++) {
      feeds[crossKeyName(i)] = crossOut[crossKeyName(i)]!;
      feeds[crossValueName(i)] = crossOut[crossValueName(i)]!;
    }
    const out = await scratch.runtime.run(paths.step, feeds);
    assert.deepEqual(out[stepDecoderIo.logits]!.dims, [c.batch, size, d.vocabulary]);
    assert.deepEqual(out[presentKeyName(0)]!.dims, [c.batch, d.heads, done + size, d.headDim]);
    const stepLogits = out[stepDecoderIo.logits]!.data as Float32Array;
    for (let b = 0; b < c.batch; b++) {
      const rows = stepLogits.subarray(b * size * d.vocabulary, (b + 1) * size * d.vocabulary);
      logits.set(rows, (b * c.tokens + done) * d.vocabulary);
    }
    cache = cache.map((_, i) => [out[presentKeyName(i)]!, out[presentValueName(i)]!]);
    done += size;
  }
  return logits;
}

describe('step decoding graph with a cache against the full decoder graph', { skip: skipWithoutShared }, () => {
  const scratch = new ModelScratch();
  after(() => scratch.close());

  for (const name of parityCases) {
    test(name, async (t) => {
      const c = await loadCase(name);
      const full = scratch.write(buildFullDecoderGraph(c.weights));
      const paths = { cross: scratch.write(buildCrossKeyValueGraph(c.weights)), step: scratch.write(buildStepDecoderGraph(c.weights)) };
      const fullOut = await scratch.runtime.run(full, {
        [fullDecoderIo.memory]: float32(c.memory, c.memoryShape),
        [fullDecoderIo.inputIds]: int64(c.ids, [c.batch, c.tokens]),
        [fullDecoderIo.attentionMask]: int64(c.mask, [c.batch, c.tokens]),
      });
      const reference = fullOut[fullDecoderIo.logits]!.data as Float32Array;
      const vocabulary = c.weights.dims.vocabulary;
      const realToken = (i: number) => c.mask[Math.floor(i / vocabulary)] === 1;
      const prefix = Math.min(3, c.tokens);
      const schedules = {
        'one token at a time': Array.from({ length: c.tokens }, () => 1),
        [`a ${prefix}-token prefix, then one at a time`]: [prefix, ...Array.from({ length: c.tokens - prefix }, () => 1)],
      };
      for (const [label, chunks] of Object.entries(schedules)) {
        const e = compare(await decodeInChunks(scratch, c, paths, chunks), reference, realToken);
        t.diagnostic(`${label}: max |err| ${e.maxAbs.toExponential(2)}, max rel err ${e.maxRel.toExponential(2)} (vs the full graph)`);
        assert.ok(e.maxAbs <= 1e-4 * Math.max(1, e.maxExpected), `${label}: max |err| ${e.maxAbs}`);
      }
    });
  }
});
