// Specification of the model manager: the catalog with each model's state, installs as 'model-install'
// jobs against a stand-in Hub (progress in bytes, licences, trust on first download, cancel and resume,
// failures with their reason), removal, and importing local ONNX files checked against the task's
// signature (a refused file leaves nothing behind).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase } from '../../../../db/open.ts';
import { getInstalledModel, getRecordedChecksum } from '../../../../db/queries/models.ts';
import type { JobInfo } from '../../../../electron/api/jobs.ts';
import type { ModelInstallJobResult } from '../../../../electron/api/models.ts';
import { StudioError } from '../../../../electron/api/protocol.ts';
import { EventBus } from '../../../../electron/services/eventBus.ts';
import { JobService } from '../../../../electron/services/jobs/jobService.ts';
import { HubDownloader } from '../../../../electron/services/models/downloader.ts';
import { ModelManager, type ModelEntry } from '../../../../electron/services/models/modelManager.ts';
import { catalogEntry, modelCatalog } from '../../../../native-models/catalog/catalog.ts';
import { GraphBuilder } from '../../../../native-models/onnx/graphBuilder.ts';
import { randomBytesFor, sha256, startFakeHub, type FakeHub } from '../../../helpers/fakeHub.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

const depthSignature = catalogEntry('depth-anything-v2-small')!.signature;

function hubEntry(id: string, over: Partial<ModelEntry> = {}): ModelEntry {
  return {
    id,
    task: 'depth',
    name: `Model ${id}`,
    source: { hub: { repo: `someone/${id}`, file: 'onnx/model.onnx', revision: 'main' } },
    format: 'onnx',
    licence: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0', nonCommercial: false, summary: 'Free to use.' },
    size: null,
    approxSize: 400_000,
    sha256: null,
    signature: depthSignature,
    verified: false,
    recommended: true,
    ...over,
  };
}

const ncLicence = { name: 'CC-BY-NC-4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/', nonCommercial: true, summary: 'Non-commercial use only.' };

const testCatalog: readonly ModelEntry[] = [
  hubEntry('tiny-depth'),
  hubEntry('tiny-nc', { licence: ncLicence }),
  ...modelCatalog.filter((e) => 'npm' in e.source),
];

async function setup(t: TestContext, options: { catalog?: readonly ModelEntry[] } = {}) {
  const dir = tempDir(t);
  const hub = await startFakeHub(t);
  const db = openDatabase(join(dir, 'library.db'));
  const bus = new EventBus();
  const jobs = new JobService(db, bus);
  const modelsDir = join(dir, 'models');
  const downloader = new HubDownloader({ baseUrl: hub.url, env: {}, retryDelayMs: 5 });
  const models = new ModelManager({ db, jobs, modelsDir, downloader, ...(options.catalog ? { catalog: options.catalog } : {}) });
  t.after(async () => {
    await jobs.close();
    await models.close();
    db.close();
  });
  const events: JobInfo[] = [];
  bus.on('jobs.progress', (job) => events.push(job));
  return { dir, hub, db, jobs, models, modelsDir, events };
}

/** Resolves once a job has reported some bytes done. */
function untilProgress(events: readonly JobInfo[], jobId: number): Promise<void> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (events.some((e) => e.id === jobId && e.done > 0)) {
        clearInterval(check);
        resolve();
      }
    }, 10);
  });
}

function serve(hub: FakeHub, id: string, bytes: Buffer, extra: Partial<Parameters<FakeHub['add']>[0]> = {}) {
  hub.add({ repo: `someone/${id}`, file: 'onnx/model.onnx', bytes, ...extra });
}

describe('model manager: catalog and installs', () => {
  test('lists the catalog: the npm-shipped OCR files are installed out of the box, Hub models are not', async (t) => {
    const { models, hub } = await setup(t);
    const list = models.list();
    assert.equal(list.length, modelCatalog.length);
    const det = list.find((m) => m.id === 'ocr-ppocr-v4-det')!;
    assert.equal(det.status, 'installed');
    assert.equal(det.origin, 'npm');
    assert.match(det.installed!.path, /node_modules[\\/]@gutenye[\\/]ocr-models[\\/]assets[\\/]ch_PP-OCRv4_det_infer\.onnx$/);
    assert.equal(det.installed!.size, 4_745_517);
    const depth = list.find((m) => m.id === 'depth-anything-v2-small')!;
    assert.equal(depth.status, 'not-installed');
    assert.equal(depth.installed, null);
    assert.equal(depth.sizeIsApproximate, true);
    assert.equal(depth.pageUrl?.endsWith('/onnx-community/depth-anything-v2-small'), true);
    assert.equal(depth.licence?.name, 'Apache-2.0');
    const hubHost = new URL(hub.url).host;
    assert.deepEqual(depth.downloadsFrom, [{ host: hubHost, what: 'onnx-community/depth-anything-v2-small/onnx/model.onnx' }], 'names the host it downloads from');
    assert.deepEqual(det.downloadsFrom, [], 'a file shipped with the app downloads nothing');
    const prismer = list.find((m) => m.id === 'prismer-base-caption')!;
    assert.deepEqual(
      prismer.downloadsFrom.map((s) => s.host),
      ['raw.githubusercontent.com', hubHost],
      "a Prismer model brings Prismer's label tables from GitHub first, then its checkpoint from the Hub",
    );
    assert.match(prismer.downloadsFrom[0]!.what, /label tables \(NVlabs\/prismer/);
    assert.deepEqual(list.find((m) => m.id === 'prismerz-base-caption')!.downloadsFrom.map((s) => s.host), [hubHost], 'PrismerZ needs no label tables');
    assert.deepEqual(models.resolve('ocr-ppocr-v4-rec')?.version, 'sha256:06b3e6af6c59');
    assert.equal(models.resolve('depth-anything-v2-small'), null);
    assert.throws(() => models.get('no-such-model'), (e: unknown) => e instanceof StudioError && e.code === 'not-found');
    const { jobId } = models.install('ocr-ppocr-v4-det');
    assert.equal(jobId, null, 'nothing to download for a file shipped with the app');
  });

  test('installs as a model-install job with progress in bytes; the first download of an unverified entry records its size and sha256', async (t) => {
    const { hub, db, jobs, models, modelsDir, events } = await setup(t, { catalog: testCatalog });
    const bytes = randomBytesFor(400_000, 7);
    serve(hub, 'tiny-depth', bytes, { chunkSize: 8192, delayMs: 8 });
    const { jobId, model } = models.install('tiny-depth');
    assert.ok(jobId);
    assert.equal(model.status, 'downloading');
    const job = await jobs.wait(jobId);
    assert.equal(job.state, 'done', job.error ?? '');
    assert.equal(job.kind, 'model-install');
    const running = events.filter((e) => e.id === jobId && e.state === 'running');
    assert.ok(running.some((e) => e.total === bytes.length && e.done > 0 && e.done < bytes.length), 'progress is announced in bytes while downloading');
    assert.ok(running.some((e) => /Model tiny-depth: .* of 400 kB/.test(e.detail ?? '')), 'the detail says how much is done');
    assert.equal(job.done, bytes.length);
    assert.equal(job.total, bytes.length);

    const result = job.result as ModelInstallJobResult;
    const path = join(modelsDir, 'tiny-depth', 'model.onnx');
    assert.equal(result.path, path);
    assert.equal(result.sha256, sha256(bytes));
    assert.equal(result.recorded, true);
    assert.deepEqual(readFileSync(path), bytes);
    const row = getInstalledModel(db, 'tiny-depth')!;
    assert.equal(row.sha256, sha256(bytes));
    assert.equal(row.size, bytes.length);
    assert.equal(row.verified, true, 'checked against the Hub\'s X-Linked-Etag');
    assert.equal(getRecordedChecksum(db, 'hub:someone/tiny-depth/onnx/model.onnx@main')?.sha256, sha256(bytes));

    const listed = models.get('tiny-depth');
    assert.equal(listed.status, 'installed');
    assert.deepEqual(listed.installed && { path: listed.installed.path, sha256: listed.installed.sha256, size: listed.installed.size }, { path, sha256: sha256(bytes), size: bytes.length });
    assert.equal(listed.size, bytes.length);
    assert.equal(listed.sizeIsApproximate, false);
    assert.deepEqual(models.resolve('tiny-depth'), { path, version: `sha256:${sha256(bytes).slice(0, 12)}` });
    assert.equal(models.install('tiny-depth').jobId, null, 'an installed model is not downloaded again');
  });

  test('a non-commercial licence must be accepted before the download', async (t) => {
    const { hub, jobs, models } = await setup(t, { catalog: testCatalog });
    serve(hub, 'tiny-nc', randomBytesFor(1000));
    assert.throws(
      () => models.install('tiny-nc'),
      (e: unknown) => e instanceof StudioError && e.code === 'licence-required' && /non-commercial licence \(CC-BY-NC-4\.0\)/.test(e.message),
    );
    assert.equal(jobs.list().length, 0, 'nothing was queued');
    const { jobId } = models.install('tiny-nc', { acceptLicence: true });
    assert.equal((await jobs.wait(jobId!)).state, 'done');
  });

  test('a reinstall is checked against the first download; "forget" accepts a changed upstream file', async (t) => {
    const { hub, jobs, models, modelsDir } = await setup(t, { catalog: testCatalog });
    serve(hub, 'tiny-depth', randomBytesFor(5000, 1));
    await jobs.wait(models.install('tiny-depth').jobId!);
    const removed = await models.remove('tiny-depth');
    assert.equal(removed.removed, true);
    assert.equal(existsSync(join(modelsDir, 'tiny-depth')), false);
    assert.equal(removed.model?.status, 'not-installed');

    const changed = randomBytesFor(5000, 2);
    serve(hub, 'tiny-depth', changed);
    const failed = await jobs.wait(models.install('tiny-depth').jobId!);
    assert.equal(failed.state, 'failed');
    assert.match(failed.error!, /but the first download \(\d{4}-\d\d-\d\d\) expects [0-9a-f]{64}: the file has changed since\. Nothing was downloaded\./);
    assert.match(failed.error!, /prismer-studio models remove tiny-depth --forget/);
    const listed = models.get('tiny-depth');
    assert.equal(listed.status, 'failed');
    assert.equal(listed.error, failed.error);

    await models.remove('tiny-depth', { forget: true });
    const accepted = await jobs.wait(models.install('tiny-depth').jobId!);
    assert.equal(accepted.state, 'done', accepted.error ?? '');
    assert.equal((accepted.result as ModelInstallJobResult).sha256, sha256(changed));
  });

  test('cancelling the job keeps the partial download; installing again resumes it with Range', async (t) => {
    const { hub, jobs, models, modelsDir, events } = await setup(t, { catalog: testCatalog });
    const bytes = randomBytesFor(300_000, 3);
    serve(hub, 'tiny-depth', bytes, { chunkSize: 4096, delayMs: 15 });
    const { jobId } = models.install('tiny-depth');
    await untilProgress(events, jobId!);
    assert.equal(jobs.cancel(jobId!), true);
    const cancelled = await jobs.wait(jobId!);
    assert.equal(cancelled.state, 'cancelled');
    const part = join(modelsDir, 'tiny-depth', 'model.onnx.part');
    const kept = readFileSync(part).length;
    assert.ok(kept > 0 && kept < bytes.length, `${kept} bytes kept`);
    const listed = models.get('tiny-depth');
    assert.equal(listed.status, 'not-installed');
    assert.equal(listed.partialBytes, kept);

    serve(hub, 'tiny-depth', bytes);
    const done = await jobs.wait(models.install('tiny-depth').jobId!);
    assert.equal(done.state, 'done', done.error ?? '');
    const result = done.result as ModelInstallJobResult;
    assert.equal(result.resumedFrom, kept);
    assert.equal(hub.downloads.at(-1)!.range, `bytes=${kept}-`);
    assert.equal(hub.downloads.at(-1)!.bytesSent, bytes.length - kept);
    assert.equal(result.sha256, sha256(bytes));
  });

  test('a failed install is listed with its reason', async (t) => {
    const { hub, jobs, models } = await setup(t, { catalog: testCatalog });
    serve(hub, 'tiny-depth', Buffer.from('x'), { status: 401, errorCode: 'GatedRepo' });
    const job = await jobs.wait(models.install('tiny-depth').jobId!);
    assert.equal(job.state, 'failed');
    const listed = models.get('tiny-depth');
    assert.equal(listed.status, 'failed');
    assert.match(listed.error!, /someone\/tiny-depth is gated or private \(401\): open http:\/\/127\.0\.0\.1:\d+\/someone\/tiny-depth, log in and accept its licence/);
  });

  test('removal: a model shipped with the app or being downloaded is refused; an unknown id is not found', async (t) => {
    const { hub, models, jobs, events } = await setup(t, { catalog: testCatalog });
    await assert.rejects(models.remove('ocr-ppocr-v4-det'), (e: unknown) => e instanceof StudioError && e.code === 'unsupported' && /ships with Prismer Studio/.test(e.message));
    await assert.rejects(models.remove('nothing-like-it'), (e: unknown) => e instanceof StudioError && e.code === 'not-found');
    serve(hub, 'tiny-depth', randomBytesFor(100_000), { chunkSize: 1024, delayMs: 20 });
    const { jobId } = models.install('tiny-depth');
    await untilProgress(events, jobId!);
    await assert.rejects(models.remove('tiny-depth'), (e: unknown) => e instanceof StudioError && e.code === 'busy');
    jobs.cancel(jobId!);
    await jobs.wait(jobId!);
    assert.equal((await models.remove('tiny-depth')).removed, true, 'the partial download is removed');
  });
});

/** A depth-shaped model: predicted_depth = the channel mean, with a weight so truncation bites into data. */
function depthModel(inputName = 'pixel_values'): Uint8Array {
  const g = new GraphBuilder('import-test');
  const x = g.input(inputName, 'float32', ['batch', 3, 'height', 'width']);
  const weight = g.initializer('weight', 'float32', [1, 3, 1, 1], Float32Array.from([1 / 3, 1 / 3, 1 / 3]));
  const padding = g.initializer('padding', 'float32', [2048], new Float32Array(2048).fill(0.5));
  const weighted = g.op('Mul', [x, weight]);
  const summed = g.op('ReduceSum', [weighted, g.constantInts([1])], { keepdims: 0 });
  g.output(g.op('Add', [summed, g.op('ReduceMin', [padding], { keepdims: 0 })]), 'predicted_depth', 'float32', ['batch', 'height', 'width']);
  return g.toBytes(18);
}

describe('model manager: importing a local ONNX file', () => {
  function nothingLeft(modelsDir: string) {
    assert.deepEqual(existsSync(modelsDir) ? readdirSync(modelsDir) : [], [], 'nothing is left in the models folder');
  }

  test('a model with the task\'s signature is copied into the models folder and listed', async (t) => {
    const { dir, db, models, modelsDir } = await setup(t);
    const source = join(dir, 'My Depth Model.onnx');
    writeFileSync(source, depthModel());
    const model = await models.import(source, 'depth');
    assert.equal(model.id, 'local-depth-my-depth-model');
    assert.equal(model.origin, 'imported');
    assert.equal(model.status, 'installed');
    assert.equal(model.installed!.path, join(modelsDir, 'local-depth-my-depth-model', 'My_Depth_Model.onnx'));
    assert.deepEqual(readFileSync(model.installed!.path), readFileSync(source));
    assert.equal(model.installed!.sha256, sha256(readFileSync(source)));
    assert.equal(getInstalledModel(db, model.id)?.task, 'depth');
    assert.ok(models.list().some((m) => m.id === model.id), 'imported models are listed after the catalog');
    assert.deepEqual(readdirSync(modelsDir), ['local-depth-my-depth-model'], 'no staging folder is left');
    const again = await models.import(source, 'depth');
    assert.equal(again.id, 'local-depth-my-depth-model-2', 'a second import gets its own id');
    assert.equal((await models.remove(again.id)).removed, true);
    assert.equal(existsSync(join(modelsDir, again.id)), false);
  });

  test('export-specific output names (PP-OCR) are matched by position, not by name', async (t) => {
    const { dir, models } = await setup(t);
    const g = new GraphBuilder('rec');
    const x = g.input('x', 'float32', ['batch', 3, 48, 'width']);
    g.output(g.op('ReduceMean', [x, g.constantInts([1])], { keepdims: 0 }), 'softmax_2.tmp_0', 'float32', ['batch', 48, 'width']);
    writeFileSync(join(dir, 'rec.onnx'), g.toBytes(18));
    assert.equal((await models.import(join(dir, 'rec.onnx'), 'ocr_rec')).status, 'installed');
  });

  test('a network of another task is refused with each family\'s reason; an input of another name is taken as it is', async (t) => {
    const { dir, models, modelsDir } = await setup(t);
    writeFileSync(join(dir, 'depth.onnx'), depthModel('image'));
    await assert.rejects(models.import(join(dir, 'depth.onnx'), 'normal'), (e: unknown) => {
      assert.ok(e instanceof StudioError);
      assert.equal(e.code, 'invalid-model');
      assert.match(e.message, /^depth\.onnx is not a normal model of a family Prismer Studio knows: metric3d — it has no "pred_normal" output\. Nothing was imported\.$/);
      return true;
    });
    await assert.rejects(models.import(join(dir, 'depth.onnx'), 'det'), /detr — it has no "logits" and "pred_boxes" outputs .*; yolox — .*; fastestdet — /);
    await assert.rejects(models.import(join(dir, 'depth.onnx'), 'depth', { family: 'yolox' }), /There is no depth family "yolox"; the depth families are dpt\./);
    await assert.rejects(models.import(join(dir, 'depth.onnx'), 'ocr_rec', { family: 'dpt' }), /--family and --labels are for the experts' tasks/);
    nothingLeft(modelsDir);
    const taken = await models.import(join(dir, 'depth.onnx'), 'depth');
    assert.equal(taken.imported?.family, 'dpt');
    assert.equal(models.importedImplementations()[0]?.family?.inputName, 'image', 'the expert feeds the input under the model\'s own name');
  });

  test('a file that is not ONNX, or is truncated, is refused and nothing is left behind', async (t) => {
    const { dir, models, modelsDir } = await setup(t);
    writeFileSync(join(dir, 'notes.onnx'), 'these are my notes, not a model\n'.repeat(20));
    await assert.rejects(models.import(join(dir, 'notes.onnx'), 'depth'), /notes\.onnx is not a usable ONNX model: ONNX Runtime cannot open it \(.+\); the file is damaged, truncated or not ONNX\. Nothing was imported\./);
    nothingLeft(modelsDir);
    const whole = depthModel();
    writeFileSync(join(dir, 'truncated.onnx'), whole.subarray(0, Math.floor(whole.length * 0.6)));
    await assert.rejects(models.import(join(dir, 'truncated.onnx'), 'depth'), /truncated\.onnx is not a usable ONNX model/);
    nothingLeft(modelsDir);
  });

  test('missing files, empty files, folders, data-file tasks and unknown tasks are refused', async (t) => {
    const { dir, models, modelsDir } = await setup(t);
    await assert.rejects(models.import(join(dir, 'absent.onnx'), 'depth'), /Cannot import .*absent\.onnx: there is no such file\./);
    writeFileSync(join(dir, 'empty.onnx'), '');
    await assert.rejects(models.import(join(dir, 'empty.onnx'), 'depth'), /the file is empty/);
    mkdirSync(join(dir, 'folder.onnx'));
    await assert.rejects(models.import(join(dir, 'folder.onnx'), 'depth'), /it is a folder, not a model file/);
    writeFileSync(join(dir, 'keys.txt'), 'a\nb\n');
    await assert.rejects(models.import(join(dir, 'keys.txt'), 'ocr_dict'), /The ocr_dict task uses a data file, not an ONNX model/);
    await assert.rejects(models.import(join(dir, 'keys.txt'), 'caption'), /Unknown task "caption"; the tasks are det, edge, seg, depth, normal, seg_coco/);
    nothingLeft(modelsDir);
  });
});

describe('model companions', () => {
  test('a model lists the other files its expert needs, from the experts registry', async (t) => {
    const { models: manager } = await setup(t);
    const seg = manager.list().find((m) => m.id === 'seg-segformer-ade')!;
    assert.deepEqual(seg.requires, ['seg-segformer-ade-config']);
    assert.deepEqual(manager.list().find((m) => m.id === 'depth-dpt-hybrid')!.requires, []);
    for (const id of ['clip-text-vit-large', 'clip-text-vit-large-quantized']) {
      assert.deepEqual(manager.list().find((m) => m.id === id)!.requires, ['clip-text-vocab', 'clip-text-merges'], `${id} brings its tokenizer`);
    }
  });
});
