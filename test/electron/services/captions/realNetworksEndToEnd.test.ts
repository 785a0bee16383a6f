// A user's own real networks, imported and used end to end through the app's path: YOLOX-nano, LDC and
// DeepLabV3 imported by file (families recognised from their signatures), a generated depth stand-in,
// normals derived from depth, the bundled OCR. The experts job runs the imported networks rather than the
// fallbacks, their outputs are stored under the imported ids, and a tiny Prismer (non-Z) model captions
// the real photo from them, its provenance naming each. Needs ../shared (real networks, tiny checkpoint,
// label tables).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { captionsOfImage } from '../../../../db/queries/captions.ts';
import { modelsDir } from '../../../../electron/dataDir.ts';
import type { BatchJobResult } from '../../../../electron/services/captions/prismerJobs.ts';
import { labelTablesDirOf } from '../../../../electron/services/models/labelTablesInstall.ts';
import { openStudio, type Studio } from '../../../../electron/studio.ts';
import { writeDepthModel } from '../../../helpers/onnxModels.ts';
import { realNetwork, realPhoto, skipWithoutRealModels } from '../../../helpers/realModels.ts';
import { sharedPrismer, skipWithoutShared, tinyBundle } from '../../../native-models/prismer/runner/tinyBundle.ts';

describe('real networks a user imports, from the import to a caption', { skip: skipWithoutRealModels || skipWithoutShared }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'real-networks-'));
  let studio: Studio;
  let bundle: string;
  before(async () => {
    bundle = await tinyBundle(dir, 'tiny-seed0');
    const depth = writeDepthModel(dir);
    let opened: Studio | null = null;
    studio = opened = openStudio({
      dataDir: join(dir, 'data'),
      resolveModel: (id) => (id === 'depth-dpt-hybrid' ? { path: depth, version: 'fake1' } : opened!.models.resolve(id)),
    });
    const tables = labelTablesDirOf(modelsDir(studio.paths));
    mkdirSync(tables, { recursive: true });
    for (const f of ['coco.json', 'ade.json', 'detection.json', 'background.json', 'clip_pca.json']) copyFileSync(join(sharedPrismer, 'label-features', f), join(tables, f));
    mkdirSync(join(dir, 'photos'));
    copyFileSync(realPhoto('dog.jpg'), join(dir, 'photos', 'dog.jpg'));
  });
  after(async () => {
    await studio.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('imported by file, recognised, run by the experts job and fed to Prismer', async () => {
    const det = await studio.models.import(realNetwork.yoloxNano, 'det');
    const edge = await studio.models.import(realNetwork.ldc, 'edge');
    const seg = await studio.models.import(realNetwork.deeplabVoc, 'seg');
    assert.equal(det.imported?.family, 'yolox');
    assert.equal(det.imported?.labelsFrom, 'default');
    assert.deepEqual(det.imported?.unmappedDetection, [], "every COCO-80 class has a counterpart among Prismer's 722");
    assert.equal(edge.imported?.family, 'ldc');
    assert.equal(seg.imported?.family, 'deeplab');
    assert.equal(seg.task, 'seg_coco');
    assert.deepEqual(seg.imported?.unmapped, ['background']);

    const plan = studio.experts.status().plan;
    assert.match(plan.find((p) => p.expert === 'det')!.label!, /yolox_nano\.onnx \(YOLOX, imported\)/);
    assert.match(plan.find((p) => p.expert === 'edge')!.label!, /LDC, imported/, 'the imported network comes before Canny');

    const { folderId, jobId: scan } = await studio.library.addFolder(join(dir, 'photos'));
    await studio.jobs.wait(scan);
    const job = await studio.jobs.wait(studio.prismerJobs.caption({ scope: { folderId }, bundleDir: bundle }).jobId);
    assert.equal(job.state, 'done', job.error ?? '');
    assert.equal((job.result as BatchJobResult).done, 1, JSON.stringify((job.result as BatchJobResult).failed));

    const imageId = studio.library.imageIdForPath(join(dir, 'photos', 'dog.jpg'))!;
    const outputs = new Map(studio.experts.outputsFor(imageId).map((o) => [o.expert, o]));
    assert.equal(outputs.get('det')!.modelId, det.id);
    assert.deepEqual(
      outputs.get('det')!.detections.filter((d) => d.score >= 0.5).map((d) => d.label).sort(),
      ['bicycle', 'car', 'dog'],
      'the real detector found the real objects',
    );
    assert.equal(outputs.get('edge')!.modelId, edge.id);
    assert.equal(outputs.get('edge')!.isFallback, false);
    assert.equal(outputs.get('seg')!.stats.labelSpace, 'coco133');
    const experts = captionsOfImage(studio.db, imageId)[0]!.provenance!.experts;
    assert.match(experts.det!, new RegExp(`^${det.id}@sha256:`));
    assert.match(experts.edge!, new RegExp(`^${edge.id}@`));
    assert.match(experts.seg!, new RegExp(`^${seg.id}@`));
  });
});
