import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundledOcrReady, featureStates } from '../../../renderer/src/lib/models/welcome.ts';
import { model, nonCommercial } from './modelInfo.ts';

const installedFile = { path: '/m/x.onnx', size: 10, sha256: null, hashChecked: false, installedAt: 1 };

test('each feature that needs a download gets its recommended models’ size, licences and state', () => {
  const models = [
    model('depth-small', { task: 'depth', recommended: true, size: 99_100_000 }),
    model('depth-big', { task: 'depth', size: 533_000_000 }),
    model('seg-a', { task: 'seg_coco', recommended: true, licence: nonCommercial, size: 171_000_000 }),
    model('seg-a-config', { task: 'seg_coco', recommended: true, licence: nonCommercial, size: null, signature: null }),
    model('det', { task: 'det', recommended: true, status: 'installed', installed: installedFile, size: 80_000_000, sizeIsApproximate: false }),
  ];
  const byKey = Object.fromEntries(featureStates(models).map((s) => [s.feature.key, s]));
  assert.deepEqual(byKey.depth!.models.map((m) => m.id), ['depth-small']);
  assert.deepEqual(byKey.depth!.size, { bytes: 99_100_000, approximate: true });
  assert.deepEqual(byKey.depth!.licences, ['Apache-2.0']);
  assert.equal(byKey.seg!.nonCommercial, true);
  assert.deepEqual(byKey.seg!.licences, ['CC-BY-NC-4.0']);
  assert.equal(byKey.det!.installed, true);
  assert.equal(byKey.depth!.installed, false);
  assert.equal(byKey.prismer!.models.length, 0, 'nothing in the list: nothing claimed');
  assert.equal(byKey.prismer!.installed, false);
});

test('the bundled OCR is ready when every file shipped with the app is found', () => {
  assert.equal(bundledOcrReady([model('ocr', { origin: 'npm', status: 'installed', installed: installedFile })]), true);
  assert.equal(bundledOcrReady([model('ocr', { origin: 'npm', status: 'failed' })]), false);
  assert.equal(bundledOcrReady([model('depth')]), null);
});
