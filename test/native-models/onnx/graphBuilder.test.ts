// Specification of the ONNX writer: models it writes open and compute in ONNX Runtime, inline or with
// their weights in an external data file (the form models over protobuf's 2 GB limit need).
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { GraphBuilder } from '../../../native-models/onnx/graphBuilder.ts';
import { ModelRuntime, TensorClass } from '../../../native-models/runtime/modelRuntime.ts';
import { tempDir } from '../../helpers/tempDir.ts';

/** y = x · W + b with a 256×64 weight (64 KiB: external above a 1 KiB threshold). */
function linearModel(): { builder: GraphBuilder; weight: Float32Array; bias: Float32Array } {
  const weight = Float32Array.from({ length: 256 * 64 }, (_, i) => ((i * 37) % 101) / 101 - 0.5);
  const bias = Float32Array.from({ length: 64 }, (_, i) => i / 64);
  const g = new GraphBuilder('linear');
  const x = g.input('x', 'float32', [1, 256]);
  const w = g.initializer('w', 'float32', [256, 64], weight);
  const b = g.initializer('b', 'float32', [64], bias);
  g.output(g.op('Add', [g.op('MatMul', [x, w]), b]), 'y', 'float32', [1, 64]);
  return { builder: g, weight, bias };
}

function expected(weight: Float32Array, bias: Float32Array, x: Float32Array): number[] {
  return Array.from({ length: 64 }, (_, j) => {
    let sum = bias[j]!;
    for (let i = 0; i < 256; i++) sum += x[i]! * weight[i * 64 + j]!;
    return sum;
  });
}

describe('ONNX graph writer', () => {
  test('writes weights to an external data file that ONNX Runtime reads, and the same results as inline', async (t) => {
    const dir = tempDir(t);
    const { builder, weight, bias } = linearModel();
    const external = await builder.writeFiles(join(dir, 'external.onnx'), { threshold: 1024 });
    assert.ok(external.data && existsSync(external.data));
    assert.ok(statSync(external.model).size < 2048, 'the graph file holds no weights');
    assert.ok(statSync(external.data).size >= weight.byteLength);
    const inline = await builder.writeFiles(join(dir, 'inline.onnx'), { threshold: Infinity });
    assert.equal(inline.data, null);

    const runtime = new ModelRuntime({ intraOpThreads: 1 });
    t.after(() => runtime.close());
    const x = Float32Array.from({ length: 256 }, (_, i) => Math.sin(i));
    const want = expected(weight, bias, x);
    for (const path of [external.model, inline.model]) {
      const y = (await runtime.run(path, { x: new TensorClass('float32', x, [1, 256]) })).y!.data as Float32Array;
      for (let j = 0; j < 64; j++) assert.ok(Math.abs(y[j]! - want[j]!) < 1e-4, `${path} y[${j}]`);
    }
  });
});
