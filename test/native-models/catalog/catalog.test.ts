// Specification of the model catalog's invariants: ids unique and usable as folder names, every Hub entry
// fully located, every npm entry's file really shipped (size and sha256 as listed), entries marked
// verified really checked (their ONNX inputs and outputs are those of the real file), one recommended
// model per task, and the table frozen.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { modelMethods } from '../../../electron/api/models.ts';
import { packageRoot } from '../../../electron/packageRoot.ts';
import {
  catalogEntry,
  isModelTask,
  modelCatalog,
  modelTasks,
  unpinnedRevision,
  type CatalogEntry,
  type ModelTask,
} from '../../../native-models/catalog/catalog.ts';
import { ModelRuntime } from '../../../native-models/runtime/modelRuntime.ts';

const hubEntries = modelCatalog.filter((e): e is CatalogEntry & { source: { hub: { repo: string; file: string; revision: string } } } => 'hub' in e.source);
const npmEntries = modelCatalog.filter((e): e is CatalogEntry & { source: { npm: { package: string; file: string } } } => 'npm' in e.source);

function npmPath(entry: (typeof npmEntries)[number]): string {
  return join(packageRoot, 'node_modules', entry.source.npm.package, entry.source.npm.file);
}

describe('model catalog', () => {
  test('ids are unique, and valid model ids for the API (letters, digits, . _ -)', () => {
    const ids = modelCatalog.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.ok(modelMethods['models.remove'].safeParse({ id }).success, id);
  });

  test('has exactly the experts\' tasks, and the task type is the table\'s', () => {
    const expected: ModelTask[] = ['depth', 'normal', 'edge', 'seg_coco', 'seg_ade', 'det', 'ocr_det', 'ocr_rec', 'ocr_cls', 'ocr_dict', 'clip_text', 'prismer', 'prismer_tokenizer'];
    assert.deepEqual([...modelTasks].sort(), [...expected].sort());
    assert.equal(isModelTask('depth'), true);
    assert.equal(isModelTask('caption'), false);
    assert.equal(catalogEntry('edge-dexined')?.task, 'edge');
  });

  test('every Hub entry names a repository, a file and a revision (a commit, or the placeholder branch while unverified)', () => {
    assert.ok(hubEntries.length >= 10);
    for (const e of hubEntries) {
      const { repo, file, revision } = e.source.hub;
      assert.match(repo, /^[\w.-]+\/[\w.-]+$/, e.id);
      assert.ok(file.length > 0 && !file.startsWith('/'), e.id);
      assert.ok(revision === unpinnedRevision || /^[0-9a-f]{40}$/.test(revision), `${e.id}: ${revision}`);
      assert.equal(e.verified, false, `${e.id}: nothing could be downloaded to verify it`);
    }
  });

  test('every npm entry\'s file is really in node_modules, with the size and sha256 listed', () => {
    assert.deepEqual(npmEntries.map((e) => e.task).sort(), ['ocr_cls', 'ocr_det', 'ocr_dict', 'ocr_rec']);
    for (const e of npmEntries) {
      const path = npmPath(e);
      assert.ok(existsSync(path), `${e.id}: ${path}`);
      const bytes = readFileSync(path);
      assert.equal(bytes.length, e.size, e.id);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), e.sha256, e.id);
    }
  });

  test('verified ONNX entries have the inputs and outputs of the real file', async (t) => {
    const runtime = new ModelRuntime({ provider: 'cpu', idleUnloadMs: 0, warmUp: false });
    t.after(() => runtime.close());
    const verified = npmEntries.filter((e) => e.verified && e.format === 'onnx');
    assert.equal(verified.length, 3);
    for (const e of verified) {
      const io = await runtime.load(npmPath(e));
      assert.deepEqual(io.inputNames, e.signature!.inputs.map((i) => i.name), e.id);
      assert.deepEqual(io.outputNames, e.signature!.outputs.map((o) => o.name), e.id);
      await runtime.unload(npmPath(e));
    }
  });

  test('facts are well-formed: sha256 hex, sizes, licences, signatures for ONNX files only, Prismer facts for checkpoints only', () => {
    for (const e of modelCatalog) {
      if (e.sha256 !== null) assert.match(e.sha256, /^[0-9a-f]{64}$/, e.id);
      if (e.size !== null) assert.ok(Number.isInteger(e.size) && e.size > 0, e.id);
      if (e.size !== null && e.approxSize !== null) assert.equal(e.approxSize, e.size, e.id);
      assert.match(e.licence.url, /^https:\/\//, e.id);
      assert.ok(e.licence.summary.length > 10, e.id);
      if (e.format === 'onnx') {
        assert.ok(e.signature && e.signature.inputs.length > 0 && e.signature.outputs.length > 0, e.id);
      } else {
        assert.equal(e.signature, null, e.id);
      }
      assert.equal(e.format === 'checkpoint', e.prismer !== undefined, e.id);
    }
    assert.equal(catalogEntry('edge-dexined')?.sha256, 'a50d01dc8481549c7dedb9eb3e0123b810a016520df75e4669a504609982cdd0');
    assert.equal(catalogEntry('edge-dexined')?.size, 47_235_563);
    assert.ok(
      modelCatalog.filter((e) => e.licence.nonCommercial).every((e) => e.task.startsWith('seg_') || e.task === 'prismer'),
      'the non-commercial licences are the segmentation ones and Prismer\'s',
    );
  });

  test('each task has exactly one recommended model (and one recommended config where it has configs)', () => {
    for (const task of modelTasks) {
      for (const format of ['onnx', 'json', 'text', 'checkpoint'] as const) {
        const entries = modelCatalog.filter((e) => e.task === task && e.format === format);
        if (entries.length === 0) continue;
        assert.equal(entries.filter((e) => e.recommended).length, 1, `${task} ${format}`);
      }
    }
  });

  test('the table is frozen data', () => {
    assert.ok(Object.isFrozen(modelCatalog));
    assert.ok(modelCatalog.every((e) => Object.isFrozen(e) && Object.isFrozen(e.source) && Object.isFrozen(e.licence)));
    assert.throws(() => {
      (modelCatalog as CatalogEntry[]).push(modelCatalog[0]!);
    }, TypeError);
  });
});
