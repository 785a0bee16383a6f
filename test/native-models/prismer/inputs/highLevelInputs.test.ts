// Specification: seg, obj_detection and ocr_detection maps become 64-channel inputs: every pixel's label
// replaced by its table row (seg: COCO/ADE class; obj_detection: the instance's class in the 722 space,
// found by name; OCR: the word's feature), label 255 by the background vector, channels first.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionInput, ocrInput, segInput } from '../../../../native-models/prismer/inputs/highLevelInputs.ts';
import { expandLabels } from '../../../../native-models/prismer/inputs/labelFeatures.ts';
import { tableRow, type LabelTables } from '../../../../native-models/prismer/inputs/labelTables.ts';
import { fakeTables, pixel, realTables, skipWithoutShared } from './fixtures.ts';

const plane = 224 * 224;

describe('seg', () => {
  const map = { width: 2, height: 2, channels: 1 as const, data: Uint8Array.from([0, 132, 255, 7]) };
  const check = (tables: LabelTables) => {
    const compact = segInput(map, 'coco133', tables);
    assert.equal(compact.rows, 134);
    assert.deepEqual([compact.labelMap[0], compact.labelMap[223], compact.labelMap[223 * 224], compact.labelMap[plane - 1]], [0, 132, 133, 7]);
    const t = expandLabels(compact);
    assert.equal(t.length, 64 * plane);
    assert.deepEqual(pixel(t, 0, 0), [...tableRow(tables.coco, 0)]);
    assert.deepEqual(pixel(t, 200, 100), [...tableRow(tables.coco, 132)]);
    assert.deepEqual(pixel(t, 5, 150), [...tables.background]);
    assert.deepEqual(pixel(t, 223, 223), [...tableRow(tables.coco, 7)]);
  };
  test('COCO labels and 255 → rows and background (made-up tables)', () => check(fakeTables()));
  test('the same against the real tables', { skip: skipWithoutShared }, async () => check(await realTables()));

  test('ADE uses the 150-row table; a label past the table is refused', async () => {
    const tables = fakeTables();
    const t = expandLabels(segInput({ width: 1, height: 1, channels: 1, data: Uint8Array.from([149]) }, 'ade150', tables));
    assert.deepEqual(pixel(t, 9, 9), [...tableRow(tables.ade, 149)]);
    assert.throws(() => segInput({ width: 1, height: 1, channels: 1, data: Uint8Array.from([140]) }, 'coco133', tables), /label 140/);
  });
});

describe('obj_detection', () => {
  // 3×1 instance map: instance 0 | background | instance 1
  const map = { width: 3, height: 1, channels: 1 as const, data: Uint8Array.from([0, 255, 1]) };

  test('instances go through the 722 mapping by name; the raw instance map and its ids come along', () => {
    const tables = fakeTables(); // 'person' is row 7, 'mobile phone, cell phone' row 9
    const meta = { instances: [{ index: 0, classId: 0, label: 'person' }, { index: 1, classId: 67, label: 'cell phone' }] };
    const out = detectionInput(map, meta, tables);
    assert.deepEqual(out.unifiedClasses, [7, 9]);
    const t = expandLabels(out.labels);
    assert.deepEqual(pixel(t, 0, 0), [...tableRow(tables.detection, 7)]); // columns 0…74 ← instance 0
    assert.deepEqual(pixel(t, 100, 50), [...tables.background]); // 75…149 ← background
    assert.deepEqual(pixel(t, 223, 223), [...tableRow(tables.detection, 9)]); // 150…223 ← instance 1
    assert.deepEqual([out.instance[74], out.instance[75], out.instance[150]], [0, 255, 1]);
    assert.deepEqual(out.instanceIds, [0, 1, 255]);
  });

  test('a class with no unified counterpart takes the background and is reported', () => {
    const tables = fakeTables();
    const out = detectionInput(map, { instances: [{ index: 0, classId: 0, label: 'person' }, { index: 1, classId: 5, label: 'flux capacitor' }] }, tables);
    assert.deepEqual(out.unmapped, ['flux capacitor']);
    assert.deepEqual(pixel(expandLabels(out.labels), 223, 0), [...tables.background]);
  });

  test('COCO names found in the real 722 table (person, cell phone, sports ball, tv)', { skip: skipWithoutShared }, async () => {
    const tables = await realTables();
    const meta = { instances: ['person', 'cell phone', 'sports ball', 'tv'].map((label, index) => ({ index, classId: index, label })) };
    const out = detectionInput({ width: 4, height: 1, channels: 1, data: Uint8Array.from([0, 1, 2, 3]) }, meta, tables);
    assert.deepEqual(out.unmapped, []);
    const names = out.unifiedClasses.map((c) => tables.detection.labels[c!]!.toLowerCase());
    assert.ok(names[0]!.split(',').map((s) => s.trim()).includes('person'), names[0]);
    const t = expandLabels(out.labels);
    out.unifiedClasses.forEach((c, i) => assert.deepEqual(pixel(t, i * 56 + 3, 10), [...tableRow(tables.detection, c!)]));
  });

  test('an instance missing from labelMeta, or malformed labelMeta, is refused', () => {
    assert.throws(() => detectionInput(map, { instances: [{ index: 0, classId: 0, label: 'person' }] }, fakeTables()), /label 1/);
    assert.throws(() => detectionInput(map, { boxes: [] }, fakeTables()), /no "instances"/);
  });
});

describe('ocr_detection', () => {
  const map = { width: 2, height: 1, channels: 1 as const, data: Uint8Array.from([255, 0]) };
  test('word pixels take the word feature; no map → all background', () => {
    const tables = fakeTables();
    const word = new Float32Array(64).fill(0.25);
    const t = expandLabels(ocrInput(map, [word], tables.background));
    assert.deepEqual(pixel(t, 0, 0), [...tables.background]);
    assert.deepEqual(pixel(t, 200, 0), [...word]);
    const none = expandLabels(ocrInput(null, [], tables.background));
    assert.deepEqual(pixel(none, 200, 0), [...tables.background]);
  });
  test('a word without a feature (null) takes the background', () => {
    const tables = fakeTables();
    assert.deepEqual(pixel(expandLabels(ocrInput(map, [null], tables.background)), 200, 0), [...tables.background]);
  });
});
