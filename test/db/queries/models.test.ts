// Specification of the models queries and migration 20 (model checksums): installed rows round-trip, a
// source's checksum is recorded once (the first download) and survives removing the model, and the
// newest install job per model is found.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { latestSchemaVersion, migrations } from '../../../db/migrations/index.ts';
import { openDatabase } from '../../../db/open.ts';
import { createJob, finishJob } from '../../../db/queries/jobs.ts';
import {
  deleteInstalledModel,
  forgetChecksums,
  getInstalledModel,
  getRecordedChecksum,
  latestModelJobs,
  listInstalledModels,
  recordChecksumOnce,
  saveInstalledModel,
} from '../../../db/queries/models.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const row = {
  id: 'depth-anything-v2-small',
  task: 'depth',
  version: 'main',
  path: '/d/models/depth-anything-v2-small/model.onnx',
  sha256: 'ab'.repeat(32),
  size: 1234,
  licence: 'Apache-2.0',
  source: { hub: { repo: 'onnx-community/depth-anything-v2-small', file: 'onnx/model.onnx', revision: 'main' } },
  verified: true,
  installedAt: 1000,
};

describe('models queries', () => {
  test('migration 20 adds model_checksums and keeps the models rows of a version-10 database', (t) => {
    const file = join(tempDir(t), 'library.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version <= 10) });
    saveInstalledModel(old, row);
    old.close();
    const db = openDatabase(file);
    t.after(() => db.close());
    assert.equal(db.pragma('user_version', { simple: true }), latestSchemaVersion);
    assert.deepEqual(getInstalledModel(db, row.id), row);
    assert.equal(recordChecksumOnce(db, { sourceKey: 'hub:a/b/f@main', modelId: row.id, sha256: row.sha256, size: 1234, recordedAt: 5 }), true);
  });

  test('installed rows are saved, replaced, listed and deleted', (t) => {
    const db = openDatabase(join(tempDir(t), 'library.db'));
    t.after(() => db.close());
    saveInstalledModel(db, row);
    saveInstalledModel(db, { ...row, sha256: 'cd'.repeat(32), verified: false });
    assert.deepEqual(listInstalledModels(db), [{ ...row, sha256: 'cd'.repeat(32), verified: false }]);
    assert.equal(deleteInstalledModel(db, row.id), true);
    assert.equal(getInstalledModel(db, row.id), undefined);
  });

  test('a checksum is recorded at the first download only, and outlives the model until forgotten', (t) => {
    const db = openDatabase(join(tempDir(t), 'library.db'));
    t.after(() => db.close());
    const key = 'hub:a/b/model.onnx@main';
    assert.equal(recordChecksumOnce(db, { sourceKey: key, modelId: 'm', sha256: '1'.repeat(64), size: 10, recordedAt: 1 }), true);
    assert.equal(recordChecksumOnce(db, { sourceKey: key, modelId: 'm', sha256: '2'.repeat(64), size: 20, recordedAt: 2 }), false);
    assert.deepEqual(getRecordedChecksum(db, key), { sourceKey: key, modelId: 'm', sha256: '1'.repeat(64), size: 10, recordedAt: 1 });
    assert.equal(forgetChecksums(db, 'm'), 1);
    assert.equal(getRecordedChecksum(db, key), undefined);
  });

  test('finds the newest install job of each model', (t) => {
    const db = openDatabase(join(tempDir(t), 'library.db'));
    t.after(() => db.close());
    const a1 = createJob(db, 'model-install', 'A', { id: 'a' }, 1);
    finishJob(db, a1, 'failed', null, 'boom', 2);
    const b1 = createJob(db, 'model-install', 'B', { id: 'b' }, 3);
    const a2 = createJob(db, 'model-install', 'A again', { id: 'a' }, 4);
    createJob(db, 'scan', 'not a model', { id: 'a' }, 5);
    const latest = latestModelJobs(db, 'model-install');
    assert.deepEqual([...latest.keys()].sort(), ['a', 'b']);
    assert.deepEqual(latest.get('a'), { modelId: 'a', jobId: a2, state: 'queued', error: null });
    assert.equal(latest.get('b')?.jobId, b1);
  });
});
