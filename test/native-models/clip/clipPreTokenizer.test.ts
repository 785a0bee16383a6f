// Specification: text is cleaned as CLIP's basic_clean + whitespace_clean + lower() do, then cut by CLIP's
// regex into the pieces BPE sees (letters together, each digit alone, other symbols grouped, contractions
// and the special tokens kept whole).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanClipText, clipPreTokenize } from '../../../native-models/clip/clipPreTokenizer.ts';

describe('cleanClipText', () => {
  test('lower-cases, collapses every whitespace run (Python\'s White_Space, U+0085 included) and trims', () => {
    assert.equal(cleanClipText('  Hello\u00a0\t WORLD\u0085\u3000'), 'hello world');
    assert.equal(cleanClipText('EXIT'), 'exit');
  });

  test('repairs as ftfy does: NFC, control characters removed, curly quotes, ligatures, full-width ASCII', () => {
    assert.equal(cleanClipText('cafe\u0301'), 'caf\u00e9');
    assert.equal(cleanClipText('a\u0007b\ufeffc'), 'abc');
    assert.equal(cleanClipText('don\u2019t \u201cstop\u201d'), 'don\'t "stop"');
    assert.equal(cleanClipText('\ufb01ne \ufb04'), 'fine ffl');
    assert.equal(cleanClipText('\uff21\uff22\uff23\uff11'), 'abc1');
  });

  test('unescapes HTML twice (html.unescape(html.unescape(text))): numeric and common named references', () => {
    assert.equal(cleanClipText('caf&#233; &#x41;'), 'caf\u00e9 a');
    assert.equal(cleanClipText('fish &amp;amp; chips'), 'fish & chips');
    assert.equal(cleanClipText('&lt;b&gt; &unknown;'), '<b> &unknown;');
  });
});

describe('clipPreTokenize', () => {
  test('letters run together, each digit stands alone, other symbols group, spaces are dropped', () => {
    assert.deepEqual(clipPreTokenize('Hello-World!! 2024'), ['hello', '-', 'world', '!!', '2', '0', '2', '4']);
  });

  test('contractions split off as in the regex (after quote straightening)', () => {
    assert.deepEqual(clipPreTokenize('It\u2019s'), ['it', "'s"]);
    assert.deepEqual(clipPreTokenize("we'll"), ['we', "'ll"]);
  });

  test('non-Latin letters are letters; symbols that are neither letters nor digits group', () => {
    assert.deepEqual(clipPreTokenize('Straße 東京 ©®'), ['straße', '東京', '©®']);
  });

  test('the special tokens written in the text are kept whole', () => {
    assert.deepEqual(clipPreTokenize('a<|endoftext|>b'), ['a', '<|endoftext|>', 'b']);
  });

  test('empty or blank text has no pieces', () => {
    assert.deepEqual(clipPreTokenize(''), []);
    assert.deepEqual(clipPreTokenize(' \t\n'), []);
  });
});
