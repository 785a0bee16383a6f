// The command palette finds commands by any words of their label or keywords, ignoring case and accents,
// label-prefix matches first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchCommands } from '../../../../renderer/src/lib/components/search/commandMatch.ts';

const entries = [
  { id: 'import', label: 'Import captions…', keywords: 'sidecar txt xmp' },
  { id: 'export', label: 'Export captions…', keywords: 'coco jsonl csv' },
  { id: 'view', label: 'Open view: Café photos' },
  { id: 'dups', label: 'Duplicate groups…', keywords: 'keep exclude' },
];

test('an empty query lists every command in order', () => {
  assert.deepEqual(matchCommands(entries, '  ').map((e) => e.id), ['import', 'export', 'view', 'dups']);
});

test('every word must match the label or the keywords', () => {
  assert.deepEqual(matchCommands(entries, 'captions').map((e) => e.id), ['import', 'export']);
  assert.deepEqual(matchCommands(entries, 'captions csv').map((e) => e.id), ['export']);
  assert.deepEqual(matchCommands(entries, 'exclude').map((e) => e.id), ['dups']);
  assert.deepEqual(matchCommands(entries, 'zebra'), []);
});

test('case and accents do not matter; a label starting with the word comes first', () => {
  assert.deepEqual(matchCommands(entries, 'CAFE').map((e) => e.id), ['view']);
  assert.deepEqual(matchCommands(entries, 'ex').map((e) => e.id), ['export', 'dups'], '"Export" starts with it; "exclude" is only a keyword');
});
