// Specification of the count check: explicit counts against the range of the detector's finds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { captionNouns } from '../../../../../electron/services/review/flags/captionNouns.ts';
import { countMismatchFlags, detectedRange } from '../../../../../electron/services/review/flags/countCheck.ts';
import { coco80Classes } from '../../../../../native-models/experts/labelSpaces.ts';
import { defaultThresholds, type FlagInput } from '../../../../../electron/services/review/flags/flagTypes.ts';
import { LabelVocabulary } from '../../../../../electron/services/review/flags/labelVocabulary.ts';

const detector = new LabelVocabulary(coco80Classes);
type Detections = NonNullable<FlagInput['detections']>;

function found(label: string, scores: readonly number[], from = 0): Detections {
  return scores.map((score, i) => ({ label, score, box: [(from + i) * 100, 0, (from + i) * 100 + 80, 80] as const }));
}

function flags(caption: string, detections: Detections | null) {
  const input: FlagInput = { caption, detections, segments: null, ocr: null, imageSize: { width: 2000, height: 1000 } };
  return countMismatchFlags(captionNouns(caption, (p) => detector.resolve(p)), input, detections ? detector : null, defaultThresholds);
}

describe('count check', () => {
  test('the detected range runs from confident finds of the class to every find of it or a confusable class', () => {
    const detections = [...found('car', [0.9, 0.6]), ...found('car', [0.4], 2), ...found('truck', [0.8], 3), ...found('car', [0.1], 4)];
    assert.deepEqual(detectedRange('car', detections, defaultThresholds), { confident: 2, loose: 4 });
  });

  test('one object found twice (overlapping boxes) counts once', () => {
    const twice = [{ label: 'dog', score: 0.9, box: [0, 0, 100, 100] as const }, { label: 'dog', score: 0.7, box: [2, 2, 100, 100] as const }];
    assert.deepEqual(detectedRange('dog', twice, defaultThresholds), { confident: 1, loose: 1 });
  });

  test('a count outside the range is flagged with what the detector found', () => {
    const [more] = flags('three people standing in a row', found('person', [0.9, 0.9, 0.9, 0.9, 0.9]));
    assert.equal(more?.message, 'The caption says "three people", the detector found 5.');
    const [fewer] = flags('four horses on a road', found('horse', [0.9, 0.8]));
    assert.equal(fewer?.message, 'The caption says "four horses", the detector found 2.');
  });

  test('a count inside the range, or when weak finds could make it up, is not flagged', () => {
    assert.deepEqual(flags('two dogs in the grass', found('dog', [0.9, 0.9])), []);
    assert.deepEqual(flags('three cats on a couch', found('cat', [0.9, 0.9, 0.35])), []);
    assert.deepEqual(flags('twelve cows in a field', found('cow', [...Array(10).fill(0.9)])), [], 'large counts get some slack');
  });

  test('kinds of a class bound its count from below and add up', () => {
    assert.deepEqual(flags('two men and a woman at a table', found('person', [0.9, 0.9, 0.9])), []);
    assert.deepEqual(flags('two men talking', found('person', [0.9, 0.9, 0.9, 0.9])), [], 'others may be there too');
    const [flag] = flags('two men and a woman at a table', found('person', [0.9, 0.9]));
    assert.equal(flag?.message, 'The caption says "two men" and "a woman", the detector found 2 people in all.');
    assert.equal(flags('a man and a woman walking', found('person', [0.9])).length, 1);
  });

  test('nothing is judged without the detector, without a count, or without a single find', () => {
    assert.deepEqual(flags('three people', null), []);
    assert.deepEqual(flags('a dog and dogs', found('dog', [0.9, 0.9, 0.9])), []);
    assert.deepEqual(flags('three giraffes', []), [], 'nothing found is the unseen-object check\'s business');
  });
});
