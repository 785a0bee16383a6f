// Specification of the label vocabularies: expert class names become concepts that caption words
// share (plurals, spellings, synonyms, aliases), and the built-in label lists match Prismer's official
// tables in ../shared (those checks skip where a clone has no ../shared).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../../../../electron/packageRoot.ts';
import { ade150Classes, coco133Classes, coco80Classes } from '../../../../../native-models/experts/labelSpaces.ts';
import { LabelVocabulary, conceptOfName, conceptsOfLabel, evidenceFor, normaliseName } from '../../../../../electron/services/review/flags/labelVocabulary.ts';

const tables = join(packageRoot, '..', 'shared', 'prismer', 'label-features');
const noShared = existsSync(tables) ? false : 'no ../shared/prismer here';

function officialLabels(name: 'coco' | 'ade' | 'detection'): string[] {
  return (JSON.parse(readFileSync(join(tables, `${name}.json`), 'utf8')) as { labels: string[] }).labels;
}

describe('label vocabularies', () => {
  test('names are compared without case, separators or COCO panoptic suffixes', () => {
    assert.equal(normaliseName('Wall-Other-Merged'), 'wall');
    assert.equal(normaliseName('tree-merged'), 'tree');
    assert.equal(normaliseName('other type of floor'), 'floor');
    assert.equal(normaliseName('cell_phone'), 'cell phone');
  });

  test('caption words reach the concept of the class they name, as the same thing or as a kind of it', () => {
    assert.deepEqual(conceptOfName('people'), { concept: 'person', kind: false });
    assert.deepEqual(conceptOfName('woman'), { concept: 'person', kind: true });
    assert.deepEqual(conceptOfName('puppy'), { concept: 'dog', kind: true });
    assert.deepEqual(conceptOfName('automobile'), { concept: 'car', kind: false });
    assert.equal(conceptOfName('television').concept, conceptOfName('tv').concept);
    assert.equal(conceptOfName('sofa').concept, 'couch');
    assert.deepEqual(conceptOfName('guitar'), { concept: 'guitar', kind: false }, 'a name the lexicon does not know is its own concept');
  });

  test('every alias of a label contributes a concept', () => {
    assert.deepEqual(conceptsOfLabel('sidewalk, pavement'), ['sidewalk']);
    assert.deepEqual(conceptsOfLabel('duck, goose').sort(), ['bird']);
    assert.deepEqual(conceptsOfLabel('raccoon, bear').sort(), ['bear', 'raccoon']);
  });

  test('a vocabulary judges only the concepts its labels carry', () => {
    const coco = new LabelVocabulary(coco80Classes);
    assert.ok(coco.has('person') && coco.has('dog') && coco.has('tv'));
    assert.ok(!coco.has('guitar'), 'COCO-80 has no guitar');
    assert.ok(!coco.has('sky'), 'the detector does not judge stuff');
    assert.deepEqual(coco.resolve('puppies'), null, 'resolve takes singular phrases');
    assert.deepEqual(coco.resolve('puppy'), { concept: 'dog', kind: true });
    const both = LabelVocabulary.intersection([new LabelVocabulary(coco133Classes), new LabelVocabulary(ade150Classes)]);
    assert.ok(both.has('sky') && both.has('person'));
    assert.ok(!both.has('giraffe') && !both.has('lamp'), 'the intersection keeps only what both spaces name');
  });

  test('evidence: confusable classes support each other, broad words are supported by their members', () => {
    assert.ok(evidenceFor('car').has('truck'));
    assert.ok(!evidenceFor('dog').has('cat'), 'a cat is no evidence of a dog');
    assert.ok(evidenceFor('animal').has('dog') && evidenceFor('dog').has('animal'));
    assert.ok(!evidenceFor('apple').has('orange'), 'fruit members are not evidence for each other');
    assert.ok(evidenceFor('apple').has('fruit'));
  });

  test('COCO panoptic stuff names as detectron2 and the MaskFormer config spell them are COCO-133 classes', () => {
    const detectron2Stuff = [
      'banner', 'blanket', 'bridge', 'cardboard', 'counter', 'curtain', 'door-stuff', 'floor-wood', 'flower', 'fruit', 'gravel',
      'house', 'light', 'mirror-stuff', 'net', 'pillow', 'platform', 'playingfield', 'railroad', 'river', 'road', 'roof', 'sand',
      'sea', 'shelf', 'snow', 'stairs', 'tent', 'towel', 'wall-brick', 'wall-stone', 'wall-tile', 'wall-wood', 'water-other',
      'window-blind', 'window-other', 'tree-merged', 'fence-merged', 'ceiling-merged', 'sky-other-merged', 'cabinet-merged',
      'table-merged', 'floor-other-merged', 'pavement-merged', 'mountain-merged', 'grass-merged', 'dirt-merged', 'paper-merged',
      'food-other-merged', 'building-other-merged', 'rock-merged', 'wall-other-merged', 'rug-merged',
    ];
    assert.equal(detectron2Stuff.length, 53);
    assert.ok(new LabelVocabulary(coco133Classes).covers(detectron2Stuff));
    assert.ok(!new LabelVocabulary(ade150Classes).covers(detectron2Stuff), 'so a MaskFormer output is told apart from ADE');
  });

  test('the SegFormer config\'s spellings of ADE classes are ADE-150 classes', () => {
    const segformerNames = ['windowpane', 'bathtub', 'railing', 'streetlight', 'television receiver', 'apparel', 'swimming pool', 'waterfall', 'ashcan', 'airplane', 'earth', 'sidewalk'];
    assert.ok(new LabelVocabulary(ade150Classes).covers(segformerNames));
  });

  test('the built-in COCO-133 and ADE-150 lists are the official tables', { skip: noShared }, () => {
    assert.deepEqual(coco133Classes, officialLabels('coco'));
    assert.deepEqual(ade150Classes, officialLabels('ade').map((label) => label.trim()));
  });

  test('the 722 unified detection classes give a vocabulary that knows COCO-80 and more', { skip: noShared }, () => {
    const labels = officialLabels('detection');
    assert.equal(labels.length, 722);
    const unified = new LabelVocabulary(labels);
    const coco = new LabelVocabulary(coco80Classes);
    const missing = coco80Classes.flatMap(conceptsOfLabel).filter((concept) => !unified.has(concept));
    assert.deepEqual(missing, [], 'every COCO-80 concept is in the 722 space');
    assert.ok(unified.has('guitar') && !coco.has('guitar'));
    assert.ok(unified.size > coco.size * 5);
  });
});
