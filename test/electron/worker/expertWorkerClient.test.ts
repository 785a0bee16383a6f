// Specification of the model worker as main sees it: a separate process that answers with validated
// expert outputs, and that, when killed mid-image, fails only that request and comes back for the next.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ExpertWorkerClient, WorkerCrashedError } from '../../../electron/worker/expertWorkerClient.ts';
import type { WorkerChoice } from '../../../electron/worker/workerProtocol.ts';
import { writeDepthModel } from '../../helpers/onnxModels.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { writePhoto } from '../../helpers/images.ts';

describe('model worker', () => {
  test('runs the experts in its own process and returns their label maps', async (t) => {
    const dir = tempDir(t);
    const photo = join(dir, 'p.jpg');
    await writePhoto(photo, { width: 96, height: 64, seed: 3 });
    const model = writeDepthModel(dir);
    const worker = new ExpertWorkerClient();
    t.after(() => worker.close());
    const choices: WorkerChoice[] = [
      { expert: 'depth', label: 'DPT-Hybrid MiDaS (the official expert)', files: { model }, modelVersion: 'v1' },
      { expert: 'edge', label: 'Canny (classical fallback)', files: {}, modelVersion: 'builtin' },
      { expert: 'seg', missing: 'No seg model is installed.' },
    ];
    const answer = await worker.run(photo, choices);
    assert.notEqual(worker.pid, process.pid);
    assert.deepEqual(answer.imageSize, { width: 96, height: 64 });
    assert.equal(answer.provider.provider, 'cpu');
    const [depth, edge, seg] = answer.results;
    assert.equal(depth!.status, 'done');
    assert.ok(depth!.status === 'done' && depth!.output.labelMap!.data instanceof Uint8Array);
    assert.equal(depth!.status === 'done' && depth!.output.labelMap!.data.length, 96 * 64);
    assert.equal(edge!.status, 'done');
    assert.equal(seg!.status, 'missing');
  });

  test('an unreadable image fails its request with the reason; the worker keeps serving', async (t) => {
    const dir = tempDir(t);
    const worker = new ExpertWorkerClient();
    t.after(() => worker.close());
    await assert.rejects(worker.run(join(dir, 'nope.jpg'), []), /nope\.jpg|no such file|Input file is missing/i);
    const photo = join(dir, 'p.jpg');
    await writePhoto(photo);
    assert.equal((await worker.run(photo, [{ expert: 'edge', label: 'Canny (classical fallback)', files: {}, modelVersion: 'builtin' }])).results.length, 1);
  });

  test('killed mid-image, the request fails with a clear error and a new worker takes the next one', async (t) => {
    const dir = tempDir(t);
    const photo = join(dir, 'big.jpg');
    await writePhoto(photo, { width: 2400, height: 1800 });
    const worker = new ExpertWorkerClient();
    t.after(() => worker.close());
    const running = worker.run(photo, [{ expert: 'edge', label: 'Canny (classical fallback)', files: {}, modelVersion: 'builtin' }]);
    await new Promise((r) => setTimeout(r, 150));
    process.kill(worker.pid!, 'SIGKILL');
    await assert.rejects(running, (e: unknown) => e instanceof WorkerCrashedError && /killed by SIGKILL/.test(e.message));
    const small = join(dir, 'small.jpg');
    await writePhoto(small);
    const answer = await worker.run(small, [{ expert: 'edge', label: 'Canny (classical fallback)', files: {}, modelVersion: 'builtin' }]);
    assert.equal(answer.results[0]!.status, 'done');
    assert.equal(worker.startedPids.length, 2, 'a second worker was started');
  });
});
