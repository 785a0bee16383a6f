// Specification of the OCR checks: quoted text and written numbers the OCR must support, and prominent
// text a caption must not ignore.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultThresholds } from '../../../../../electron/services/review/flags/flagTypes.ts';
import { ignoredTextFlags, prominentWords, quotedTexts, unsupportedTextFlags, writtenNumbers } from '../../../../../electron/services/review/flags/ocrChecks.ts';

const imageSize = { width: 1000, height: 1000 };
const word = (text: string, x = 100, y = 100, width = 200, height = 80) => ({ text, box: [x, y, x + width, y + height] as const });

describe('quotes and written numbers', () => {
  test('double, curly and single quotes are read; apostrophes are not quotes', () => {
    assert.deepEqual(quotedTexts('a sign that says "OPEN 24H"'), ['OPEN 24H']);
    assert.deepEqual(quotedTexts('a mug reading “best dad” and a cap reading \'NY\''), ['best dad', 'NY']);
    assert.deepEqual(quotedTexts("the dog's bowl and the players' shirts"), []);
    assert.deepEqual(quotedTexts("rock 'n' roll"), []);
  });

  test('numbers count as written text only where the caption says so', () => {
    assert.deepEqual(writtenNumbers('a bus with the number 42 on it'), ['42']);
    assert.deepEqual(writtenNumbers('a price tag of $4.99'), ['$4.99']);
    assert.deepEqual(writtenNumbers('a player wearing jersey 23'), ['23']);
    assert.deepEqual(writtenNumbers('a runner wearing #7'), ['7']);
    assert.deepEqual(writtenNumbers('3 dogs and a 2019 car, 5-year-old boy'), []);
    assert.deepEqual(writtenNumbers('a sign that says "42"'), [], 'quoted numbers are checked as quotes');
  });
});

describe('unsupported text', () => {
  test('a quote OCR read, in any case and with small errors, is supported', () => {
    assert.deepEqual(unsupportedTextFlags("a stop sign that says 'stop'", [word('STOP')]), []);
    assert.deepEqual(unsupportedTextFlags('a sign reading "Starbucks Coffee"', [word('STARBUCKS'), word('COFFE', 100, 200)]), []);
    assert.deepEqual(unsupportedTextFlags('a sign reading "OPEN24H"', [word('OPEN'), word('24H', 320)]), [], 'words OCR split still match');
    assert.deepEqual(unsupportedTextFlags("a street sign that reads 'Main Street'", [word('MAIN'), word('ST', 320)]), [], 'abbreviations match');
  });

  test('a quote OCR did not read, wholly or in part, is flagged with the words it missed', () => {
    const [none] = unsupportedTextFlags('a sign that says "OPEN 24H"', []);
    assert.equal(none?.message, 'The caption quotes "OPEN 24H", which OCR did not read in the image.');
    const [part] = unsupportedTextFlags('a sign that says "OPEN 24H"', [word('OPEN')]);
    assert.equal(part?.kind, 'unsupported-text');
    assert.deepEqual(part?.evidence.unread, ['24H']);
    assert.match(part!.message, /did not read "24H"/);
  });

  test('written numbers must be read exactly (look-alike characters aside)', () => {
    assert.deepEqual(unsupportedTextFlags('the number 150 bus', [word('I50')]), []);
    const [flag] = unsupportedTextFlags('the number 42 bus', [word('24')]);
    assert.equal(flag?.message, 'The caption says the image shows "42", which OCR did not read in the image.');
  });

  test('nothing is judged when OCR did not run', () => {
    assert.deepEqual(unsupportedTextFlags('a sign that says "OPEN"', null), []);
  });
});

describe('ignored text', () => {
  test('prominence is the box\'s share of the image, for words of three or more characters', () => {
    const words = [word('STOP', 0, 0, 200, 80), word('exit', 0, 0, 30, 10), word('AB', 0, 0, 300, 300)];
    assert.deepEqual(prominentWords(words, imageSize, defaultThresholds).map((w) => w.text), ['STOP']);
  });

  test('prominent text the caption does not mention is flagged, largest words in reading order', () => {
    const ocr = [word('OPENING', 400, 100, 400, 100), word('GRAND', 100, 105, 250, 100), word('small', 0, 900, 20, 8)];
    const [flag] = ignoredTextFlags('a large banner on a building', ocr, imageSize, defaultThresholds);
    assert.equal(flag?.message, 'The image shows prominent text ("GRAND OPENING") that the caption does not mention.');
    assert.deepEqual(ignoredTextFlags('a grand opening banner', ocr, imageSize, defaultThresholds), []);
  });

  test('a caption that quotes text is not ignoring it, and small print is never prominent', () => {
    assert.deepEqual(ignoredTextFlags('a sign that says "OPEN"', [word('CLOSED')], imageSize, defaultThresholds), []);
    assert.deepEqual(ignoredTextFlags('a train', [word('EXIT', 0, 0, 40, 12)], imageSize, defaultThresholds), []);
    assert.deepEqual(ignoredTextFlags('a train', null, imageSize, defaultThresholds), []);
  });
});
