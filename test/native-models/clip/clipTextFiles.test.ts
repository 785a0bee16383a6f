// Specification: the CLIP text encoder's files are catalog entries (two text models, the tokenizer's
// vocab.json and merges.txt, MIT, unverified); they resolve only when a text model and both tokenizer files
// are installed, the full-precision model first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogEntry } from '../../../native-models/catalog/catalog.ts';
import { clipTextModelIds, clipTextNotInstalled, clipTokenizerIds, resolveClipTextFiles } from '../../../native-models/clip/clipTextFiles.ts';

const hubFile = (id: string): string | null => {
  const source = catalogEntry(id)?.source;
  return source && 'hub' in source ? source.hub.file : null;
};

test('every file id is a catalog entry of the clip_text task from the same Hub repository, MIT', () => {
  for (const id of [...clipTextModelIds, clipTokenizerIds.vocab, clipTokenizerIds.merges]) {
    const entry = catalogEntry(id);
    assert.ok(entry, id);
    assert.equal(entry.task, 'clip_text', id);
    assert.equal(entry.licence.name, 'MIT', id);
    assert.equal(entry.verified, false, id);
    assert.ok('hub' in entry.source && entry.source.hub.repo === 'Xenova/clip-vit-large-patch14', id);
  }
  assert.equal(hubFile(clipTokenizerIds.vocab), 'vocab.json');
  assert.equal(hubFile(clipTokenizerIds.merges), 'merges.txt');
  for (const id of clipTextModelIds) assert.deepEqual(catalogEntry(id)!.signature?.inputs.map((i) => [i.name, i.type, i.shape]), [['input_ids', 'int64', ['batch', 77]]]);
});

test('resolves only with a text model and both tokenizer files; prefers the full-precision model', () => {
  const installed = (ids: string[]) => (id: string) => (ids.includes(id) ? { path: `/models/${id}/file` } : null);
  const tokenizer = [clipTokenizerIds.vocab, clipTokenizerIds.merges];
  assert.deepEqual(resolveClipTextFiles(installed(['clip-text-vit-large-quantized', ...tokenizer])), {
    model: '/models/clip-text-vit-large-quantized/file',
    vocab: '/models/clip-text-vocab/file',
    merges: '/models/clip-text-merges/file',
  });
  assert.equal(resolveClipTextFiles(installed(['clip-text-vit-large-quantized', 'clip-text-vit-large', ...tokenizer]))?.model, '/models/clip-text-vit-large/file');
  assert.equal(resolveClipTextFiles(installed(['clip-text-vit-large-quantized', clipTokenizerIds.vocab])), null, 'merges missing');
  assert.equal(resolveClipTextFiles(installed(tokenizer)), null, 'no text model');
  for (const id of [...clipTextModelIds, ...tokenizer]) assert.ok(clipTextNotInstalled.includes(id), `the note names ${id}`);
});
