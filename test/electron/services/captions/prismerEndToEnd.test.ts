// Prismer with experts, end to end through the app's path: a tiny Prismer (non-Z) model, generated expert
// models "installed" for depth, segmentation and detection (edges fall back to Canny, normals are derived
// from depth, OCR is the bundled PP-OCRv4), and the label tables in place. A caption job on a photo that
// has no expert outputs computes all six first, runs the model on them, and stores candidates whose
// provenance names each expert and its model version. Needs ../shared (the tiny checkpoint, the tables).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { captionsOfImage } from '../../../../db/queries/captions.ts';
import { labelTablesDirOf } from '../../../../electron/services/models/labelTablesInstall.ts';
import type { BatchJobResult } from '../../../../electron/services/captions/prismerJobs.ts';
import { openStudio, type Studio } from '../../../../electron/studio.ts';
import { modelsDir } from '../../../../electron/dataDir.ts';
import { writeDepthModel, writeDetectorModel, writeSegformerModel } from '../../../helpers/onnxModels.ts';
import { sharedPrismer, skipWithoutShared, tinyBundle } from '../../../native-models/prismer/runner/tinyBundle.ts';

describe('Prismer with experts, from a photo to stored candidates', { skip: skipWithoutShared }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'prismer-e2e-'));
  let bundle: string;
  let studio: Studio;
  before(async () => {
    bundle = await tinyBundle(dir, 'tiny-seed0');
    const models = join(dir, 'expert-models');
    mkdirSync(models, { recursive: true });
    const seg = writeSegformerModel(models, ['wall', 'sky', 'water']);
    const det = writeDetectorModel(models, [{ logits: [3, -9], box: [0.5, 0.5, 0.4, 0.4] }], ['dog', 'cat']);
    const files: Record<string, string> = {
      'depth-dpt-hybrid': writeDepthModel(models),
      'seg-segformer-ade': seg.model,
      'seg-segformer-ade-config': seg.config,
      'det-rtdetr-r18': det.model,
      'det-rtdetr-r18-config': det.config,
    };
    let opened: Studio | null = null;
    studio = opened = openStudio({
      dataDir: join(dir, 'data'),
      resolveModel: (id) => (files[id] ? { path: files[id], version: 'fake1' } : opened!.models.resolve(id)),
    });
    const tables = labelTablesDirOf(modelsDir(studio.paths));
    mkdirSync(tables, { recursive: true });
    for (const f of ['coco.json', 'ade.json', 'detection.json', 'background.json', 'clip_pca.json']) copyFileSync(join(sharedPrismer, 'label-features', f), join(tables, f));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="#8ab"/>
      <rect x="60" y="60" width="200" height="120" fill="#fff"/><text x="80" y="135" font-size="48" font-family="DejaVu Sans" fill="#000">OPEN</text></svg>`;
    mkdirSync(join(dir, 'photos'), { recursive: true });
    await sharp(Buffer.from(svg)).jpeg().toFile(join(dir, 'photos', 'shop.jpg'));
  });
  after(async () => {
    await studio.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the experts run first, then the model; the candidates name every expert used', async () => {
    const { folderId, jobId: scan } = await studio.library.addFolder(join(dir, 'photos'));
    await studio.jobs.wait(scan);
    const job = await studio.jobs.wait(studio.prismerJobs.caption({ scope: { folderId }, bundleDir: bundle }).jobId);
    assert.equal(job.state, 'done', job.error ?? '');
    const result = job.result as BatchJobResult;
    assert.equal(result.done, 1, JSON.stringify(result.failed));
    assert.deepEqual([...result.expertsRun].sort(), ['depth', 'det', 'edge', 'normal', 'ocr', 'seg']);

    const imageId = (studio.db.prepare(`SELECT id FROM images`).get() as { id: number }).id;
    const stored = studio.experts.outputsFor(imageId).map((o) => o.expert).sort();
    assert.deepEqual(stored, ['depth', 'det', 'edge', 'normal', 'ocr', 'seg']);
    const captions = captionsOfImage(studio.db, imageId);
    assert.ok(captions.length >= 1);
    const experts = captions[0]!.provenance!.experts;
    assert.deepEqual(Object.keys(experts).sort(), ['depth', 'det', 'edge', 'normal', 'ocr', 'seg']);
    assert.match(experts['edge']!, /\(fallback\)$/, 'Canny is recorded as the fallback it is');
    assert.match(experts['depth']!, /@fake1$/);
    // What the OCR expert read is in the library's text search.
    const ocr = studio.experts.outputsFor(imageId).find((o) => o.expert === 'ocr')!;
    assert.match(ocr.text ?? '', /OPEN/i);
  });
});
