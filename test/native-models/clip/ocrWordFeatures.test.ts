// Specification: with a CLIP text encoder and the OCR PCA in the label-table folder, every OCR word's
// 64-d feature in the encoder's `ocr_detection` input is exactly PCA(text embedding of the lowercased
// word) — y = (x − mean) · componentsᵀ — and pixels without text keep the background row. Without the
// CLIP model, or without the PCA, the OCR input is all background and the notes say which is missing.
// The text model is generated (clipFixtures.ts), so each word's embedding is predictable.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openClipTextEncoder, type ClipTextEncoder } from '../../../native-models/clip/clipTextEncoder.ts';
import { ClipTokenizer } from '../../../native-models/clip/clipTokenizer.ts';
import type { SavedLabels } from '../../../native-models/prismer/inputs/assembleInputs.ts';
import type { FeatureTable, LabelTables } from '../../../native-models/prismer/inputs/labelTables.ts';
import { prismerExpertFeeds, type ExpertFeedsConfig } from '../../../native-models/prismer/runner/expertInputs.ts';
import { ModelRuntime } from '../../../native-models/runtime/modelRuntime.ts';
import { fakeTables, pixel } from '../prismer/inputs/fixtures.ts';
import { fakeTextEmbedding, writeClipTextModel, writeClipVocabulary } from './clipFixtures.ts';

const D = 768;
const F = 64;

/** A made-up PCA: mean j mod 3; component i takes value i plus half of value i + 64. */
function smallPca(): { mean: number[]; components: number[][] } {
  return {
    mean: Array.from({ length: D }, (_, j) => j % 3),
    components: Array.from({ length: F }, (_, i) => Array.from({ length: D }, (_, j) => (j === i ? 1 : j === i + F ? 0.5 : 0))),
  };
}

/** The PCA written out independently of applyPca: y_i = Σ_j (x_j − mean_j) · c_ij. */
function project(pca: ReturnType<typeof smallPca>, x: Float32Array): number[] {
  return pca.components.map((row) => Math.fround(row.reduce((sum, c, j) => sum + (x[j]! - pca.mean[j]!) * c, 0)));
}

function writeLabelTables(dir: string, tables: LabelTables): void {
  const rows = (t: FeatureTable) => ({
    labels: t.labels,
    features: t.labels.map((_, r) => Array.from(t.features.subarray(r * F, (r + 1) * F))),
  });
  writeFileSync(join(dir, 'coco.json'), JSON.stringify(rows(tables.coco)));
  writeFileSync(join(dir, 'ade.json'), JSON.stringify(rows(tables.ade)));
  writeFileSync(join(dir, 'detection.json'), JSON.stringify(rows(tables.detection)));
  writeFileSync(join(dir, 'background.json'), JSON.stringify({ features: Array.from(tables.background) }));
}

const config: ExpertFeedsConfig = {
  name: 'tiny-ocr',
  variant: 'prismer',
  experts: ['ocr_detection'],
  encoderInputs: [{ name: 'ocr_detection', type: 'float32', shape: [1, F, 224, 224] }],
};

/** An 8×8 OCR map (resized to 224 by nearest: each cell is 28×28): words 0, 1, 2 in the top row, the rest background. */
function ocrOutput(words: string[]): SavedLabels {
  const data = new Uint8Array(64).fill(255);
  data.set([0, 0, 1, 1, 2, 2], 0);
  return { labelMap: { width: 8, height: 8, channels: 1, data }, labelMeta: { words } };
}

describe('OCR word features reach the OCR input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocr-features-'));
  const tablesDir = join(dir, 'label-tables');
  const noPcaDir = join(dir, 'tables-without-pca');
  const runtime = new ModelRuntime({ provider: 'cpu', intraOpThreads: 1, warmUp: false });
  const tables = fakeTables();
  const pca = smallPca();
  let encoder: ClipTextEncoder;
  let tokenizer: ClipTokenizer;
  before(async () => {
    for (const d of [tablesDir, noPcaDir]) mkdirSync(d);
    writeLabelTables(tablesDir, tables);
    writeLabelTables(noPcaDir, tables);
    writeFileSync(join(tablesDir, 'clip_pca.json'), JSON.stringify(pca));
    const vocabulary = writeClipVocabulary(dir, [['e', 'x'], ['i', 't</w>'], ['ex', 'it</w>']]);
    tokenizer = ClipTokenizer.fromFiles(vocabulary.vocabJson, vocabulary.mergesTxt);
    encoder = await openClipTextEncoder(runtime, { model: writeClipTextModel(dir, vocabulary.ids.size), vocab: vocabulary.vocab, merges: vocabulary.merges });
  });
  after(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('each word\'s pixels carry PCA(embedding of the lowercased word); other pixels the background row', async () => {
    const words = ['Exit', 'exit', 'Café'];
    const result = await prismerExpertFeeds(config, { ocr: ocrOutput(words) }, tablesDir, encoder);
    const ocr = result.feeds['ocr_detection']!;
    assert.deepEqual(ocr.dims, [1, F, 224, 224]);
    const data = ocr.data as Float32Array;
    words.forEach((word, index) => {
      const expected = project(pca, fakeTextEmbedding(tokenizer.inputIds(word.toLowerCase())));
      // Word `index` covers map cells 2·index and 2·index + 1 of the top row: 224 px columns 56·index … 56·index + 55.
      for (const x of [56 * index, 56 * index + 55]) assert.deepEqual(pixel(data, x, 10), expected, `${word} at x = ${x}`);
    });
    assert.deepEqual(pixel(data, 0, 10), pixel(data, 56, 10), '"Exit" and "exit" share one feature');
    assert.notDeepEqual(pixel(data, 0, 10), pixel(data, 112, 10));
    for (const [x, y] of [[200, 10], [0, 40], [223, 223]] as const) assert.deepEqual(pixel(data, x, y), [...tables.background], `background at ${x}, ${y}`);
    assert.equal(encoder.modelRuns, 1, 'the two distinct lowercased words in one batch');
    assert.ok(result.notes.some((n) => /OCR word features: CLIP text embeddings of 3 of 3 words/.test(n)), result.notes.join('; '));
  });

  test('a word saved without its text stays background (nothing to embed)', async () => {
    const saved: SavedLabels = { labelMap: ocrOutput(['exit']).labelMap };
    const result = await prismerExpertFeeds(config, { ocr: saved }, tablesDir, encoder);
    const data = result.feeds['ocr_detection']!.data as Float32Array;
    assert.deepEqual(pixel(data, 0, 10), [...tables.background]);
  });

  test('without the CLIP text model: all background, and the notes say it is not installed', async () => {
    const result = await prismerExpertFeeds(config, { ocr: ocrOutput(['exit', 'a', 'b']) }, tablesDir);
    const data = result.feeds['ocr_detection']!.data as Float32Array;
    for (const x of [0, 56, 112, 200]) assert.deepEqual(pixel(data, x, 10), [...tables.background]);
    assert.ok(result.notes.some((n) => /CLIP text model is not installed.*all background/.test(n)), result.notes.join('; '));
  });

  test('without the OCR PCA in the label-table folder: all background, and the notes name the file', async () => {
    const result = await prismerExpertFeeds(config, { ocr: ocrOutput(['exit', 'a', 'b']) }, noPcaDir, encoder);
    const data = result.feeds['ocr_detection']!.data as Float32Array;
    assert.deepEqual(pixel(data, 0, 10), [...tables.background]);
    assert.ok(result.notes.some((n) => /clip_pca\.pkl or clip_pca\.json\) is not in/.test(n)), result.notes.join('; '));
  });

  test('no OCR output: background, OCR reported missing, nothing embedded', async () => {
    const runs = encoder.modelRuns;
    const result = await prismerExpertFeeds(config, {}, tablesDir, encoder);
    assert.deepEqual(result.missing.includes('ocr'), true);
    assert.deepEqual(pixel(result.feeds['ocr_detection']!.data as Float32Array, 0, 0), [...tables.background]);
    assert.equal(encoder.modelRuns, runs);
  });

  test('the label tables are read again when a file of the folder changes (they are kept between images)', async () => {
    const background = (await prismerExpertFeeds(config, {}, tablesDir, encoder)).feeds['ocr_detection']!.data as Float32Array;
    assert.deepEqual(pixel(background, 0, 0), [...tables.background]);
    const changed = Array.from({ length: F }, (_, i) => i / 8);
    writeFileSync(join(tablesDir, 'background.json'), JSON.stringify({ features: changed }));
    try {
      const data = (await prismerExpertFeeds(config, {}, tablesDir, encoder)).feeds['ocr_detection']!.data as Float32Array;
      assert.deepEqual(pixel(data, 0, 0), changed);
    } finally {
      writeLabelTables(tablesDir, tables);
    }
  });
});
