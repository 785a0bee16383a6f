// Specification of writing imported captions: accepted when the image has no accepted caption, a candidate
// otherwise, nothing when the image already has that text in any version; provenance kept; the image's
// review status follows (migration 30's triggers).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../../db/open.ts';
import { importCandidatePage, insertImportedCaption } from '../../../db/queries/captionImport.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('caption import queries', () => {
  test('accepted, then candidate, then already present', (t) => {
    const db = openDatabase(join(tempDir(t), 'library.db'));
    t.after(() => db.close());
    db.prepare("INSERT INTO folders (id, path, added_at) VALUES (1, '/lib', 0)").run();
    const insertImage = db.prepare("INSERT INTO images (folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, status, added_at, updated_at) VALUES (1, ?, '', ?, 'abc', 1, 0, ?, 0, 0)");
    const id = Number(insertImage.run('/lib/a.jpg', 'a.jpg', 'ok').lastInsertRowid);
    insertImage.run('/lib/gone.jpg', 'gone.jpg', 'missing');
    insertImage.run('/lib2/b.jpg', 'b.jpg', 'ok');
    const sidecar = { imageId: id, sidecarPath: '/lib/a.txt', sidecarFormat: 'txt' as const, createdAt: 5 };

    const first = insertImportedCaption(db, { ...sidecar, text: 'one' });
    assert.equal(first.outcome, 'accepted');
    assert.equal(db.prepare('SELECT review_status FROM images WHERE id = ?').pluck().get(id), 'accepted');
    assert.deepEqual(insertImportedCaption(db, { ...sidecar, text: 'two' }).outcome, 'candidate');
    assert.deepEqual(insertImportedCaption(db, { ...sidecar, text: 'one' }), { outcome: 'already-present', captionId: first.captionId });
    const rows = db.prepare('SELECT text, source, status, content_hash, decoding_json FROM captions ORDER BY id').all();
    assert.deepEqual(rows, [
      { text: 'one', source: 'imported', status: 'accepted', content_hash: 'abc', decoding_json: '{"importedFrom":"/lib/a.txt","format":"txt"}' },
      { text: 'two', source: 'imported', status: 'candidate', content_hash: 'abc', decoding_json: '{"importedFrom":"/lib/a.txt","format":"txt"}' },
    ]);
    assert.deepEqual(importCandidatePage(db, '/lib/', 0, 10), [{ imageId: id, path: '/lib/a.jpg', fileName: 'a.jpg' }], 'missing files and other folders are left out');
  });
});
