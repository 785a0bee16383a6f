// Specification: one image's saved labels become the named tensors the encoder takes (compact and
// expanded), missing experts are replaced as the official code does, and what was missing is reported.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assemblePrismerInputs, expandedPrismerInputs } from '../../../../native-models/prismer/inputs/assembleInputs.ts';
import type { ClipPca } from '../../../../native-models/prismer/inputs/clipPca.ts';
import { tableRow } from '../../../../native-models/prismer/inputs/labelTables.ts';
import { fakeTables, pixel } from './fixtures.ts';

describe('assemblePrismerInputs', () => {
  test('nothing saved: every expert reported missing; depth/normal/edge −1, seg class 0, obj/ocr background', () => {
    const tables = fakeTables();
    const inputs = assemblePrismerInputs({}, { tables });
    assert.deepEqual(inputs.missing, ['depth', 'normal', 'edge', 'seg', 'det', 'ocr']);
    assert.deepEqual(Object.keys(inputs.tensors).sort(), [
      'depth', 'edge', 'normal', 'obj_detection.features', 'obj_detection.instance', 'obj_detection.instance_ids', 'obj_detection.label_map',
      'ocr_detection.features', 'ocr_detection.label_map', 'seg.features', 'seg.label_map',
    ]);
    for (const name of ['depth', 'normal', 'edge']) assert.ok(inputs.tensors[name]!.data.every((v) => v === -1), name);
    assert.deepEqual(inputs.tensors.normal!.shape, [1, 3, 224, 224]);
    assert.ok(inputs.tensors['obj_detection.instance']!.data.every((v) => v === 255));
    assert.deepEqual([...inputs.tensors['obj_detection.instance_ids']!.data], [255]);
    const expanded = expandedPrismerInputs(inputs);
    assert.deepEqual(expanded.seg!.shape, [1, 64, 224, 224]);
    assert.deepEqual(pixel(expanded.seg!.data, 17, 201), [...tableRow(tables.coco, 0)]);
    for (const name of ['obj_detection', 'ocr_detection']) assert.deepEqual(pixel(expanded[name]!.data, 100, 100), [...tables.background], name);
  });

  test('saved outputs: seg table from labelMeta, detections mapped, OCR without CLIP all background (noted)', () => {
    const tables = fakeTables();
    const one = (value: number) => ({ width: 2, height: 2, channels: 1 as const, data: new Uint8Array(4).fill(value) });
    const inputs = assemblePrismerInputs(
      {
        depth: { labelMap: { width: 2, height: 1, channels: 1, data: Uint8Array.from([10, 20]) } },
        seg: { labelMap: one(3), labelMeta: { labelSpace: 'ade150' } },
        det: { labelMap: one(0), labelMeta: { instances: [{ index: 0, classId: 0, label: 'person' }] } },
        ocr: { labelMap: one(0), labelMeta: { words: ['hello'] } },
      },
      { tables },
    );
    assert.deepEqual(inputs.missing, ['normal', 'edge']);
    assert.equal(inputs.tensors.depth!.data[0], -1);
    // bytes 10, 20 → /255 → min 10/255, max 20/255: the right half is 2·(10/255)/(10/255 + ε) − 1
    const right = (2 * (10 / 255)) / (10 / 255 + 1e-6) - 1;
    assert.ok(Math.abs(inputs.tensors.depth!.data[223]! - right) < 1e-5);
    const expanded = expandedPrismerInputs(inputs);
    assert.deepEqual(pixel(expanded.seg!.data, 0, 0), [...tableRow(tables.ade, 3)]);
    assert.deepEqual(pixel(expanded.obj_detection!.data, 0, 0), [...tableRow(tables.detection, 7)]);
    assert.deepEqual(pixel(expanded.ocr_detection!.data, 0, 0), [...tables.background]);
    assert.ok(inputs.notes.some((n) => /no CLIP/.test(n)));
  });

  test('OCR with a CLIP embedding function: the PCA of the lowercased word', () => {
    const tables = fakeTables();
    // A made-up PCA: component i picks embedding value i, mean 0.
    const components = new Float32Array(64 * 768);
    for (let i = 0; i < 64; i++) components[i * 768 + i] = 1;
    const pca: ClipPca = { mean: new Float32Array(768), components };
    const seen: string[] = [];
    const wordEmbedding = (word: string) => {
      seen.push(word);
      return Float32Array.from({ length: 768 }, (_, j) => word.length + j);
    };
    const inputs = assemblePrismerInputs({ ocr: { labelMap: { width: 1, height: 1, channels: 1, data: Uint8Array.from([0]) }, labelMeta: { words: ['Exit'] } } }, { tables, ocr: { wordEmbedding, pca } });
    assert.deepEqual(seen, ['exit']);
    assert.deepEqual(pixel(expandedPrismerInputs(inputs).ocr_detection!.data, 3, 3), Array.from({ length: 64 }, (_, i) => 4 + i));
  });
});
