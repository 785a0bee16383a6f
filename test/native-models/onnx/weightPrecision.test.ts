// Weight precision passes on a small graph: float32 → float16 rounding (nearest even, subnormals,
// overflow), fp16 weights (float16 initializers cast to float32, half the file, results within fp16
// rounding), fp16-compute (weight MatMuls in float16 between casts), int8 MatMuls (com.microsoft DynamicQuantizeMatMul, per-column scales, opset import
// declared, runs in ONNX Runtime on CPU within the quantisation error), small constants left alone.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import onnxProto from 'onnx-proto';
import { GraphBuilder } from '../../../native-models/onnx/graphBuilder.ts';
import { float32ToFloat16 } from '../../../native-models/onnx/precision/float32ToFloat16.ts';
import { quantizeColumns } from '../../../native-models/onnx/precision/int8MatMul.ts';
import { applyWeightPrecision, type WeightPrecision } from '../../../native-models/onnx/precision/weightPrecision.ts';
import { float16ToFloat32 } from '../../../native-models/prismer/checkpoint/float16.ts';
import { ModelRuntime, TensorClass } from '../../../native-models/runtime/modelRuntime.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const { onnx } = onnxProto;

/** y = relu(x · W1 + b) · W2 · 0.5 with W1 256×64, W2 64×32. */
function model(): { g: GraphBuilder; w1: Float32Array; b: Float32Array; w2: Float32Array } {
  const w1 = Float32Array.from({ length: 256 * 64 }, (_, i) => Math.sin(i * 0.37) * 0.2);
  const b = Float32Array.from({ length: 64 }, (_, i) => (i - 32) / 64);
  const w2 = Float32Array.from({ length: 64 * 32 }, (_, i) => Math.cos(i * 0.11) * 0.3);
  const g = new GraphBuilder('mlp');
  const x = g.input('x', 'float32', [2, 256]);
  const h = g.op('Relu', [g.op('Add', [g.op('MatMul', [x, g.initializer('w1', 'float32', [256, 64], w1)]), g.initializer('b', 'float32', [64], b)])]);
  g.output(g.op('Mul', [g.op('MatMul', [h, g.initializer('w2', 'float32', [64, 32], w2)]), g.constantFloats([0.5], [])]), 'y', 'float32', [2, 32]);
  return { g, w1, b, w2 };
}

function reference(x: Float32Array, w1: Float32Array, b: Float32Array, w2: Float32Array): Float32Array {
  const y = new Float32Array(64);
  for (let r = 0; r < 2; r++) {
    const h = Array.from({ length: 64 }, (_, j) => {
      let s = b[j]!;
      for (let i = 0; i < 256; i++) s += x[r * 256 + i]! * w1[i * 64 + j]!;
      return Math.max(0, s);
    });
    for (let k = 0; k < 32; k++) {
      let s = 0;
      for (let j = 0; j < 64; j++) s += h[j]! * w2[j * 32 + k]!;
      y[r * 32 + k] = s * 0.5;
    }
  }
  return y;
}

test('float32ToFloat16 rounds to nearest even and round-trips', () => {
  assert.equal(float32ToFloat16(1), 0x3c00);
  assert.equal(float32ToFloat16(-2), 0xc000);
  assert.equal(float32ToFloat16(65504), 0x7bff);
  assert.equal(float32ToFloat16(1e6), 0x7c00);
  assert.equal(float32ToFloat16(Number.NaN) & 0x7e00, 0x7e00);
  assert.equal(float32ToFloat16(2 ** -24), 0x0001);
  assert.equal(float32ToFloat16(2 ** -26), 0);
  assert.equal(float32ToFloat16(1 + 2 ** -11), 0x3c00, 'a tie rounds to even');
  assert.equal(float32ToFloat16(1 + 3 * 2 ** -11), 0x3c02, 'a tie rounds to even (up)');
  for (const v of [0.1, -3.14159, 1e-5, 1234.5, 6e-8]) {
    const back = float16ToFloat32(float32ToFloat16(v));
    assert.ok(Math.abs(back - v) <= Math.abs(v) * 2 ** -11 + 2 ** -25, `${v} → ${back}`);
  }
});

test('quantizeColumns: symmetric per column, max maps to ±127', () => {
  const { weights, scales } = quantizeColumns(Float32Array.from([1, -0.5, -2, 0.25, 0.5, 0]), 3, 2);
  assert.deepEqual(Array.from(scales), [2 / 127, 0.5 / 127].map(Math.fround));
  assert.deepEqual(Array.from(weights), [64, -127, -127, 64, 32, 0]);
});

describe('weight precision passes', () => {
  const x = Float32Array.from({ length: 512 }, (_, i) => Math.sin(i * 0.05));
  const run = async (t: import('node:test').TestContext, precision: WeightPrecision) => {
    const { g, w1, b, w2 } = model();
    applyWeightPrecision(g, precision);
    const path = join(tempDir(t), `${precision}.onnx`);
    await g.writeFiles(path, { threshold: Infinity });
    const runtime = new ModelRuntime({ intraOpThreads: 1, warmUp: false, idleUnloadMs: 0 });
    t.after(() => runtime.close());
    const y = (await runtime.run(path, { x: new TensorClass('float32', x, [2, 256]) })).y!.data as Float32Array;
    const want = reference(x, w1, b, w2);
    let maxAbs = 0;
    for (let i = 0; i < want.length; i++) maxAbs = Math.max(maxAbs, Math.abs(y[i]! - want[i]!));
    return { path, maxAbs, model: onnx.ModelProto.decode(readFileSync(path)) };
  };

  test('fp16: float16 initializers cast back, half the size, float16 rounding error only', async (t) => {
    const fp32 = await run(t, 'fp32');
    const fp16 = await run(t, 'fp16');
    assert.ok(fp32.maxAbs < 1e-4);
    assert.ok(fp16.maxAbs < 1e-2 && fp16.maxAbs > 0, String(fp16.maxAbs));
    const types = new Map(fp16.model.graph!.initializer!.map((i) => [i.name, i.dataType]));
    assert.equal(types.get('w1.fp16'), onnx.TensorProto.DataType.FLOAT16);
    assert.equal(types.get('b.fp16'), onnx.TensorProto.DataType.FLOAT16);
    assert.ok([...types.values()].includes(onnx.TensorProto.DataType.FLOAT), 'the scalar 0.5 stays float32');
    assert.equal(fp16.model.graph!.node!.filter((n) => n.opType === 'Cast').length, 3);
    assert.ok(statSync(fp16.path).size < 0.6 * statSync(fp32.path).size);
  });

  test('fp16-compute: weight MatMuls between casts to and from float16, float16 weights, rounding error only', async (t) => {
    const half = await run(t, 'fp16-compute');
    assert.ok(half.maxAbs < 1e-2 && half.maxAbs > 0, String(half.maxAbs));
    const nodes = half.model.graph!.node!;
    const matMuls = nodes.filter((n) => n.opType === 'MatMul');
    assert.deepEqual(matMuls.map((n) => n.input![1]), ['w1.fp16', 'w2.fp16']);
    for (const m of matMuls) {
      const producer = nodes.find((n) => n.output!.includes(m.input![0]!))!;
      const consumer = nodes.find((n) => n.input!.includes(m.output![0]!))!;
      assert.equal(producer.opType, 'Cast');
      assert.equal(consumer.opType, 'Cast');
      assert.ok(nodes.indexOf(producer) < nodes.indexOf(m) && nodes.indexOf(m) < nodes.indexOf(consumer), 'topological order');
    }
    const types = new Map(half.model.graph!.initializer!.map((i) => [i.name, i.dataType]));
    assert.ok(!types.has('w1') && types.get('w1.fp16') === onnx.TensorProto.DataType.FLOAT16 && types.get('b.fp16') === onnx.TensorProto.DataType.FLOAT16);
  });

  test('int8: DynamicQuantizeMatMul with int8 weights and per-column scales, com.microsoft declared', async (t) => {
    const fp32 = await run(t, 'fp32');
    const int8 = await run(t, 'int8');
    assert.ok(int8.maxAbs < 5e-2 && int8.maxAbs > 0, String(int8.maxAbs));
    const nodes = int8.model.graph!.node!;
    assert.equal(nodes.filter((n) => n.opType === 'MatMul').length, 0);
    assert.deepEqual(nodes.filter((n) => n.opType === 'DynamicQuantizeMatMul').map((n) => [n.domain, n.input!.slice(1)]), [
      ['com.microsoft', ['w1.int8', 'w1.scale']],
      ['com.microsoft', ['w2.int8', 'w2.scale']],
    ]);
    assert.ok(int8.model.opsetImport!.some((o) => o.domain === 'com.microsoft' && Number(o.version) === 1));
    const names = int8.model.graph!.initializer!.map((i) => i.name);
    assert.ok(!names.includes('w1') && !names.includes('w2') && names.includes('b'));
    assert.ok(statSync(int8.path).size < 0.4 * statSync(fp32.path).size);
  });
});
