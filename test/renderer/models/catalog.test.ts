import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  applyFilter,
  filterForExpert,
  groupByTask,
  importableTasks,
  installedClipText,
  originLabel,
  removable,
  shortSha,
  sizeLabel,
  taskLabel,
  withCompanions,
} from '../../../renderer/src/lib/models/catalog.ts';
import { model } from './modelInfo.ts';

const installedFile = { path: '/m/x.onnx', size: 10, sha256: 'ab'.repeat(32), hashChecked: true, installedAt: 1 };

test('rows are grouped by task in a fixed order, keeping the list order within a task', () => {
  const groups = groupByTask([
    model('ocr-a', { task: 'ocr_det', origin: 'npm' }),
    model('det-a', { task: 'det' }),
    model('depth-b', { task: 'depth' }),
    model('depth-a', { task: 'depth' }),
    model('seg-a', { task: 'seg_ade' }),
  ]);
  assert.deepEqual(
    groups.map((g) => [g.task, g.models.map((m) => m.id)]),
    [
      ['depth', ['depth-b', 'depth-a']],
      ['seg_ade', ['seg-a']],
      ['det', ['det-a']],
      ['ocr_det', ['ocr-a']],
    ],
  );
  assert.equal(groups[0]!.label, 'Depth');
  assert.equal(taskLabel('something_new'), 'something_new');
});

test('sizes say when they are the model page’s rounded figure; origins and hashes in words', () => {
  assert.equal(sizeLabel({ size: 99_100_000, sizeIsApproximate: true }), '≈ 99.1 MB');
  assert.equal(sizeLabel({ size: 2_000_000, sizeIsApproximate: false }), '2.0 MB');
  assert.equal(sizeLabel({ size: 897_000_000, sizeIsApproximate: true }), '≈ 897 MB');
  assert.equal(sizeLabel({ size: null, sizeIsApproximate: false }), '—');
  assert.equal(originLabel('npm'), 'Ships with the app');
  assert.equal(originLabel('hub'), 'Download');
  assert.equal(originLabel('imported'), 'Imported');
  assert.equal(shortSha('f915f7689acb0123456789'), 'f915f7689acb');
  assert.equal(shortSha(null), null);
});

test('only tasks that take an ONNX model can be imported into', () => {
  const tasks = importableTasks([
    model('dict', { task: 'ocr_dict', origin: 'npm', signature: null }),
    model('cfg', { task: 'det', signature: null }),
    model('det', { task: 'det' }),
    model('clip', { task: 'clip_text' }),
    model('depth', { task: 'depth' }),
    model('local-seg', { task: 'seg_ade', origin: 'imported', signature: null }),
  ]);
  assert.deepEqual(tasks, ['depth', 'det', 'clip_text']);
});

test('a layer without a model narrows the screen to its tasks', () => {
  const models = [model('d', { task: 'depth' }), model('n', { task: 'normal' }), model('s1', { task: 'seg_coco' }), model('s2', { task: 'seg_ade' })];
  assert.deepEqual(applyFilter(models, filterForExpert('seg')).map((m) => m.id), ['s1', 's2']);
  assert.deepEqual(applyFilter(models, filterForExpert('normal')).map((m) => m.id), ['d', 'n'], 'normals can come from depth');
  assert.equal(filterForExpert('det').label, 'Models for detection');
  assert.equal(applyFilter(models, null).length, 4);
});

test('downloads and imports can be removed; shipped files and running downloads cannot', () => {
  assert.equal(removable(model('a', { status: 'installed', installed: installedFile })), true);
  assert.equal(removable(model('b', { origin: 'imported', status: 'failed', installed: installedFile })), true);
  assert.equal(removable(model('c', { origin: 'npm', status: 'installed', installed: installedFile })), false);
  assert.equal(removable(model('d', { status: 'downloading' })), false);
  assert.equal(removable(model('e')), false);
});

test('the CLIP text model counts as installed in either variant', () => {
  assert.equal(installedClipText([model('clip-text-vit-large-quantized', { task: 'clip_text' })]), null);
  const full = model('clip-text-vit-large', { task: 'clip_text', status: 'installed', installed: installedFile });
  assert.equal(installedClipText([model('clip-text-vit-large-quantized', { task: 'clip_text' }), full]), full);
  // Without its tokenizer files the model is of no use yet.
  const needing = model('clip-text-vit-large', { task: 'clip_text', status: 'installed', installed: installedFile, requires: ['clip-text-vocab', 'clip-text-merges'] });
  const vocab = model('clip-text-vocab', { task: 'clip_text', status: 'installed', installed: installedFile });
  assert.equal(installedClipText([needing, vocab, model('clip-text-merges', { task: 'clip_text' })]), null);
  const merges = model('clip-text-merges', { task: 'clip_text', status: 'installed', installed: installedFile });
  assert.equal(installedClipText([needing, vocab, merges]), needing);
});

test('installing a model brings its config file along when that is still missing', () => {
  const seg = model('seg-a', { task: 'seg_ade', requires: ['seg-a-config'] });
  const config = model('seg-a-config', { task: 'seg_ade', signature: null });
  const other = model('seg-a-large', { task: 'seg_ade' });
  assert.deepEqual(withCompanions(seg, [seg, config, other]).map((m) => m.id), ['seg-a', 'seg-a-config']);
  const installed = model('seg-a-config', { task: 'seg_ade', signature: null, status: 'installed' });
  assert.deepEqual(withCompanions(seg, [seg, installed]).map((m) => m.id), ['seg-a']);
});
