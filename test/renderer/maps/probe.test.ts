import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeNormal, formatProbe, insidePolygon, readProbe } from '../../../renderer/src/lib/maps/probe.ts';

const map = (width: number, height: number, channels: 1 | 3, values: number[]) => ({ width, height, channels, data: new Uint8Array(values), sourceWidth: width * 10, sourceHeight: height * 10 });

test('normals decode from (n + 1) / 2 bytes back to [−1, 1]', () => {
  assert.deepEqual(decodeNormal(0, 255, 255), [-1, 1, 1]);
  const [x, y, z] = decodeNormal(128, 128, 255);
  assert.ok(Math.abs(x) < 0.01 && Math.abs(y) < 0.01 && z === 1);
});

test('polygons: inside and outside', () => {
  const square: [number, number][] = [[10, 10], [20, 10], [20, 20], [10, 20]];
  assert.equal(insidePolygon(15, 15, square), true);
  assert.equal(insidePolygon(25, 15, square), false);
  assert.equal(insidePolygon(15, 5, square), false);
});

test('a probe reads every expert at the point and puts it in words', () => {
  // A 2 × 1 photo of 200 × 100 px: left half, right half.
  const reading = readProbe(
    {
      imageWidth: 200,
      imageHeight: 100,
      depth: { map: map(2, 1, 1, [51, 204]), stats: { min: 0, max: 10, median: null, normalisedMedian: null } },
      normal: map(2, 1, 3, [128, 128, 255, 0, 128, 128]),
      seg: { map: map(2, 1, 1, [7, 3]), classes: [{ classId: 3, label: 'sky', share: 0.5 }, { classId: 7, label: 'tree', share: 0.5 }] },
      det: {
        detections: [
          { label: 'dog', score: 0.61, box: [120, 10, 190, 90] },
          { label: 'person', score: 0.93, box: [100, 0, 200, 100] },
          { label: 'cat', score: 0.9, box: [0, 0, 50, 50] },
        ],
      },
      ocr: { words: [{ text: 'STOP', score: 0.9, polygon: [[110, 20], [180, 20], [180, 60], [110, 60]] }], map: map(2, 1, 1, [255, 0]) },
    },
    0.75,
    0.5,
  );
  assert.ok(reading);
  assert.equal(reading.x, 150);
  assert.equal(reading.y, 50);
  assert.deepEqual(reading.depth, { value: 204, unit: 0.8, raw: 8 });
  assert.equal(reading.seg?.label, 'sky');
  assert.deepEqual(reading.detections.map((d) => d.label), ['person', 'dog']);
  assert.equal(reading.word, 'STOP');
  assert.deepEqual(formatProbe(reading), ['x 150, y 50', 'depth 204/255 (0.80)', 'normal (−1.00, 0.00, 0.00)', 'class sky', 'box person 93%, dog 61%', 'word “STOP”']);
});

test('a probe reads only what exists, and nothing outside the photo', () => {
  const sources = { imageWidth: 100, imageHeight: 100, seg: { map: map(1, 1, 1, [42]), classes: [] } };
  assert.deepEqual(formatProbe(readProbe(sources, 0.1, 0.1)!), ['x 10, y 10', 'class class 42']);
  assert.equal(readProbe(sources, 1.2, 0.1), null);
  // OCR without a map (none saved) falls back to the word polygons.
  const words = { imageWidth: 100, imageHeight: 100, ocr: { words: [{ text: 'exit', score: null, polygon: [[0, 0], [50, 0], [50, 50], [0, 50]] as [number, number][] }], map: null } };
  assert.equal(readProbe(words, 0.2, 0.2)?.word, 'exit');
  assert.equal(readProbe(words, 0.8, 0.8)?.word, null);
});
