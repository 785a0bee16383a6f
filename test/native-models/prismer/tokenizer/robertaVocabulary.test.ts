// RoBERTa's id map and special tokens on a hand-made vocab.json/merges.txt (specials at 0–3, `<mask>`
// last), the tokenizer.json loader giving the same tokenizer, reading a tokenizer folder, and the
// RoBERTa-shaped vocabulary built from the real GPT-2 files.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ByteLevelBpeTokenizer, cleanUpTokenization } from '../../../../native-models/prismer/tokenizer/byteLevelBpeTokenizer.ts';
import {
  parseMergesTxt,
  readVocabulary,
  vocabularyFromFiles,
  vocabularyFromTokenizerJson,
} from '../../../../native-models/prismer/tokenizer/vocabularyFiles.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { gpt2Tokenizer, writeRobertaShapedFiles } from './gpt2Files.ts';

const symbols = ['A', 'a', 'c', 'e', 'f', 'i', 'o', 'p', 'r', 't', 'u', 'Ġ', 'Ã', '©', 'Ċ', '.'];
const mergeList: [string, string][] = [
  ['Ġ', 'p'],
  ['i', 'c'],
  ['Ġp', 'ic'],
  ['t', 'u'],
  ['r', 'e'],
  ['tu', 're'],
  ['Ġpic', 'ture'],
  ['o', 'f'],
  ['Ġ', 'of'],
  ['Ġ', 'a'],
  ['c', 'a'],
  ['ca', 't'],
  ['Ġ', 'cat'],
];
const vocabObject: Record<string, number> = { '<s>': 0, '<pad>': 1, '</s>': 2, '<unk>': 3 };
for (const token of [...symbols, ...mergeList.map(([a, b]) => a + b)]) vocabObject[token] = Object.keys(vocabObject).length;
const maskId = Object.keys(vocabObject).length;
vocabObject['<mask>'] = maskId;
const vocabJson = JSON.stringify(vocabObject);
const mergesTxt = `#version: 0.2\n${mergeList.map((m) => m.join(' ')).join('\n')}\n`;

const tokenizerJson = (merges: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    version: '1.0',
    added_tokens: [
      { id: 0, content: '<s>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
      { id: 1, content: '<pad>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
      { id: 2, content: '</s>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
      { id: 3, content: '<unk>', single_word: false, lstrip: false, rstrip: false, normalized: true, special: true },
      { id: maskId, content: '<mask>', single_word: false, lstrip: true, rstrip: false, normalized: false, special: true },
    ],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: false },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: '<unk>', continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, vocab: vocabObject, merges },
    ...extra,
  });

const fromFiles = new ByteLevelBpeTokenizer(vocabularyFromFiles(vocabJson, mergesTxt));
const samples = ['<s>A picture of a cat</s>', 'A <mask> of a cat', 'a picture\n\nof  cat ', 'é', 'zebra', '<pad><pad>', ' <mask><mask> ', '<s></s>'];

describe('RoBERTa vocabulary from vocab.json + merges.txt', () => {
  test('parses merges.txt: the #version header and blank lines are skipped, CRLF accepted', () => {
    assert.deepEqual(parseMergesTxt('#version: 0.2\r\nĠ t\r\nh e\r\n\r\n'), [['Ġ', 't'], ['h', 'e']]);
    assert.throws(() => parseMergesTxt('#version: 0.2\nabc\n'), /line 2/);
  });

  test('keeps the ids of vocab.json: specials at 0–3, <mask> last', () => {
    assert.equal(fromFiles.vocabSize, maskId + 1);
    assert.deepEqual(['<s>', '<pad>', '</s>', '<unk>', '<mask>'].map((t) => fromFiles.tokenToId(t)), [0, 1, 2, 3, maskId]);
    assert.deepEqual([0, 1, 2, 3, maskId].map((id) => fromFiles.isSpecialId(id)), [true, true, true, true, true]);
    assert.equal(fromFiles.isSpecialId(4), false);
  });

  test('matches special tokens in the text before splitting', () => {
    const { ids, tokens } = fromFiles.encode('<s>A picture of a cat</s>');
    assert.deepEqual(tokens, ['<s>', 'A', 'Ġpicture', 'Ġof', 'Ġa', 'Ġcat', '</s>']);
    assert.deepEqual(ids, tokens.map((t) => vocabObject[t]));
    assert.deepEqual(fromFiles.encode('<s>A', { splitSpecialTokens: false }).tokens, ['<unk>', '<unk>', '<unk>', 'A']); // '<', 's', '>' are not in this vocabulary
  });

  test('<mask> eats the whitespace on its left (lstrip), the others eat none', () => {
    assert.deepEqual(fromFiles.encode('A \t <mask> of').tokens, ['A', '<mask>', 'Ġof']);
    assert.deepEqual(fromFiles.encode('A </s> of').tokens, ['A', 'Ġ', '</s>', 'Ġof']);
  });

  test('symbols missing from the vocabulary become <unk>', () => {
    assert.deepEqual(fromFiles.encode('zebra'), { ids: [3, vocabObject.e!, 3, vocabObject.r!, vocabObject.a!], tokens: ['<unk>', 'e', '<unk>', 'r', 'a'] });
    const noUnknown = new ByteLevelBpeTokenizer({ ...vocabularyFromFiles(vocabJson, mergesTxt), unkToken: null });
    assert.throws(() => noUnknown.encode('z'), /not in the vocabulary/);
  });

  test('decodes exactly, skipping special tokens on request; unknown ids throw', () => {
    const { ids } = fromFiles.encode('<s>A picture of a cat</s>');
    assert.equal(fromFiles.decode(ids), '<s>A picture of a cat</s>');
    assert.equal(fromFiles.decode(ids, { skipSpecialTokens: true }), 'A picture of a cat');
    assert.equal(fromFiles.decode([vocabObject.Ã!]), '\ufffd');
    assert.equal(fromFiles.decode([vocabObject.Ã!, vocabObject['©']!]), 'é');
    assert.throws(() => fromFiles.decode([maskId + 1]), RangeError);
  });

  test('special tokens missing from vocab.json get the next ids, in the declared order', () => {
    const vocabulary = vocabularyFromFiles(JSON.stringify({ a: 0, b: 1 }), '#version: 0.2\n');
    assert.deepEqual(
      vocabulary.addedTokens.map((t) => [t.content, t.id]),
      [['<s>', 2], ['</s>', 3], ['<unk>', 4], ['<pad>', 5], ['<mask>', 6]],
    );
  });
});

describe('tokenizer.json', () => {
  test('merges as "a b" strings or as pairs give the tokenizer of vocab.json + merges.txt', () => {
    for (const merges of [mergeList.map((m) => m.join(' ')), mergeList]) {
      const fromJson = new ByteLevelBpeTokenizer(vocabularyFromTokenizerJson(tokenizerJson(merges)));
      assert.equal(fromJson.vocabSize, fromFiles.vocabSize);
      for (const text of samples) {
        assert.deepEqual(fromJson.encode(text), fromFiles.encode(text), text);
        const { ids } = fromFiles.encode(text);
        assert.equal(fromJson.decode(ids, { skipSpecialTokens: true }), fromFiles.decode(ids, { skipSpecialTokens: true }));
      }
    }
  });

  test('refuses what would tokenise differently from the byte level', () => {
    const merges = mergeList.map((m) => m.join(' '));
    assert.throws(() => vocabularyFromTokenizerJson(tokenizerJson(merges, { normalizer: { type: 'Lowercase' } })), /normalizer/);
    assert.throws(() => vocabularyFromTokenizerJson(tokenizerJson(merges, { pre_tokenizer: { type: 'ByteLevel', add_prefix_space: true } })), /pre-tokenizer/);
    assert.throws(() => vocabularyFromTokenizerJson(JSON.stringify({ model: { type: 'WordPiece', vocab: {} } })), /BPE/);
  });
});

describe('reading a tokenizer folder', () => {
  test('prefers vocab.json + merges.txt, else reads tokenizer.json', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'tokenizer.json'), tokenizerJson(mergeList));
    const fromJson = await ByteLevelBpeTokenizer.fromDirectory(dir);
    assert.deepEqual(fromJson.encode(samples[0]!), fromFiles.encode(samples[0]!));
    writeFileSync(join(dir, 'vocab.json'), vocabJson);
    writeFileSync(join(dir, 'merges.txt'), mergesTxt);
    assert.equal((await readVocabulary(dir)).merges.length, mergeList.length);
    await assert.rejects(readVocabulary(join(dir, 'missing')), /no tokenizer files/);
  });

  test('a RoBERTa-shaped folder from the real GPT-2 files: 50,265 ids, GPT-2 ids shifted by 4, <mask> = 50264', async (t) => {
    const dir = tempDir(t);
    writeRobertaShapedFiles(dir);
    const roberta = await ByteLevelBpeTokenizer.fromDirectory(dir);
    assert.equal(roberta.vocabSize, 50265);
    assert.equal(roberta.tokenToId('<mask>'), 50264);
    const text = "<s>A picture of two dogs playing in the snow, isn't it? 🙂</s>";
    const encoded = roberta.encode(text);
    const inner = gpt2Tokenizer().encode(text.slice(3, -4));
    assert.deepEqual(encoded.tokens, ['<s>', ...inner.tokens, '</s>']);
    assert.deepEqual(encoded.ids, [0, ...inner.ids.map((id) => id + 4), 2]);
    assert.equal(roberta.decode(encoded.ids, { skipSpecialTokens: true }), text.slice(3, -4));
  });
});

describe('cleanUpTokenization', () => {
  test("is transformers' clean_up_tokenization", () => {
    assert.equal(cleanUpTokenization("a dog . is it ? yes ! a , b do n't I 'm it 's we 've they 're a ' b"), "a dog. is it? yes! a, b don't I'm it's we've they're a'b");
    assert.equal(
      fromFiles.decode(fromFiles.encode('a cat .').ids, { cleanUpTokenizationSpaces: true }),
      'a cat.',
    );
  });
});
