// Specification: CLIP's BPE on a small vocabulary built like the real one — byte characters with `</w>` on
// a piece's last symbol, merges by rank (the later rank where a pair repeats, only the first 48,894),
// `<|startoftext|>` … `<|endoftext|>` around the tokens, cut to 77 with the end token kept, padded with
// `<|endoftext|>`. Single-character ids equal the real vocabulary's ('!' 0, 'a' 64, 'a</w>' 320).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CLIP_CONTEXT_LENGTH, CLIP_MERGE_COUNT, ClipTokenizer, readClipTokenizer } from '../../../native-models/clip/clipTokenizer.ts';
import { parseVocabJson } from '../../../native-models/prismer/tokenizer/vocabularyFiles.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { clipVocabularyFiles, writeClipVocabulary } from './clipFixtures.ts';

const merges = [
  ['h', 'e'],
  ['l', 'l'],
  ['he', 'll'],
  ['hell', 'o</w>'],
  ['b', 'c</w>'],
  ['a', 'b'],
  ['x', 'y'],
  ['y', 'z</w>'],
  ['x', 'y'],
] as const;

const files = clipVocabularyFiles(merges);
const tokenizer = ClipTokenizer.fromFiles(files.vocabJson, files.mergesTxt);
const id = (token: string) => files.ids.get(token)!;

describe('ClipTokenizer', () => {
  test('the vocabulary built like the real one gives the real single-character ids', () => {
    assert.equal(id('!'), 0);
    assert.equal(id('a'), 64);
    assert.deepEqual(tokenizer.encode('!'), [256]);
    assert.deepEqual(tokenizer.encode('a'), [320]);
    assert.equal(tokenizer.startId, id('<|startoftext|>'));
    assert.equal(tokenizer.endId, id('<|endoftext|>'));
    assert.equal(tokenizer.padId, tokenizer.endId, 'the Hub tokenizer pads with <|endoftext|>');
  });

  test('a piece\'s last symbol carries </w>, and merges apply lowest rank first until none applies', () => {
    assert.deepEqual(tokenizer.tokenize('hello'), ['hello</w>']);
    assert.deepEqual(tokenizer.tokenize('hell'), ['he', 'l', 'l</w>'], "'l l</w>' is not a merge, so 'll' never forms at the end");
    // (b, c</w>) ranks before (a, b): 'bc</w>' forms first and 'ab' never can.
    assert.deepEqual(tokenizer.tokenize('abc'), ['a', 'bc</w>']);
    // 'ab' alone ends in 'b</w>', and (a, b</w>) is not a merge.
    assert.deepEqual(tokenizer.tokenize('ab'), ['a', 'b</w>']);
  });

  test('a pair listed twice takes its later rank, as a Python dict built from the list does', () => {
    // (x, y) at ranks 6 and 8, (y, z</w>) at 7: with rank 8, 'yz</w>' forms first.
    assert.deepEqual(tokenizer.tokenize('xyz'), ['x', 'yz</w>']);
  });

  test('only the first 48,894 merges count', () => {
    const filler = Array.from({ length: CLIP_MERGE_COUNT - 1 }, (_, i) => [`p${i}`, 'q'] as const);
    const vocab = parseVocabJson(clipVocabularyFiles([]).vocabJson);
    const limited = new ClipTokenizer(vocab, [...filler, ['z', 'z</w>'], ['q', 'q</w>']]);
    assert.deepEqual(limited.tokenize('zz'), ['zz</w>'], 'the last merge kept');
    assert.deepEqual(limited.tokenize('qq'), ['q', 'q</w>'], 'the first merge dropped');
  });

  test('each piece is BPE\'d on its UTF-8 bytes through GPT-2\'s byte table', () => {
    // é = C3 A9 → 'Ã' '©'; the soft hyphen U+00AD = C2 AD, and AD is not printable: it shows as 'Ń' (U+0143).
    assert.deepEqual(tokenizer.tokenize('é'), ['Ã', '©</w>']);
    assert.deepEqual(tokenizer.tokenize('\u00ad'), ['Â', 'Ń</w>']);
    assert.deepEqual(tokenizer.encode('é'), [id('Ã'), id('©</w>')]);
  });

  test('text is lower-cased and pieces split before BPE: every piece ends its own word', () => {
    assert.deepEqual(tokenizer.tokenize('HELLO  hello!'), ['hello</w>', 'hello</w>', '!</w>']);
    assert.deepEqual(tokenizer.tokenize('42'), ['4</w>', '2</w>']);
  });

  test('special tokens written in the text become their ids', () => {
    assert.deepEqual(tokenizer.encode('a <|endoftext|>'), [320, tokenizer.endId]);
  });

  test('inputIds: start, tokens, end, then <|endoftext|> up to 77', () => {
    const ids = tokenizer.inputIds('Hello abc');
    assert.equal(ids.length, CLIP_CONTEXT_LENGTH);
    assert.deepEqual(ids.slice(0, 5), [tokenizer.startId, id('hello</w>'), id('a'), id('bc</w>'), tokenizer.endId]);
    assert.ok(ids.slice(5).every((x) => x === tokenizer.padId));
    assert.deepEqual(tokenizer.inputIds(''), [tokenizer.startId, ...new Array(76).fill(tokenizer.endId)]);
  });

  test('inputIds: too long a text is cut to 77 with the end token kept last', () => {
    const exactly = tokenizer.inputIds(new Array(75).fill('a').join(' '));
    assert.deepEqual(exactly, [tokenizer.startId, ...new Array(75).fill(320), tokenizer.endId]);
    const long = tokenizer.inputIds(new Array(100).fill('a').join(' '));
    assert.deepEqual(long, exactly);
    assert.deepEqual(tokenizer.inputIds('a a a', 4), [tokenizer.startId, 320, 320, tokenizer.endId]);
    assert.throws(() => tokenizer.inputIds('a', 1), RangeError);
  });

  test('batchInputIds: one int64 row per text, row-major', () => {
    const batch = tokenizer.batchInputIds(['hello', 'a']);
    assert.equal(batch.length, 2 * CLIP_CONTEXT_LENGTH);
    assert.deepEqual([...batch.slice(0, 3)].map(Number), [tokenizer.startId, id('hello</w>'), tokenizer.endId]);
    assert.deepEqual([...batch.slice(CLIP_CONTEXT_LENGTH, CLIP_CONTEXT_LENGTH + 3)].map(Number), [tokenizer.startId, 320, tokenizer.endId]);
  });

  test('files that do not belong together are refused by name', () => {
    const noSpecials = JSON.stringify({ a: 0 });
    assert.throws(() => ClipTokenizer.fromFiles(noSpecials, '#version: 0.2\n'), /no <\|startoftext\|> token/);
    const partial = JSON.stringify({ '<|startoftext|>': 0, '<|endoftext|>': 1, 'a</w>': 2 });
    assert.throws(() => ClipTokenizer.fromFiles(partial, '#version: 0.2\n').encode('b'), /no token "b<\/w>".*do not belong together/);
  });

  test('readClipTokenizer reads vocab.json and merges.txt from disk', async (t) => {
    const written = writeClipVocabulary(tempDir(t), merges);
    const read = await readClipTokenizer(written.vocab, written.merges);
    assert.deepEqual(read.inputIds('Hello xyz'), tokenizer.inputIds('Hello xyz'));
  });
});

describe('ClipTokenizer against ids of the real CLIP vocabulary', () => {
  // Token → id facts of the real CLIP vocabulary (shared by every OpenAI CLIP model), as Hugging Face's
  // CLIP tokenizer gives them. The vocabulary here holds the 512 byte tokens (built as the real one, so
  // their ids are real), these tokens at their real ids and the special tokens at 49406/49407; the real
  // merge ranks are not available offline, so the merges are made up to form exactly these tokens. What is
  // checked: clean-up, splitting, byte mapping, `</w>`, id lookup and the start/end ids on a tricky text.
  const realIds: Readonly<Record<string, number>> = {
    'hey</w>': 2189, 'you</w>': 592, 'the</w>': 518, 'string</w>': 9696, 'was</w>': 739, 'doing</w>': 1960,
    'fal': 2778, 'Ã©</w>': 4166, 'çĶŁ': 33375, 'çľŁ': 41570, 'æĺ': 42891, 'à¸': 1777, 'à¸µ</w>': 20278,
  };
  const symbolsOf = (token: string) => {
    const end = token.endsWith('</w>');
    const chars = Array.from(end ? token.slice(0, -4) : token);
    if (end) chars[chars.length - 1] += '</w>';
    return chars;
  };
  const madeUpMerges = Object.keys(realIds).flatMap((token) => {
    const symbols = symbolsOf(token);
    return symbols.slice(1).map((symbol, i) => [symbols.slice(0, i + 1).join(''), symbol] as const);
  });
  const bytes = parseVocabJson(clipVocabularyFiles([]).vocabJson);
  const vocab = new Map([...bytes].filter(([token]) => !token.startsWith('<|')));
  for (const [token, id] of Object.entries(realIds)) vocab.set(token, id);
  vocab.set('<|startoftext|>', 49406);
  vocab.set('<|endoftext|>', 49407);
  const real = new ClipTokenizer(vocab, madeUpMerges);

  test('byte tokens have their real ids: digits, punctuation, UTF-8 bytes of CJK and Thai, with and without </w>', () => {
    const facts: [string, number][] = [['s', 82], ['s</w>', 338], [',</w>', 267], ['.</w>', 269], [':</w>', 281], ['<</w>', 283], ['></w>', 285],
      ['0</w>', 271], ['2</w>', 273], ['9</w>', 280], ['æ', 162], ['´', 112], ['»', 119], ['ç', 163], ['ļ', 248], ['Ħ', 226], ['è', 164], ['°', 108], ['Ľ', 249], ['¯</w>', 363], ['Ľ</w>', 505]];
    for (const [token, id] of facts) assert.equal(vocab.get(token), id, token);
  });

  test('a tricky text gives the real token ids', () => {
    const text = 'Hey  you,\nthe STRING <s> was falsé:\t2009 生活的真谛是 ปี doing.';
    assert.deepEqual(real.tokenize(text), [
      'hey</w>', 'you</w>', ',</w>', 'the</w>', 'string</w>', '<</w>', 's</w>', '></w>', 'was</w>', 'fal', 's', 'Ã©</w>', ':</w>', '2</w>', '0</w>', '0</w>', '9</w>',
      'çĶŁ', 'æ', '´', '»', 'ç', 'ļ', 'Ħ', 'çľŁ', 'è', '°', 'Ľ', 'æĺ', '¯</w>', 'à¸', 'Ľ</w>', 'à¸µ</w>', 'doing</w>', '.</w>',
    ]);
    assert.deepEqual(real.inputIds(text).slice(0, 37), [
      49406, 2189, 592, 267, 518, 9696, 283, 338, 285, 739, 2778, 82, 4166, 281, 273, 271, 271, 280,
      33375, 162, 112, 119, 163, 248, 226, 41570, 164, 108, 249, 42891, 363, 1777, 505, 20278, 1960, 269, 49407,
    ]);
    assert.ok(real.inputIds(text).slice(37).every((id) => id === 49407), 'padded with <|endoftext|> 49407');
  });
});
