// A saved view resolves to its images in the view's order, for batch jobs and exports; an unknown view
// and a view whose stored query no longer parses are refused by name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveScope } from '../../../../electron/services/captions/imageScope.ts';
import { savedViewImageIds } from '../../../../electron/services/library/savedViewImages.ts';
import { testStudio } from '../../../helpers/studio.ts';

test('a saved view gives its image ids, and a caption job scope follows it', (t) => {
  const studio = testStudio(t);
  const folder = studio.db.prepare(`INSERT INTO folders (path, added_at) VALUES ('/p', 0) RETURNING id`).get() as { id: number };
  const add = (name: string) =>
    Number(
      studio.db
        .prepare(`INSERT INTO images (folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, status, added_at, updated_at) VALUES (?, ?, '', ?, ?, 1, 1, 'ok', 0, 0)`)
        .run(folder.id, `/p/${name}`, name, `h-${name}`).lastInsertRowid,
    );
  const [a, b, c] = [add('a.jpg'), add('b.jpg'), add('c.jpg')];
  studio.review.edit({ imageId: b }, 'a caption someone accepted');
  const view = studio.search.saveView('Needs captions', { reviewStatus: ['none'], sort: 'name', descending: true });
  assert.deepEqual(savedViewImageIds(studio.db, studio.search, view.id), [c, a]);
  assert.deepEqual(resolveScope(studio.db, { viewId: view.id }, (id) => savedViewImageIds(studio.db, studio.search, id)).map((i) => i.id), [c, a]);

  assert.throws(() => savedViewImageIds(studio.db, studio.search, 999), /no saved view 999/);
  studio.db.prepare(`UPDATE saved_views SET query_json = '{"sort":"colour"}' WHERE id = ?`).run(view.id);
  assert.throws(() => savedViewImageIds(studio.db, studio.search, view.id), /"Needs captions" cannot be used/);
});
