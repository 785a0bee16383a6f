// Specification of the model runtime: the provider actually used and why not a GPU, lazy opening,
// the memory budget, idle unloading, and a clear error for a file that is not a model.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import * as ort from 'onnxruntime-node';
import { describeProvider, providerOrder } from '../../../native-models/runtime/executionProviders.ts';
import { ModelLoadError, ModelRuntime, TensorClass } from '../../../native-models/runtime/modelRuntime.ts';
import { writeDepthModel } from '../../helpers/onnxModels.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const input = () => ({ pixel_values: new TensorClass('float32', new Float32Array(3 * 4 * 4), [1, 3, 4, 4]) });

describe('model runtime', () => {
  test('tries the GPU providers of each platform first, CPU last', () => {
    assert.deepEqual(providerOrder('auto', 'linux'), ['cuda', 'cpu']);
    assert.deepEqual(providerOrder('auto', 'win32'), ['cuda', 'dml', 'cpu']);
    assert.deepEqual(providerOrder('auto', 'darwin'), ['coreml', 'cpu']);
    assert.deepEqual(providerOrder('cpu', 'linux'), ['cpu']);
  });

  test('falls back to CPU when a GPU provider fails, and says why', async (t) => {
    const model = writeDepthModel(tempDir(t));
    const tried: string[] = [];
    const runtime = new ModelRuntime({
      platform: 'win32',
      createSession: async (path, options) => {
        const provider = String(options.executionProviders?.[0]);
        tried.push(provider);
        if (provider !== 'cpu') throw new Error(`${provider} library not found`);
        return ort.InferenceSession.create(path, options);
      },
    });
    t.after(() => runtime.close());
    const info = await runtime.load(model);
    assert.deepEqual(tried, ['cuda', 'dml', 'cpu']);
    assert.equal(info.provider, 'cpu');
    assert.match(info.fallbackReason!, /CUDA/);
    assert.match(info.fallbackReason!, /DirectML could not start \(dml library not found\)/);
    assert.match(describeProvider(runtime.providerInUse()), /^CPU — /);
    // A provider that failed is not retried for the next model.
    await runtime.load(writeDepthModel(tempDir(t), 'second.onnx'));
    assert.deepEqual(tried, ['cuda', 'dml', 'cpu', 'cpu']);
  });

  test('on this machine: CPU, with the reason CUDA is unavailable, and the model signature', async (t) => {
    const model = writeDepthModel(tempDir(t));
    const runtime = new ModelRuntime({ intraOpThreads: 2 });
    t.after(() => runtime.close());
    const info = await runtime.load(model);
    assert.equal(info.provider, 'cpu');
    assert.deepEqual(info.inputNames, ['pixel_values']);
    assert.deepEqual(info.outputNames, ['predicted_depth']);
    assert.equal(runtime.providerInUse().provider, 'cpu');
  });

  test('keeps loaded models under the memory budget, least recently used out first', async (t) => {
    const dir = tempDir(t);
    const a = writeDepthModel(dir, 'a.onnx');
    const b = writeDepthModel(dir, 'b.onnx');
    const c = writeDepthModel(dir, 'c.onnx');
    const runtime = new ModelRuntime({ memoryBudgetBytes: 1000, idleUnloadMs: 0 }); // each fake model is ~400 B
    t.after(() => runtime.close());
    await runtime.run(a, input());
    await runtime.run(b, input());
    await runtime.run(a, input()); // a is now the most recent
    await runtime.run(c, input());
    assert.deepEqual(runtime.loadedModels().map((m) => m.path).sort(), [a, c].sort());
  });

  test('closes models unused for the idle time', async (t) => {
    const model = writeDepthModel(tempDir(t));
    const runtime = new ModelRuntime({ idleUnloadMs: 100 });
    t.after(() => runtime.close());
    await runtime.run(model, input());
    assert.equal(runtime.loadedModels().length, 1);
    await sleep(400);
    assert.equal(runtime.loadedModels().length, 0);
    const again = await runtime.run(model, input());
    assert.ok(again.predicted_depth, 'and opens them again when needed');
  });

  test('a file that is not a model is refused with a clear error', async (t) => {
    const path = join(tempDir(t), 'fake.onnx');
    writeFileSync(path, 'this is not a model');
    const runtime = new ModelRuntime();
    t.after(() => runtime.close());
    await assert.rejects(runtime.load(path), (e: unknown) => e instanceof ModelLoadError && /could not be opened by ONNX Runtime/.test(e.message));
  });
});
