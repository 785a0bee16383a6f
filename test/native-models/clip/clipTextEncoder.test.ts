// Specification: words are embedded by running the text model on their `input_ids` through the runtime —
// each distinct word once, in batches — and each embedding is the model's `text_embeds` row for that word;
// embeddings are cached (LRU), so words seen before cost no run. A model without `text_embeds` is refused
// by name. The generated model (clipFixtures.ts) computes Σₜ (t + 1) · table[idₜ], which the test predicts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ClipTextEncoder, ClipTextEncoderCache, openClipTextEncoder } from '../../../native-models/clip/clipTextEncoder.ts';
import { ClipTokenizer } from '../../../native-models/clip/clipTokenizer.ts';
import { GraphBuilder } from '../../../native-models/onnx/graphBuilder.ts';
import { ModelRuntime } from '../../../native-models/runtime/modelRuntime.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeTextEmbedding, writeClipTextModel, writeClipVocabulary, TEXT_WIDTH } from './clipFixtures.ts';

const merges = [['e', 'x'], ['i', 't</w>'], ['ex', 'it</w>']] as const;

describe('ClipTextEncoder on a generated text model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clip-text-'));
  const runtime = new ModelRuntime({ provider: 'cpu', intraOpThreads: 1, warmUp: false });
  let files: { model: string; vocab: string; merges: string };
  let tokenizer: ClipTokenizer;
  before(async () => {
    const vocabulary = writeClipVocabulary(dir, merges);
    tokenizer = ClipTokenizer.fromFiles(vocabulary.vocabJson, vocabulary.mergesTxt);
    files = { model: writeClipTextModel(dir, vocabulary.ids.size), vocab: vocabulary.vocab, merges: vocabulary.merges };
  });
  after(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('each distinct word\'s embedding is the model\'s row for its input_ids', async () => {
    const encoder = await openClipTextEncoder(runtime, files);
    const words = ['exit', 'café', 'exit', 'EXIT', 'x'];
    const embeddings = await encoder.embed(words);
    assert.deepEqual([...embeddings.keys()], ['exit', 'café', 'EXIT', 'x']);
    for (const [word, embedding] of embeddings) {
      assert.equal(embedding.length, TEXT_WIDTH);
      assert.deepEqual(embedding, fakeTextEmbedding(tokenizer.inputIds(word)), word);
    }
    assert.deepEqual(embeddings.get('EXIT'), embeddings.get('exit'), 'the tokenizer lower-cases');
    assert.notDeepEqual(embeddings.get('exit'), embeddings.get('x'));
    assert.equal(encoder.modelRuns, 1, 'one batch');
  });

  test('batches of batchSize; cached words cost no run; an evicted word runs again', async () => {
    const encoder = await openClipTextEncoder(runtime, files, { batchSize: 2, cacheSize: 3 });
    await encoder.embed(['a', 'b', 'c']);
    assert.equal(encoder.modelRuns, 2, '3 words in batches of 2');
    const again = await encoder.embed(['c', 'b', 'a']);
    assert.equal(encoder.modelRuns, 2, 'all cached');
    assert.deepEqual(again.get('a'), fakeTextEmbedding(tokenizer.inputIds('a')));
    await encoder.embed(['d']);
    assert.equal(encoder.modelRuns, 3);
    await encoder.embed(['a', 'b', 'd']);
    assert.equal(encoder.modelRuns, 3, 'c, read least recently, made room for d; the others stayed');
    await encoder.embed(['c']);
    assert.equal(encoder.modelRuns, 4, 'c was evicted');
    assert.equal((await encoder.embed([])).size, 0);
    assert.equal(encoder.modelRuns, 4);
  });

  test('a model without text_embeds is refused by name', async () => {
    const g = new GraphBuilder('not-clip');
    const ids = g.input('input_ids', 'int64', ['batch', 77]);
    g.output(g.op('Cast', [ids], { to: 1 }), 'last_hidden_state', 'float32', ['batch', 77]);
    const path = join(dir, 'not-clip.onnx');
    writeFileSync(path, g.toBytes(18));
    const encoder = new ClipTextEncoder(runtime, path, tokenizer);
    await assert.rejects(encoder.embed(['exit']), /text_embeds/);
  });

  test('the encoder cache keeps one encoder per runner and files (its embeddings stay warm)', async () => {
    const cache = new ClipTextEncoderCache();
    const first = await cache.get(runtime, files);
    assert.equal(await cache.get(runtime, { ...files }), first);
    const other = new ModelRuntime({ provider: 'cpu', intraOpThreads: 1, warmUp: false });
    try {
      assert.notEqual(await cache.get(other, files), first);
    } finally {
      await other.close();
    }
    await assert.rejects(cache.get(runtime, { ...files, vocab: join(dir, 'missing.json') }), /ENOENT/);
    assert.notEqual(await cache.get(runtime, files), first, 'a failed open is not kept, the next opens afresh');
  });
});
