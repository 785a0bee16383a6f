// Specification of reading object mentions out of a caption: which nouns name present objects, their
// concepts and explicit counts, and the words that deny or only depict them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { captionNouns, type NounMention } from '../../../../../electron/services/review/flags/captionNouns.ts';
import { ade150Classes, coco133Classes } from '../../../../../native-models/experts/labelSpaces.ts';
import { LabelVocabulary } from '../../../../../electron/services/review/flags/labelVocabulary.ts';

const vocabulary = new LabelVocabulary([...coco133Classes, ...ade150Classes]);
const read = (caption: string): NounMention[] => captionNouns(caption, (phrase) => vocabulary.resolve(phrase));
const concepts = (caption: string): string[] => read(caption).map((m) => m.concept);
const countOf = (caption: string, concept: string): number | null => read(caption).find((m) => m.concept === concept)?.count ?? null;

describe('caption nouns', () => {
  test('nouns are found with their concepts, through plurals and irregular forms', () => {
    assert.deepEqual(concepts('a man and his dog walking on the beach'), ['person', 'dog']);
    assert.deepEqual(concepts('three puppies and two mice'), ['dog', 'mouse']);
    assert.deepEqual(concepts('The men are watching televisions.'), ['person', 'tv']);
  });

  test('multi-word names win over their last word, and a noun that modifies another is not a mention', () => {
    assert.deepEqual(concepts('a teddy bear next to a hot dog'), ['teddy bear', 'hot dog']);
    assert.deepEqual(concepts('a dog bed and a car seat'), ['bed', 'seat']);
    assert.deepEqual(concepts('a stop sign by a traffic light'), ['stop sign', 'traffic light']);
    assert.ok(!concepts('a large passenger jet flying through a blue sky').includes('person'), '"passenger" modifies "jet", even where compromise tags "jet" a verb');
  });

  test('explicit counts: number words, digits, "a pair of", "both", "a single", "a dozen"', () => {
    assert.equal(countOf('three people sitting on a bench', 'person'), 3);
    assert.equal(countOf('3 cats on a couch', 'cat'), 3);
    assert.equal(countOf('the two dogs', 'dog'), 2);
    assert.equal(countOf('twenty-one sheep grazing', 'sheep'), 21);
    assert.equal(countOf('two small brown dogs', 'dog'), 2);
    assert.equal(countOf('a pair of horses', 'horse'), 2);
    assert.equal(countOf('both women are laughing', 'person'), 2);
    assert.equal(countOf('a single giraffe', 'giraffe'), 1);
    assert.equal(countOf('a dozen donuts', 'donut'), 12);
    assert.equal(read('three people sitting').at(0)?.countText, 'three people');
  });

  test('no count where the caption gives none or the number belongs to something else', () => {
    assert.equal(countOf('a dog on a couch', 'dog'), null, '"a" is not read as a count');
    assert.equal(countOf('dogs in a park', 'dog'), null);
    assert.equal(countOf('a group of people', 'person'), null);
    assert.equal(countOf('a 5-year-old boy', 'person'), null);
    assert.equal(countOf('a three-story building', 'building'), null);
    assert.equal(countOf('the number 7 bus', 'bus'), null);
    assert.equal(countOf('a pair of skis', 'skis'), null, 'a pair of skis is one object to a detector');
  });

  test('quantity nouns ("a group of", "a herd of") are not mentions themselves', () => {
    assert.deepEqual(concepts('a herd of elephants'), ['elephant']);
    assert.deepEqual(concepts('a crowd of people'), ['person']);
  });

  test('denied and depicted things are marked', () => {
    const street = read('an empty street with no cars or people');
    assert.deepEqual(street.filter((m) => m.negated).map((m) => m.concept), ['car', 'person']);
    const toys = read('a toy car and a statue of a horse next to a real dog');
    assert.deepEqual(toys.map((m) => [m.concept, m.depicted]), [['car', true], ['horse', true], ['dog', false]]);
    const painting = read('a painting of two dogs and a dog-shaped cake');
    assert.deepEqual(painting.filter((m) => m.concept !== 'painting').map((m) => [m.concept, m.depicted]), [['dog', true], ['cake', false]]);
    assert.deepEqual(read('an image of a dog next to a plastic chair and a balloon').map((m) => m.depicted), [false, false], 'the picture itself, real plastic chairs');
  });

  test('"a"/"an" marks one new thing; plurals are marked', () => {
    const [man, women] = read('a tall man and the women');
    assert.equal(man?.indefinite, true);
    assert.equal(women?.indefinite, false);
    assert.equal(women?.plural, true);
  });
});
