// Specification of the model worker as main sees it: a separate process that answers with validated
// expert outputs, and that, when killed mid-image, fails only that request and comes back for the next;
// a cancelled request ends at once even while the worker is busy (the worker is ended, the other requests
// in flight go to a fresh one).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ExpertWorkerClient, WorkerCrashedError, WorkerRequestCancelledError } from '../../../electron/worker/expertWorkerClient.ts';
import type { WorkerProcess } from '../../../electron/worker/workerProcess.ts';
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

  test('a cancelled request ends within a second while the worker is busy; the others in flight run on a fresh worker', async () => {
    // Stand-in workers: the first never answers (a long inference), later ones answer every request.
    const spawned: { killed: boolean; received: unknown[] }[] = [];
    const spawn = (): WorkerProcess => {
      const index = spawned.length;
      const state = { killed: false, received: [] as unknown[] };
      spawned.push(state);
      let onMessage: (message: unknown) => void = () => {};
      let onExit: (code: number | null, signal: string | null) => void = () => {};
      return {
        pid: 1000 + index,
        send(message) {
          state.received.push(message);
          const id = (message as { id?: number }).id;
          if (index > 0 && typeof id === 'number') setImmediate(() => onMessage({ type: 'error', id, message: `answered by worker ${index + 1}` }));
        },
        onMessage: (listener) => void (onMessage = listener),
        onExit: (listener) => void (onExit = listener),
        stop() {},
        kill() {
          state.killed = true;
          setImmediate(() => onExit(null, 'SIGKILL'));
        },
      };
    };
    const worker = new ExpertWorkerClient({ spawn });
    const controller = new AbortController();
    const cancelled = worker.run('/photos/a.jpg', [], controller.signal);
    const other = worker.run('/photos/b.jpg', []);
    await new Promise((r) => setTimeout(r, 50));
    const asked = performance.now();
    controller.abort();
    await assert.rejects(cancelled, WorkerRequestCancelledError);
    assert.ok(performance.now() - asked < 1000, 'the cancelled request ended within a second');
    assert.equal(spawned[0]!.killed, true, 'the busy worker was ended');
    await assert.rejects(other, /answered by worker 2/, 'the other request was sent again and answered');
    assert.deepEqual((spawned[1]!.received as { imagePath?: string }[]).map((m) => m.imagePath), ['/photos/b.jpg']);
    await assert.rejects(worker.run('/photos/c.jpg', [], controller.signal), WorkerRequestCancelledError, 'an already cancelled signal sends nothing');
  });
});
