// Parity of the encoder graph with the official model classes: for every case in shared/prismer/parity,
// build the graph from checkpoint.bin at the fixture's image resolution, run it with ONNX Runtime on the
// fixture inputs and compare with expected.memory (max |Δ| ≤ 1e-4 · max(1, max |expected|)).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openSafetensors } from '../../../../../native-models/prismer/checkpoint/safetensors.ts';
import { openTorchCheckpoint } from '../../../../../native-models/prismer/checkpoint/torchCheckpoint.ts';
import { buildEncoderGraph } from '../../../../../native-models/prismer/graph/encoder/encoderGraph.ts';
import { ModelRuntime, TensorClass, type Feeds } from '../../../../../native-models/runtime/modelRuntime.ts';
import { parityCases, parityDir, skipWithoutParity } from '../../sharedData.ts';

interface Fixture {
  readonly image_resolution: number;
  readonly patch_size: number;
  readonly label_resolution: number;
  readonly vision: { readonly width: number; readonly layers: number; readonly heads: number; readonly experts: readonly string[] };
  readonly resampler: { readonly latents: number; readonly layers: number; readonly heads: number } | null;
}

describe('encoder graph parity', { skip: skipWithoutParity }, () => {
  const runtime = new ModelRuntime({ provider: 'cpu', warmUp: false, idleUnloadMs: 0 });
  const scratch = mkdtempSync(join(tmpdir(), 'prismer-encoder-'));
  after(async () => {
    await runtime.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const cases = parityCases;
  for (const name of cases) {
    test(name, async (t) => {
      const dir = join(parityDir, name);
      const fixture = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as Fixture;
      const checkpoint = await openTorchCheckpoint(join(dir, 'checkpoint.bin'));
      const graph = await buildEncoderGraph(
        checkpoint,
        { patchSize: fixture.patch_size, width: fixture.vision.width, layers: fixture.vision.layers, heads: fixture.vision.heads, resampler: fixture.resampler, labelResolution: fixture.label_resolution },
        { resolution: fixture.image_resolution, experts: fixture.vision.experts },
      ).finally(() => checkpoint.close());
      const path = join(scratch, `${name}.onnx`);
      writeFileSync(path, graph.bytes);

      const tensors = await openSafetensors(join(dir, 'fixture.safetensors'));
      try {
        const feeds: Feeds = {};
        for (const input of graph.inputs) {
          const descriptor = tensors.get(input.name);
          assert.ok(descriptor, `the fixture has no input "${input.name}"`);
          const data = input.type === 'int32' ? (await tensors.read(input.name)) as Int32Array : await tensors.readFloat32(input.name);
          feeds[input.name] = new TensorClass(input.type as 'float32', data as Float32Array, [...descriptor.shape]);
        }
        const expected = await tensors.readFloat32('expected.memory');
        const actual = (await runtime.run(path, feeds))['memory']!;
        assert.deepEqual(actual.dims, tensors.get('expected.memory')!.shape);
        const values = actual.data as Float32Array;
        let maxAbs = 0;
        let maxExpected = 0;
        let maxRel = 0; // pointwise, over entries with |expected| ≥ 0.01 (tiny entries make it meaningless)
        for (let i = 0; i < expected.length; i++) {
          const diff = Math.abs(values[i]! - expected[i]!);
          maxAbs = Math.max(maxAbs, diff);
          maxExpected = Math.max(maxExpected, Math.abs(expected[i]!));
          if (Math.abs(expected[i]!) >= 0.01) maxRel = Math.max(maxRel, diff / Math.abs(expected[i]!));
        }
        t.diagnostic(
          `${name}: ${graph.tokens} tokens; max |Δ| = ${maxAbs.toExponential(2)}; max |Δ| / max(1, max |expected|) = ${(maxAbs / Math.max(1, maxExpected)).toExponential(2)}; ` +
            `max pointwise relative (|expected| ≥ 0.01) = ${maxRel.toExponential(2)}`,
        );
        assert.ok(maxAbs <= 1e-4 * Math.max(1, maxExpected), `max |Δ| ${maxAbs} exceeds ${1e-4 * Math.max(1, maxExpected)}`);
      } finally {
        await tensors.close();
      }
    });
  }
});
