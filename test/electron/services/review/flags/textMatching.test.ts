// Specification of the tolerant text comparison between captions and OCR words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alnum, allowedEdits, foldConfusables, occursIn, spellings, substringDistance } from '../../../../../electron/services/review/flags/textMatching.ts';

describe('text matching', () => {
  test('case, punctuation, spacing and accents never matter', () => {
    assert.equal(alnum('Coca-Cola!'), 'cocacola');
    assert.equal(alnum('Café  du Monde'), 'cafedumonde');
    assert.ok(occursIn('COCA-COLA', 'a truck with a coca cola logo'));
  });

  test('characters OCR confuses compare equal', () => {
    assert.equal(foldConfusables('F00D'), foldConfusables('food'));
    assert.equal(foldConfusables('I50'), foldConfusables('150'));
  });

  test('longer words forgive a few edits, short ones none', () => {
    assert.deepEqual([3, 4, 5, 8, 9].map(allowedEdits), [0, 0, 1, 1, 2]);
    assert.ok(occursIn('RESTAURNT', 'a restaurant at night'), 'one letter dropped');
    assert.ok(!occursIn('SALE', 'a pale horse'), 'a four-letter word must be exact');
    assert.ok(!occursIn('STOP', 'a shop window'));
  });

  test('words signs abbreviate have their abbreviations as other spellings', () => {
    assert.deepEqual(spellings('Street').sort(), ['st', 'street']);
    assert.ok(spellings('st').includes('saint'));
    assert.deepEqual(spellings('giraffe'), ['giraffe']);
  });

  test('substring distance is the fewest edits to any part of the text', () => {
    assert.equal(substringDistance('open', 'xxopenxx'), 0);
    assert.equal(substringDistance('opem', 'xxopenxx'), 1);
    assert.equal(substringDistance('abc', ''), 3);
  });
});
