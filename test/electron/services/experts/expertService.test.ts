// Specification of running experts over the library as a job: outputs and label maps stored per content,
// work already stored skipped, one bad image failing alone, missing models reported, and a killed worker
// or an interrupted job losing nothing and redoing nothing.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import sharp from 'sharp';
import { openDatabase } from '../../../../db/open.ts';
import { ensureFolder } from '../../../../db/queries/folders.ts';
import { EventBus } from '../../../../electron/services/eventBus.ts';
import { ExpertService, type ExpertJobResult } from '../../../../electron/services/experts/expertService.ts';
import { JobService } from '../../../../electron/services/jobs/jobService.ts';
import { scanRoot } from '../../../../electron/services/library/scanRoot.ts';
import { ExpertWorkerClient } from '../../../../electron/worker/expertWorkerClient.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { writeDepthModel } from '../../../helpers/onnxModels.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { writePhoto } from '../../../helpers/images.ts';

async function setup(t: TestContext, photos = 3) {
  const dir = tempDir(t);
  const lib = join(dir, 'photos');
  for (let i = 0; i < photos; i++) await writePhoto(join(lib, `p${i}.jpg`), { seed: i, width: 160, height: 120 });
  await writePhoto(join(lib, 'copy-of-p0.jpg'), { seed: 0, width: 160, height: 120 });
  const db = openDatabase(join(dir, 'library.db'));
  const folderId = ensureFolder(db, lib, 'folder', Date.now());
  await scanRoot({ db, thumbnails: null, now: Date.now }, { id: folderId, path: lib, kind: 'folder' });
  const bus = new EventBus();
  const jobs = new JobService(db, bus);
  const worker = new ExpertWorkerClient();
  const depthModel = writeDepthModel(dir);
  const service = new ExpertService({
    db,
    jobs,
    bus,
    worker,
    mapsDir: join(dir, 'maps'),
    resolveModel: (id) => (id === 'depth-dpt-hybrid' ? { path: depthModel, version: 'fake1' } : null),
  });
  t.after(async () => {
    await jobs.close();
    await worker.close();
    db.close();
  });
  return { dir, lib, db, jobs, worker, service, folderId };
}

describe('experts over the library', () => {
  test('stores each content\'s outputs and label maps once, reporting what is missing', async (t) => {
    const { db, jobs, service, folderId } = await setup(t);
    const { jobId } = service.run({ folderId, only: ['depth', 'edge', 'normal', 'seg'] });
    const job = await jobs.wait(jobId);
    assert.equal(job.state, 'done', job.error ?? '');
    const result = job.result as ExpertJobResult;
    assert.equal(result.images, 3, 'the copy shares its twin\'s outputs');
    assert.equal(result.imagesDone, 3);
    assert.deepEqual(result.perExpert.depth, { done: 3, skipped: 0, missing: 0, failed: 0 });
    assert.equal(result.perExpert.seg!.missing, 3);
    assert.match(result.missing.seg!, /No seg model is installed/);
    assert.equal(result.provider?.provider, 'cpu');
    assert.match(result.summary, /^3 photos: stored depth 3, edge 3, normal 3; seg not run — No seg model is installed/, 'the jobs panel says what did not run');

    const imageId = (db.prepare(`SELECT id FROM images WHERE file_name = 'copy-of-p0.jpg'`).get() as { id: number }).id;
    const outputs = service.outputsFor(imageId);
    assert.deepEqual(outputs.map((o) => o.expert), ['depth', 'edge', 'normal']);
    const edge = outputs.find((o) => o.expert === 'edge')!;
    assert.equal(edge.isFallback, true);
    assert.equal(edge.modelId, 'canny');
    const depth = outputs.find((o) => o.expert === 'depth')!;
    assert.ok(existsSync(depth.mapPath!));
    const meta = await sharp(depth.mapPath!).metadata();
    assert.deepEqual([meta.width, meta.height, meta.channels], [160, 120, 1], 'the saved map is at the image size');
  });

  test('a run where none of the experts asked for can run is refused with the reason, not reported done', async (t) => {
    const { jobs, service, folderId } = await setup(t);
    assert.throws(() => service.run({ folderId, only: ['seg', 'det'] }), /None of the experts asked for can run: seg — No seg model is installed .*; det — No det model is installed/);
    assert.equal(jobs.list().length, 0, 'no job was made');
    // A job already queued (resumed after its model was removed) fails with the same reason.
    const queued = jobs.enqueue('experts', 'Running seg on the library', { folderId, only: ['seg'] });
    const failed = await jobs.wait(queued);
    assert.equal(failed.state, 'failed');
    assert.match(failed.error ?? '', /None of the experts asked for can run: seg/);
  });

  test('a second run skips what is stored for the same model version', async (t) => {
    const { jobs, service, folderId } = await setup(t);
    await jobs.wait(service.run({ folderId, only: ['depth', 'edge'] }).jobId);
    const again = (await jobs.wait(service.run({ folderId, only: ['depth', 'edge'] }).jobId)).result as ExpertJobResult;
    assert.equal(again.imagesSkipped, 3);
    assert.deepEqual(again.perExpert.depth, { done: 0, skipped: 3, missing: 0, failed: 0 });
  });

  test('an image that cannot be read fails alone with its reason; the batch goes on', async (t) => {
    const { lib, jobs, service, folderId } = await setup(t);
    rmSync(join(lib, 'p1.jpg'));
    const result = (await jobs.wait(service.run({ folderId, only: ['edge'] }).jobId)).result as ExpertJobResult;
    assert.equal(result.imagesDone, 2);
    assert.equal(result.imagesFailed.length, 1);
    assert.match(result.imagesFailed[0]!.path, /p1\.jpg$/);
  });

  test('a worker killed mid-batch is replaced and the image retried: nothing lost, nothing computed twice', async (t) => {
    const { db, jobs, worker, service, folderId } = await setup(t, 4);
    const { jobId } = service.run({ folderId, only: ['depth', 'edge'] });
    // Kill the first worker as soon as it exists.
    while (worker.pid === null) await new Promise((r) => setTimeout(r, 5));
    process.kill(worker.pid, 'SIGKILL');
    const result = (await jobs.wait(jobId)).result as ExpertJobResult;
    assert.equal(result.imagesDone, 4);
    assert.deepEqual(result.imagesFailed, []);
    assert.ok(worker.startedPids.length >= 2);
    const rows = db.prepare(`SELECT content_hash, expert, count(*) AS n FROM expert_outputs GROUP BY content_hash, expert HAVING n > 1`).all();
    assert.deepEqual(rows, [], 'no output stored twice');
  });
});

describe('execution provider status', () => {
  test('predicts the provider of the chosen preference before any run, with the reason a GPU is not used', async (t) => {
    const { service } = await setup(t, 1);
    const status = service.status();
    if (ModelRuntime.unavailableReason('cuda', process.platform) !== null && process.platform === 'linux') {
      assert.equal(status.provider?.provider, 'cpu');
      assert.match(status.provider?.fallbackReason ?? '', /CUDA is not available/);
    } else {
      assert.ok(status.provider?.provider, 'a provider is named');
    }
    assert.ok(status.plan.some((p) => p.expert === 'edge' && p.label === 'Canny (classical fallback)' && p.isFallback));
  });
});
