// Specification of installing a Prismer checkpoint as one 'model-install' job against a stand-in Hub that
// serves the tiny parity checkpoint as `shikunl/prismer/<name>/pytorch_model.bin`: the licence first, the
// tokenizer files and the checkpoint downloaded, converted with progress into a bundle whose manifest
// hashes the source, recorded and resolvable; a file that is no checkpoint fails and leaves nothing behind.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase } from '../../../../db/open.ts';
import { getInstalledModel, getRecordedChecksum } from '../../../../db/queries/models.ts';
import type { JobInfo } from '../../../../electron/api/jobs.ts';
import type { ModelInstallJobResult } from '../../../../electron/api/models.ts';
import { StudioError } from '../../../../electron/api/protocol.ts';
import { packageRoot } from '../../../../electron/packageRoot.ts';
import { EventBus } from '../../../../electron/services/eventBus.ts';
import { JobService } from '../../../../electron/services/jobs/jobService.ts';
import { HubDownloader } from '../../../../electron/services/models/downloader.ts';
import { ModelManager, type ModelEntry } from '../../../../electron/services/models/modelManager.ts';
import { catalogEntry } from '../../../../native-models/catalog/catalog.ts';
import { randomBytesFor, sha256, startFakeHub } from '../../../helpers/fakeHub.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

const shared = join(packageRoot, '..', 'shared', 'prismer');
const tinyCheckpoint = join(shared, 'parity', 'tiny-seed0', 'checkpoint.bin');
const skip = existsSync(tinyCheckpoint) ? false : `the shared Prismer data is absent (${tinyCheckpoint})`;

const vocab = Buffer.from(JSON.stringify({ '<s>': 0, '<pad>': 1, '</s>': 2, '<unk>': 3, a: 4, Ġa: 5 }));
const merges = Buffer.from('#version: 0.2\nĠ a\n');

/** A test-only Prismer entry (the tiny model needs its head counts) with the catalog's licence and tokenizer rows. */
const tiny: ModelEntry = {
  ...catalogEntry('prismer-base-caption')!,
  id: 'prismer-tiny-caption',
  name: 'Prismer tiny (test)',
  source: { hub: { repo: 'shikunl/prismer', file: 'caption_prismer_tiny/pytorch_model.bin', revision: 'main' } },
  size: null,
  approxSize: null,
  prismer: { variant: 'prismer', size: 'base', purpose: 'caption', tokenizer: ['roberta-base-vocab', 'roberta-base-merges'], visionHeads: 2, decoderHeads: 2 },
};
const catalog: readonly ModelEntry[] = [tiny, catalogEntry('roberta-base-vocab')!, catalogEntry('roberta-base-merges')!];

async function setup(t: TestContext) {
  const dir = tempDir(t);
  const hub = await startFakeHub(t);
  const db = openDatabase(join(dir, 'library.db'));
  const bus = new EventBus();
  let clock = 0;
  const jobs = new JobService(db, bus, () => (clock += 60_000)); // a slow clock: every report is announced
  const modelsDir = join(dir, 'models');
  // The label tables are in place (their own install is specified in labelTablesInstall.test.ts).
  const tables = join(modelsDir, 'prismer', 'label-tables');
  mkdirSync(tables, { recursive: true });
  for (const f of ['coco.json', 'ade.json', 'detection.json', 'background.json']) copyFileSync(join(shared, 'label-features', f), join(tables, f));
  const downloader = new HubDownloader({ baseUrl: hub.url, env: {}, retryDelayMs: 5, progressIntervalMs: 0 });
  const models = new ModelManager({ db, jobs, modelsDir, downloader, catalog });
  t.after(async () => {
    await jobs.close();
    await models.close();
    db.close();
  });
  const events: JobInfo[] = [];
  bus.on('jobs.progress', (job) => events.push(job));
  hub.add({ repo: 'FacebookAI/roberta-base', file: 'vocab.json', bytes: vocab });
  hub.add({ repo: 'FacebookAI/roberta-base', file: 'merges.txt', bytes: merges });
  return { hub, db, jobs, models, modelsDir, events };
}

describe('model manager: Prismer installs', { skip }, () => {
  test('refuses without the non-commercial licence accepted, and downloads nothing', async (t) => {
    const { hub, models } = await setup(t);
    assert.throws(
      () => models.install('prismer-tiny-caption'),
      (e: unknown) => e instanceof StudioError && e.code === 'licence-required' && /CC-BY-NC-SA-4\.0/.test(e.message),
    );
    assert.equal(hub.requests.length, 0);
  });

  test('downloads the tokenizer and the checkpoint, converts with progress, and records the bundle', async (t) => {
    const { hub, db, jobs, models, modelsDir, events } = await setup(t);
    const bytes = readFileSync(tinyCheckpoint);
    hub.add({ repo: 'shikunl/prismer', file: 'caption_prismer_tiny/pytorch_model.bin', bytes });
    const { jobId } = models.install('prismer-tiny-caption', { acceptLicence: true });
    assert.ok(jobId);
    const job = await jobs.wait(jobId);
    assert.equal(job.state, 'done', job.error ?? '');
    assert.equal(job.kind, 'model-install');

    const running = events.filter((e) => e.id === jobId && e.state === 'running');
    assert.ok(running.some((e) => /^Downloading pytorch_model\.bin \(3\/3\)/.test(e.detail ?? '')), 'the detail names the download');
    const converting = running.filter((e) => /^Converting Prismer tiny \(test\): /.test(e.detail ?? ''));
    assert.ok(converting.length > 0, 'the detail names the conversion step');
    const downloadBytes = bytes.length + vocab.length + merges.length;
    assert.ok(converting.every((e) => e.total === job.total && e.done >= downloadBytes), 'the conversion fills the bar after the bytes');
    assert.ok(job.total! > downloadBytes && job.done === job.total);

    const result = job.result as ModelInstallJobResult;
    const bundle = join(modelsDir, 'prismer', 'prismer-tiny-caption');
    assert.equal(result.path, bundle);
    assert.equal(result.sha256, sha256(bytes));
    assert.equal(result.bundle?.resolution, 64);
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')) as { source: { sha256: string; size: number } };
    assert.deepEqual(manifest.source, { ...manifest.source, sha256: sha256(bytes), size: bytes.length });
    assert.ok(existsSync(join(bundle, 'tokenizer', 'vocab.json')) && existsSync(join(bundle, 'tokenizer', 'merges.txt')));
    assert.deepEqual(readdirSync(join(modelsDir, 'prismer')), ['label-tables', 'prismer-tiny-caption'], 'no staging folders are left');
    assert.ok(existsSync(join(modelsDir, 'prismer-tiny-caption', 'pytorch_model.bin')), 'the checkpoint is kept by default');

    assert.equal(getInstalledModel(db, 'prismer-tiny-caption')?.version, `sha256:${sha256(bytes).slice(0, 12)}`);
    assert.deepEqual(models.resolve('prismer-tiny-caption'), { path: bundle, version: `sha256:${sha256(bytes).slice(0, 12)}` });
    const info = models.get('prismer-tiny-caption');
    assert.equal(info.status, 'installed');
    assert.deepEqual(info.prismer, { variant: 'prismer', size: 'base', purpose: 'caption', resolution: 64, checkpoint: join(modelsDir, 'prismer-tiny-caption', 'pytorch_model.bin') });
    assert.equal(models.get('roberta-base-vocab').status, 'installed', 'the tokenizer files are installed models of their own');

    await models.remove('prismer-tiny-caption');
    assert.ok(!existsSync(bundle) && !existsSync(join(modelsDir, 'prismer-tiny-caption')));
    const again = models.install('prismer-tiny-caption', { acceptLicence: true, deleteCheckpoint: true });
    const second = await jobs.wait(again.jobId!);
    assert.equal(second.state, 'done', second.error ?? '');
    assert.equal(hub.downloads.filter((r) => r.path.includes('vocab') || r.path.includes('merges')).length, 0, 'installed tokenizer files are not fetched again');
    assert.ok(!existsSync(join(modelsDir, 'prismer-tiny-caption')), 'deleteCheckpoint removes the download');
    assert.equal((second.result as ModelInstallJobResult).bundle?.checkpoint, null);
    assert.equal(models.get('prismer-tiny-caption').status, 'installed');
  });

  test('a Prismer (non-Z) model without label tables fetches them first, from GitHub, before the checkpoint', async (t) => {
    const { hub, jobs, models, modelsDir } = await setup(t);
    rmSync(join(modelsDir, 'prismer', 'label-tables'), { recursive: true });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const previous = process.env.PRISMER_STUDIO_GITHUB_RAW_URL;
    process.env.PRISMER_STUDIO_GITHUB_RAW_URL = `http://127.0.0.1:${port}`;
    t.after(() => (previous === undefined ? delete process.env.PRISMER_STUDIO_GITHUB_RAW_URL : (process.env.PRISMER_STUDIO_GITHUB_RAW_URL = previous)));
    hub.add({ repo: 'shikunl/prismer', file: 'caption_prismer_tiny/pytorch_model.bin', bytes: readFileSync(tinyCheckpoint) });
    const job = await jobs.wait(models.install('prismer-tiny-caption', { acceptLicence: true }).jobId!);
    assert.equal(job.state, 'failed');
    assert.match(job.error ?? '', new RegExp(`Cannot reach 127\\.0\\.0\\.1:${port}`));
    assert.ok(!hub.requests.some((r) => r.path.includes('pytorch_model.bin')), 'the big download waits for the tables');
  });

  test('a file that is no checkpoint fails the job by name and leaves nothing half-installed', async (t) => {
    const { hub, db, jobs, models, modelsDir } = await setup(t);
    hub.add({ repo: 'shikunl/prismer', file: 'caption_prismer_tiny/pytorch_model.bin', bytes: randomBytesFor(50_000, 3) });
    const { jobId } = models.install('prismer-tiny-caption', { acceptLicence: true });
    const job = await jobs.wait(jobId!);
    assert.equal(job.state, 'failed');
    assert.match(job.error ?? '', /shikunl\/prismer\/caption_prismer_tiny\/pytorch_model\.bin could not be converted: .*Nothing was installed/);
    assert.equal(getInstalledModel(db, 'prismer-tiny-caption'), undefined);
    assert.equal(getRecordedChecksum(db, 'hub:shikunl/prismer/caption_prismer_tiny/pytorch_model.bin@main'), undefined, 'the bad file is not the reference');
    assert.ok(!existsSync(join(modelsDir, 'prismer-tiny-caption')));
    assert.deepEqual(readdirSync(join(modelsDir, 'prismer')), ['label-tables'], 'only the label tables, installed before');
    const info = models.get('prismer-tiny-caption');
    assert.equal(info.status, 'failed');
    assert.equal(models.resolve('prismer-tiny-caption'), null);
  });

  test('cancelling during the checkpoint download keeps the partial file for resuming and installs nothing', async (t) => {
    const { hub, db, jobs, models, modelsDir, events } = await setup(t);
    const bytes = readFileSync(tinyCheckpoint);
    hub.add({ repo: 'shikunl/prismer', file: 'caption_prismer_tiny/pytorch_model.bin', bytes, chunkSize: 65_536, delayMs: 20 });
    const { jobId } = models.install('prismer-tiny-caption', { acceptLicence: true });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.some((e) => e.id === jobId && /^Downloading pytorch_model\.bin/.test(e.detail ?? '') && e.done > vocab.length + merges.length)) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    assert.equal(jobs.cancel(jobId!), true);
    const job = await jobs.wait(jobId!);
    assert.equal(job.state, 'cancelled');
    assert.equal(getInstalledModel(db, 'prismer-tiny-caption'), undefined);
    assert.equal(existsSync(join(modelsDir, 'prismer', 'prismer-tiny-caption')), false);
    const info = models.get('prismer-tiny-caption');
    assert.equal(info.status, 'not-installed');
    assert.ok((info.partialBytes ?? 0) > 0, 'the partial download is kept');
  });
});
