// GPT-2's byte level: the byte ↔ character table, the pre-tokenisation regex with Python's whitespace
// (expected splits computed with Python's `regex` module), and UTF-8 decoding with replacement characters
// as Python's errors='replace' (expected strings computed with Python).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { byteToChar, charToByte, fromByteChars, preTokenize, toByteChars } from '../../../../native-models/prismer/tokenizer/byteLevel.ts';

const chars = (bytes: number[]) => bytes.map((b) => byteToChar[b]!);

describe('byteToChar', () => {
  test('shows the 256 bytes as 256 distinct characters, printable ones as themselves', () => {
    assert.equal(new Set(byteToChar).size, 256);
    assert.equal(byteToChar[0x41], 'A');
    assert.equal(byteToChar[0x21], '!');
    assert.equal(byteToChar[0xe9], 'é');
    assert.equal(byteToChar[0x20], 'Ġ');
    assert.equal(byteToChar[0x0a], 'Ċ');
    assert.equal(byteToChar[0x09], 'ĉ');
    assert.equal(byteToChar[0x00], 'Ā');
    assert.equal(byteToChar[0xad], 'Ń'); // the last of the shifted bytes
    for (let byte = 0; byte < 256; byte++) assert.equal(charToByte.get(byteToChar[byte]!), byte);
  });

  test('toByteChars shows UTF-8', () => {
    assert.equal(toByteChars(' café'), 'ĠcafÃ©');
    assert.equal(toByteChars('日'), 'æĹ¥');
  });
});

describe('preTokenize', () => {
  test("cuts as GPT-2's regex does", () => {
    assert.deepEqual(preTokenize("Hello world! I'm 42."), ['Hello', ' world', '!', ' I', "'m", ' 42', '.']);
    assert.deepEqual(preTokenize('a  b'), ['a', ' ', ' b']);
    assert.deepEqual(preTokenize('a\n\nb'), ['a', '\n', '\n', 'b']);
    assert.deepEqual(preTokenize('end  '), ['end', '  ']);
    assert.deepEqual(preTokenize('x!!?'), ['x', '!!?']);
    assert.deepEqual(preTokenize('日本語 text'), ['日本語', ' text']);
    assert.deepEqual(preTokenize('abc123'), ['abc', '123']);
  });

  test("takes Python's whitespace, not JavaScript's: U+0085 is space, U+FEFF is not", () => {
    assert.deepEqual(preTokenize('a \u0085b'), ['a', ' ', '\u0085', 'b']);
    assert.deepEqual(preTokenize('a\u0085 \u0085b'), ['a', '\u0085 ', '\u0085', 'b']);
    assert.deepEqual(preTokenize('end \u0085'), ['end', ' \u0085']);
    assert.deepEqual(preTokenize('x\ufeff y'), ['x', '\ufeff', ' y']);
    assert.deepEqual(preTokenize('it\u2029 s'), ['it', '\u2029', ' s']);
  });

  test('covers the text exactly', () => {
    const text = " \t\n\r\u00a0x'sy'S 12³ ½ 🙂🙂  !? \u0085\ufeff\u200b end ";
    assert.equal(preTokenize(text).join(''), text);
  });
});

describe('fromByteChars', () => {
  test('decodes UTF-8 across token boundaries', () => {
    assert.equal(fromByteChars(['æĹ', '¥', 'ĠcafÃ', '©']), '日 café');
  });

  test("replaces invalid UTF-8 as Python's errors='replace' does, one U+FFFD per maximal invalid part", () => {
    assert.equal(fromByteChars(chars([0xe6, 0x97])), '\ufffd'); // a character cut short
    assert.equal(fromByteChars(chars([0xff])), '\ufffd');
    assert.equal(fromByteChars(chars([0xed, 0xa0, 0x80])), '\ufffd\ufffd\ufffd'); // an encoded surrogate
    assert.equal(fromByteChars(chars([0xc0, 0x80])), '\ufffd\ufffd'); // overlong
    assert.equal(fromByteChars(chars([0x6f, 0x6b, 0xf0, 0x9f, 0x99])), 'ok\ufffd');
  });

  test('keeps a leading byte-order mark', () => {
    assert.equal(fromByteChars(chars([0xef, 0xbb, 0xbf, 0x41])), '\ufeffA');
  });

  test('keeps a token with characters outside the table as its own UTF-8', () => {
    assert.equal(fromByteChars(['Ġa', '<|日|>']), ' a<|日|>');
  });
});
