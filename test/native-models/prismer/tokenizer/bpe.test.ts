// BPE merging on a small merge table: lowest rank first wherever it is in the word, all occurrences of a
// pair merged left to right without overlap, unknown pairs left apart, results cached.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BytePairEncoder } from '../../../../native-models/prismer/tokenizer/bpe.ts';

describe('BytePairEncoder', () => {
  const bpe = new BytePairEncoder([
    ['l', 'o'],
    ['lo', 'w'],
    ['e', 'r'],
    ['low', 'er'],
    ['a', 'a'],
    ['Ġ', 'low'],
  ]);

  test('merges by rank, not by position', () => {
    assert.deepEqual(bpe.split('lower'), ['lower']);
    assert.deepEqual(bpe.split('slower'), ['s', 'lower']);
    assert.deepEqual(bpe.split('Ġlow'), ['Ġlow']);
    assert.deepEqual(bpe.split('Ġlower'), ['Ġ', 'lower']); // 'low'+'er' (rank 3) before 'Ġ'+'low' (rank 5)
    assert.deepEqual(bpe.split('Ġlows'), ['Ġlow', 's']);
  });

  test('merges every occurrence left to right without overlap', () => {
    assert.deepEqual(bpe.split('aaa'), ['aa', 'a']);
    assert.deepEqual(bpe.split('aaaa'), ['aa', 'aa']);
  });

  test('leaves pairs without a rank apart, and a single symbol as it is', () => {
    assert.deepEqual(bpe.split('xyz'), ['x', 'y', 'z']);
    assert.deepEqual(bpe.split('x'), ['x']);
    assert.deepEqual(bpe.split(''), []);
  });

  test('reports ranks; a repeated pair keeps its first rank', () => {
    const repeated = new BytePairEncoder([['a', 'b'], ['c', 'd'], ['a', 'b']]);
    assert.equal(repeated.rank('a', 'b'), 0);
    assert.equal(repeated.rank('c', 'd'), 1);
    assert.equal(repeated.rank('b', 'a'), undefined);
    assert.equal(repeated.mergeCount, 2);
  });

  test('caches words, and keeps answering once the cache is full', () => {
    const small = new BytePairEncoder([['l', 'o']], { cacheLimit: 2 });
    const first = small.split('lo');
    assert.equal(small.split('lo'), first);
    for (const word of ['la', 'lb', 'lc', 'lo']) small.split(word);
    assert.deepEqual(small.split('lo'), ['lo']);
  });
});
