import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classShares, depthStats, detectionCounts, detectionInstances, fallbackBadge, labelSpace, ocrWords } from '../../../renderer/src/lib/maps/outputFacts.ts';

const output = (expert: 'depth' | 'normal' | 'edge' | 'seg' | 'det' | 'ocr', stats: Record<string, unknown>, extra: object = {}) => ({ expert, modelId: 'm', isFallback: false, stats, ...extra });

test('depth statistics, or nothing when they are not numbers', () => {
  assert.deepEqual(depthStats(output('depth', { min: 0.5, max: 9, median: 3, normalisedMedian: 0.3 })), { min: 0.5, max: 9, median: 3, normalisedMedian: 0.3 });
  assert.equal(depthStats(output('depth', { min: 'x', max: 9 })), null);
});

test('class shares largest first, skipping malformed entries; the label space', () => {
  const seg = output('seg', { labelSpace: 'ade150', classShares: [{ classId: 2, label: 'sky', share: 0.2 }, { classId: 5, label: 'tree', share: 0.7 }, { nope: 1 }, { classId: 9, share: 0.1 }] });
  assert.deepEqual(classShares(seg).map((c) => c.label), ['tree', 'sky', 'class 9']);
  assert.equal(labelSpace(seg), 'ade150');
  assert.deepEqual(classShares(output('seg', {})), []);
});

test('detection counts with their class ids; the instance table', () => {
  const det = output(
    'det',
    { counts: { person: 2, dog: 1, cat: 0 }, labelMeta: { instances: [{ index: 0, classId: 0, label: 'person' }, { index: 1, classId: 16, label: 'dog' }] } },
    { detections: [{ classId: 0, label: 'person', score: 0.9, box: [0, 0, 1, 1] }, { classId: 16, label: 'dog', score: 0.8, box: [0, 0, 1, 1] }] },
  );
  assert.deepEqual(detectionCounts(det), [
    { label: 'person', count: 2, classId: 0 },
    { label: 'dog', count: 1, classId: 16 },
  ]);
  assert.deepEqual(detectionInstances(det).map((i) => i.label), ['person', 'dog']);
  // Without counts in the statistics, the detections are counted.
  const bare = output('det', {}, { detections: [{ classId: 1, label: 'car', score: 0.9, box: [0, 0, 1, 1] }, { classId: 1, label: 'car', score: 0.7, box: [0, 0, 1, 1] }] });
  assert.deepEqual(detectionCounts(bare), [{ label: 'car', count: 2, classId: 1 }]);
});

test('OCR words with their polygons', () => {
  const ocr = output('ocr', { words: [{ text: 'Hello', score: 0.9, polygon: [[0, 0], [10, 0], [10, 5], [0, 5]] }, { text: 3 }] });
  assert.deepEqual(ocrWords(ocr), [{ text: 'Hello', score: 0.9, polygon: [[0, 0], [10, 0], [10, 5], [0, 5]] }]);
});

test('badges: a classical stand-in, a map derived from another expert, or none', () => {
  assert.equal(fallbackBadge({ expert: 'edge', modelId: 'canny', isFallback: true }), 'classical fallback');
  assert.equal(fallbackBadge({ expert: 'normal', modelId: 'depth-gradient', isFallback: true }), 'derived');
  assert.equal(fallbackBadge({ expert: 'depth', modelId: 'depth-anything-v2-small', isFallback: false }), null);
});
