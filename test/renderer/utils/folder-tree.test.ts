import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFolderTree } from '../../../renderer/src/lib/utils/folder-tree.ts';

test('relDir counts become a tree whose nodes count everything below them', () => {
  const tree = buildFolderTree([
    { relDir: '', count: 5 },
    { relDir: 'trips/alps', count: 3 },
    { relDir: 'trips/coast', count: 2 },
    { relDir: 'trips', count: 1 },
    { relDir: 'family', count: 4 },
    { relDir: 'a/b/c', count: 7 },
  ]);
  assert.deepEqual(
    tree.map((n) => [n.name, n.count]),
    [
      ['a', 7],
      ['family', 4],
      ['trips', 6],
    ],
  );
  const trips = tree.find((n) => n.name === 'trips')!;
  assert.deepEqual(
    trips.children.map((n) => [n.relDir, n.count]),
    [
      ['trips/alps', 3],
      ['trips/coast', 2],
    ],
  );
  const c = tree[0]!.children[0]!.children[0]!;
  assert.equal(c.relDir, 'a/b/c');
  assert.equal(tree[0]!.children[0]!.count, 7);
});

test('names sort naturally', () => {
  const tree = buildFolderTree([
    { relDir: 'img10', count: 1 },
    { relDir: 'img2', count: 1 },
  ]);
  assert.deepEqual(
    tree.map((n) => n.name),
    ['img2', 'img10'],
  );
});
