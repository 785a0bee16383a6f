// The decoder's self-attention bias and clamped attention on small inputs (no checkpoint needed): causal
// over past + new tokens, padding hidden, a fully masked row uniform rather than NaN; and host positions.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { GraphBuilder } from '../../../../../native-models/onnx/graphBuilder.ts';
import { hostPositionIds } from '../../../../../native-models/prismer/graph/decoder/positions.ts';
import { selfAttentionBias } from '../../../../../native-models/prismer/graph/decoder/selfAttentionMask.ts';
import { attend, FLOAT32_MIN } from '../../../../../native-models/prismer/graph/ops/attention.ts';
import { float32, int64, ModelScratch } from './fixtures.ts';

describe('self-attention bias and clamped attention', () => {
  const scratch = new ModelScratch();
  after(() => scratch.close());

  function model(): string {
    const g = new GraphBuilder('mask');
    const mask = g.input('mask', 'int64', ['b', 'all']);
    const ids = g.input('ids', 'int64', ['b', 'new']);
    const q = g.input('q', 'float32', ['b', 1, 'new', 2]);
    const kv = g.input('kv', 'float32', ['b', 1, 'all', 2]);
    const bias = selfAttentionBias(g, mask, ids);
    g.output(bias, 'bias', 'float32', ['b', 1, 'new', 'all']);
    g.output(attend(g, q, kv, kv, 2, bias), 'context', 'float32', ['b', 1, 'new', 2]);
    return scratch.write(g.toBytes());
  }

  test('two new tokens after two cached ones, with a hidden key and a fully hidden row', async () => {
    const path = model();
    const kv = Float32Array.from([1, 0, 0, 1, 2, 2, -1, 3]);
    const out = await scratch.runtime.run(path, {
      mask: int64([1, 0, 1, 1, 0, 0, 0, 0], [2, 4]),
      ids: int64([5, 6, 5, 6], [2, 2]),
      q: float32(new Float32Array(8).fill(0.5), [2, 1, 2, 2]),
      kv: float32(Float32Array.from([...kv, ...kv]), [2, 1, 4, 2]),
    });
    const M = Math.fround(FLOAT32_MIN);
    assert.deepEqual(Array.from(out.bias!.data as Float32Array), [0, M, 0, M, 0, M, 0, 0, ...new Array(8).fill(M)]);
    const context = Array.from(out.context!.data as Float32Array);
    assert.ok(context.every(Number.isFinite));
    // The second batch row sees nothing: uniform weights over all four keys.
    assert.deepEqual(context.slice(4).map((v) => Math.round(v * 1e6) / 1e6), [0.5, 1.5, 0.5, 1.5]);
  });

  test('host positions count real tokens across calls; pads take 1', () => {
    const first = hostPositionIds([[0, 7, 8], [0, 9, 1]]);
    assert.deepEqual(first.positions, [[2, 3, 4], [2, 3, 1]]);
    assert.deepEqual(hostPositionIds([[5], [1]], first.counts).positions, [[5], [1]]);
  });
});
