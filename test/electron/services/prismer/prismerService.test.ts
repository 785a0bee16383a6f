// Prismer through the app's path: the model worker returns the same caption and answer as the runner in
// process; the service imports a photo, resolves a bundle by path or by installed name and returns
// results with timings; a Prismer (non-Z) model without installed label tables is refused before any
// expert runs; a bad request is refused by the worker protocol.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { modelsDir } from '../../../../electron/dataDir.ts';
import { ExpertWorkerClient } from '../../../../electron/worker/expertWorkerClient.ts';
import { prismerResultSchema, toWorkerSchema } from '../../../../electron/worker/workerProtocol.ts';
import { loadPrismerBundle } from '../../../../native-models/prismer/runner/loadBundle.ts';
import { runPrismer } from '../../../../native-models/prismer/runner/prismerRunner.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { testStudio } from '../../../helpers/studio.ts';
import { skipWithoutShared, testPhoto, tinyBundle } from '../../../native-models/prismer/runner/tinyBundle.ts';

test('the worker protocol validates Prismer requests', () => {
  const job = { bundleDir: '/b', imagePath: '/p.png', request: { task: 'caption', options: { numBeams: 2 } } };
  assert.ok(toWorkerSchema.safeParse({ type: 'prismer', id: 1, job }).success);
  assert.ok(!toWorkerSchema.safeParse({ type: 'prismer', id: 1, job: { ...job, request: { task: 'caption', options: { numBeams: 0 } } } }).success);
  assert.ok(!toWorkerSchema.safeParse({ type: 'prismer', id: 1, job: { ...job, request: { task: 'ask', question: '' } } }).success);
  assert.ok(!toWorkerSchema.safeParse({ type: 'prismer', id: 1, job: { ...job, experts: { sky: { mapPath: '/m.png' } } } }).success);
  assert.ok(!prismerResultSchema.safeParse({ task: 'caption', caption: { caption: 'x', candidates: [] } }).success);
});

describe('Prismer in the model worker and the service', { skip: skipWithoutShared }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'prismer-service-'));
  const runtime = new ModelRuntime({ intraOpThreads: 1, warmUp: false });
  const worker = new ExpertWorkerClient();
  let bundleDir: string;
  let photo: string;
  before(async () => {
    bundleDir = await tinyBundle(dir);
    photo = await testPhoto(join(dir, 'photo.png'));
  });
  after(async () => {
    await worker.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the worker gives the same caption and answers as the runner in process', async () => {
    const bundle = await loadPrismerBundle(bundleDir);
    for (const request of [
      { task: 'caption' as const },
      { task: 'caption' as const, options: { numBeams: 2, candidates: 2 } },
      { task: 'ask' as const, question: 'What is this?' },
      { task: 'ask' as const, question: 'What color is the car?', options: { answers: ['red', 'cat', 'two'] } },
      { task: 'tag' as const, classNames: ['cat', 'dog', 'bird'] },
    ]) {
      const local = await runPrismer(runtime, { bundle, image: photo, request });
      const remote = await worker.prismer({ bundleDir, imagePath: photo, request });
      const { timings: _l, ...localRest } = local;
      const { timings: _r, ...remoteRest } = remote;
      assert.deepEqual(remoteRest, JSON.parse(JSON.stringify(localRest)), request.task);
      assert.ok(remote.timings.encoder > 0 && remote.timings.total > 0);
    }
  });

  test('the worker reports a bad bundle as an error, and keeps serving', async () => {
    await assert.rejects(worker.prismer({ bundleDir: join(dir, 'nowhere'), imagePath: photo, request: { task: 'caption' } }), /not a Prismer model bundle/);
    const again = await worker.prismer({ bundleDir, imagePath: photo, request: { task: 'caption' } });
    assert.equal(again.task, 'caption');
  });

  test('the service: import a photo, run by bundle path and by installed name', async (t) => {
    const studio = testStudio(t);
    const [id] = await studio.prismer.importImages([photo]);
    assert.ok(typeof id === 'number');
    const result = await studio.prismer.run(id!, studio.prismer.resolveBundle(bundleDir), { task: 'caption' });
    assert.equal(result.task, 'caption');
    assert.equal(result.imagePath, photo);
    assert.deepEqual(result.expertsRun, []);
    assert.ok(result.timings.overall >= result.timings.total && result.timings.experts === 0);

    assert.throws(() => studio.prismer.resolveBundle(), /No Prismer model is installed/);
    assert.throws(() => studio.prismer.resolveBundle('nope'), /no Prismer model "nope"/);
    const installed = join(modelsDir(studio.paths), 'prismer', 'tiny-z');
    mkdirSync(join(installed, '..'), { recursive: true });
    cpSync(bundleDir, installed, { recursive: true });
    assert.equal(studio.prismer.resolveBundle('tiny-z'), installed);
    assert.equal(studio.prismer.resolveBundle(), installed);
    const answer = await studio.prismer.run(id!, installed, { task: 'ask', question: 'What is this?' });
    assert.ok(answer.task === 'ask' && answer.answer.mode === 'generate');
  });

  test('the service refuses a Prismer (non-Z) model without label tables before running experts', async (t) => {
    const studio = testStudio(t);
    const prismer = await tinyBundle(dir, 'tiny-seed0');
    const [id] = await studio.prismer.importImages([photo]);
    await assert.rejects(studio.prismer.run(id!, prismer, { task: 'caption' }), (error: Error) => /label tables \(coco\.json, ade\.json, detection\.json, background\.json\)/.test(error.message) && /not installed/.test(error.message));
    assert.deepEqual(studio.experts.outputsFor(id!), []);
  });
});
