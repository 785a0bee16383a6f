// Encoding with the real GPT-2 files (the merges RoBERTa shares) is exact: token strings and ids checked by
// hand on known cases, and equal to the reference encoder shipped with the files on tricky and random text
// (Unicode, emoji, whitespace runs, contractions, numbers); decode inverts encode.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gpt2Tokenizer, referenceEncoder } from './gpt2Files.ts';

const tokenizer = gpt2Tokenizer();

// Characters where JavaScript's \s and Python's disagree (U+0085, U+FEFF) are left to byteLevel.test.ts:
// the reference encoder uses JavaScript's \s, OpenAI's encoder.py and transformers use Python's.
const tricky = [
  '',
  'A picture of',
  'A photo of a',
  'Hello world',
  "I'm sure they'll say we've done what you'd want, isn't it? They're here.",
  "IT'S CAPS'LL'VE 'S ' 's",
  'a\n\nb',
  '  leading and trailing  ',
  'multiple     spaces\tand\ttabs\r\nwindows\r\n',
  '\n\n\n',
  ' ',
  '\t \t',
  'café naïve résumé Ångström façade',
  'Straße Ελληνικά русский язык עברית العربية हिन्दी',
  '日本語のテキスト 中文文本 한국어 텍스트',
  '🙂 👍🏽 👨‍👩‍👧 🇫🇷 ❤️',
  'e\u0301 combining and precomposed é',
  'numbers 123456 3.14159 1,000,000 ٣٤ ² Ⅻ',
  'punctuation!!! ??? ... --- "quotes" (parens) [brackets] {braces} <tags> a@b.com #hash $5 100%',
  'zero\u200bwidth\u00a0nbsp\u3000ideographic\u2028line',
  'tabs\tinside\twords and trailing tab\t',
  'The quick brown fox jumps over the lazy dog. THE QUICK BROWN FOX.',
  '\u0000\u0001\u007f control bytes',
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
];

describe('GPT-2 byte-level BPE on the real files', () => {
  test('has the 50,257 tokens and 50,000 merges of GPT-2', () => {
    assert.equal(tokenizer.vocabSize, 50257);
    assert.equal(tokenizer.tokenToId('<|endoftext|>'), 50256);
  });

  test('hand-checked token strings and ids', () => {
    const cases: [string, string[], number[]][] = [
      ['Hello world', ['Hello', 'Ġworld'], [15496, 995]],
      [' the', ['Ġthe'], [262]],
      ['A picture of', ['A', 'Ġpicture', 'Ġof'], [32, 4286, 286]],
      ["I'm sure they'll say don't", ['I', "'m", 'Ġsure', 'Ġthey', "'ll", 'Ġsay', 'Ġdon', "'t"], [40, 1101, 1654, 484, 1183, 910, 836, 470]],
      // Contractions are lower case only: "'S" is punctuation then a letter.
      ["IT'S", ['IT', "'", 'S'], [2043, 6, 50]],
      // "\n\n" before a word: the whitespace run leaves its last character to the next match.
      ['a\n\nb', ['a', 'Ċ', 'Ċ', 'b'], [64, 198, 198, 65]],
      ['  x  ', ['Ġ', 'Ġx', 'Ġ', 'Ġ'], [220, 2124, 220, 220]],
      ['\tindent', ['ĉ', 'ind', 'ent'], [197, 521, 298]],
      ['café naïve', ['c', 'af', 'Ã©', 'ĠnaÃ¯ve'], [66, 1878, 2634, 41492]],
      ['🙂', ['ðŁ', 'ĻĤ'], [8582, 25081]],
      ['123456 3.14', ['123', '456', 'Ġ3', '.', '14'], [10163, 29228, 513, 13, 1415]],
      ['hi<|endoftext|>there', ['hi', '<|endoftext|>', 'there'], [5303, 50256, 8117]],
    ];
    for (const [text, tokens, ids] of cases) {
      assert.deepEqual(tokenizer.encode(text), { ids, tokens }, JSON.stringify(text));
    }
  });

  test('equals the reference encoder and round-trips on tricky strings', () => {
    for (const text of tricky) {
      const { ids } = tokenizer.encode(text);
      assert.deepEqual(ids, referenceEncoder.encode(text), JSON.stringify(text));
      assert.equal(tokenizer.decode(ids), text, JSON.stringify(text));
    }
  });

  test('equals the reference encoder and round-trips on 3,000 random strings', () => {
    const pieces = [...'abcXYZ019', ' ', ' ', '  ', '\n', '\t', '\r', "'", "'s", "'ll", ',', '.', '!', '?', '-', 'é', 'ß', '日', '語', '한', '🙂', '👍🏽', '\u00a0', '\u3000', '٣', '²', '\u0301', 'ж', '\u200b', '€', '<', '|', 'the', ' the', 'ing'];
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const length = 1 + Math.floor(random() * 24);
      for (let j = 0; j < length; j++) text += pieces[Math.floor(random() * pieces.length)];
      const { ids } = tokenizer.encode(text);
      assert.deepEqual(ids, referenceEncoder.encode(text), JSON.stringify(text));
      assert.equal(tokenizer.decode(ids), text, JSON.stringify(text));
    }
  });

  test('token strings are the vocabulary entries of the ids', () => {
    const { ids, tokens } = tokenizer.encode(tricky.join(' '));
    assert.deepEqual(tokens, ids.map((id) => tokenizer.idToToken(id)));
  });

  test('special tokens can be left unmatched', () => {
    assert.deepEqual(tokenizer.encode('<|endoftext|>', { splitSpecialTokens: false }).ids, referenceEncoder.encode('<|endoftext|>'));
  });
});
