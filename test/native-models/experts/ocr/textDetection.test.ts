// Specification of the detector's input: PaddleOCR's DetResizeForTest (limit 960, type 'max') and its
// NormalizeImage (x/255, ImageNet mean and std, BGR channel order), in NCHW.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectionInput, detectionSize } from '../../../../native-models/experts/ocr/textDetection.ts';

describe('detectionSize', () => {
  test('shrinks the longer side to 960 and rounds both sides to multiples of 32 (halves to even, as Python does)', () => {
    assert.deepEqual(detectionSize(1000, 500, 960), { width: 960, height: 480 });
    assert.deepEqual(detectionSize(4000, 3000, 960), { width: 960, height: 704 }); // 720 / 32 = 22.5 → 22
    assert.deepEqual(detectionSize(300, 80, 960), { width: 288, height: 64 }); // 80 / 32 = 2.5 → 2
  });

  test('never enlarges, and never goes under 32', () => {
    assert.deepEqual(detectionSize(640, 480, 960), { width: 640, height: 480 });
    assert.deepEqual(detectionSize(20, 10, 960), { width: 32, height: 32 });
  });
});

describe('detectionInput', () => {
  test('is 3 planes, blue first, each normalised with the ImageNet mean and std in PaddleOCR order', () => {
    const data = new Uint8Array(64 * 32 * 3);
    for (let i = 0; i < 64 * 32; i++) data.set([255, 0, 51], i * 3);
    const input = detectionInput({ width: 64, height: 32, data });
    assert.deepEqual([input.width, input.height, input.sourceWidth, input.sourceHeight], [64, 32, 64, 32]);
    assert.equal(input.data.length, 3 * 64 * 32);
    const plane = 64 * 32;
    const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-5, `${a} ≠ ${b}`);
    near(input.data[0]!, (51 / 255 - 0.485) / 0.229); // blue
    near(input.data[plane]!, (0 - 0.456) / 0.224); // green
    near(input.data[2 * plane + 100]!, (1 - 0.406) / 0.225); // red
  });
});
