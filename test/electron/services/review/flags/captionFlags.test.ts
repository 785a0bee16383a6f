// Specification of flagCaption, the entry the caption service calls: each check runs only when its
// expert ran, judges only what that expert's label space can name, and says why in one sentence.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { flagCaption, type FlagInput } from '../../../../../electron/services/review/flags/captionFlags.ts';

const imageSize = { width: 640, height: 480 };
const box = (i: number) => [i * 70, 10, i * 70 + 60, 200] as const;

function input(caption: string, experts: Partial<Omit<FlagInput, 'caption' | 'imageSize'>>): FlagInput {
  return { caption, detections: experts.detections ?? null, segments: experts.segments ?? null, ocr: experts.ocr ?? null, imageSize };
}

describe('flagCaption', () => {
  test('says why, in the words of each check', () => {
    const messages = (i: FlagInput) => flagCaption(i).map((f) => f.message);
    assert.deepEqual(messages(input('a dog on the grass', { detections: [{ label: 'cat', score: 0.9, box: box(0) }], segments: [{ label: 'grass', share: 0.6 }, { label: 'gravel', share: 0.2 }] })), [
      'The caption mentions "dog", but neither the detector nor the segmenter found one.',
    ]);
    assert.deepEqual(messages(input('three people on a bench', { detections: [0, 1, 2, 3, 4].map((i) => ({ label: 'person', score: 0.9, box: box(i) })).concat([{ label: 'bench', score: 0.8, box: box(6) }]) })), [
      'The caption says "three people", the detector found 5.',
    ]);
    assert.deepEqual(messages(input('a shop sign that says "OPEN 24H"', { ocr: [] })), ['The caption quotes "OPEN 24H", which OCR did not read in the image.']);
    assert.deepEqual(messages(input('a red sign on a pole', { ocr: [{ text: 'STOP', box: [100, 100, 300, 180] }] })), [
      'The image shows prominent text ("STOP") that the caption does not mention.',
    ]);
  });

  test('each flag carries its evidence for the review screen', () => {
    const [flag] = flagCaption(input('a dog', { detections: [{ label: 'cat', score: 0.9, box: box(0) }] }));
    assert.equal(flag?.kind, 'unseen-object');
    assert.deepEqual(flag?.evidence, { noun: 'dog', concept: 'dog', judgedBy: ['detector'], found: ['cat'] });
  });

  test('a check whose expert did not run stays silent', () => {
    assert.deepEqual(flagCaption(input('three dogs and a sign that says "SALE"', {})), []);
  });

  test('a segmenter judges by its own label space, told from its labels when the caller does not say', () => {
    // ADE-150 has "lamp", COCO-133 does not; these labels can only be ADE's.
    const ade = input('a lamp next to a bed', { segments: [{ label: 'bed', share: 0.4 }, { label: 'wall', share: 0.4 }, { label: 'chest of drawers, chest, bureau, dresser', share: 0.1 }] });
    assert.deepEqual(flagCaption(ade).map((f) => f.evidence.noun), ['lamp']);
    // Labels both spaces share: only nouns both can name are judged.
    const either = input('a lamp next to a bed', { segments: [{ label: 'bed', share: 0.4 }, { label: 'wall', share: 0.4 }] });
    assert.deepEqual(flagCaption(either), []);
    assert.deepEqual(flagCaption(either, { segmenterClasses: ['bed', 'wall', 'lamp'] }).map((f) => f.evidence.noun), ['lamp']);
  });

  test('a larger detector vocabulary judges more nouns', () => {
    const guitar = input('a man playing a guitar', { detections: [{ label: 'person', score: 0.9, box: box(0) }] });
    assert.deepEqual(flagCaption(guitar), [], 'COCO-80 cannot see guitars');
    const unified = ['person', 'guitar', 'drum'];
    assert.deepEqual(flagCaption(guitar, { detectorClasses: unified }).map((f) => f.message), ['The caption mentions "guitar", but the detector did not find one.']);
  });

  test('thresholds can be tightened or loosened', () => {
    const faint = input('a kite in the sky', { detections: [{ label: 'kite', score: 0.35, box: box(0) }] });
    assert.deepEqual(flagCaption(faint), []);
    assert.equal(flagCaption(faint, { thresholds: { presentScore: 0.5 } }).length, 1);
  });
});
