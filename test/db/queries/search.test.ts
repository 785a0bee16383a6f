// Specification of full-text search: caption text, OCR text and tag names are indexed by triggers, so
// whatever writes them, search stays current.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../../db/open.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('full-text index', () => {
  test('follows captions, OCR outputs and tags as they are written, edited and deleted', (t) => {
    const db = openDatabase(join(tempDir(t), 'library.db'));
    t.after(() => db.close());
    db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, '/p', 1)`).run();
    db.prepare(`INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, status, added_at, updated_at)
      VALUES (1, 1, '/p/a.jpg', '', 'a.jpg', 'h1', 1, 1, 'ok', 1, 1)`).run();
    const caption = db.prepare(`INSERT INTO captions (image_id, text, source, status, created_at) VALUES (1, 'A red bicycle near the café', 'ai', 'candidate', 1)`).run();
    const captionHits = (q: string) => db.prepare(`SELECT rowid FROM caption_fts WHERE caption_fts MATCH ?`).all(q).length;
    assert.equal(captionHits('bicycle'), 1);
    assert.equal(captionHits('cafe'), 1, 'diacritics are folded');
    db.prepare(`UPDATE captions SET text = 'A blue scooter' WHERE id = ?`).run(caption.lastInsertRowid);
    assert.equal(captionHits('bicycle'), 0);
    assert.equal(captionHits('scooter'), 1);
    db.prepare(`DELETE FROM captions WHERE id = ?`).run(caption.lastInsertRowid);
    assert.equal(captionHits('scooter'), 0);

    db.prepare(`INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, text, created_at) VALUES ('h1', 'ocr', 'ppocr', 'v4', 'OPEN 24 HOURS', 1)`).run();
    assert.equal(db.prepare(`SELECT rowid FROM ocr_fts WHERE ocr_fts MATCH 'hours'`).all().length, 1);

    db.prepare(`INSERT INTO tags (name) VALUES ('Street photography')`).run();
    assert.equal(db.prepare(`SELECT rowid FROM tag_fts WHERE tag_fts MATCH 'street'`).all().length, 1);
  });

  test('deleting an image removes its captions, VQA and tags with it', (t) => {
    const db = openDatabase(join(tempDir(t), 'library.db'));
    t.after(() => db.close());
    db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, '/p', 1)`).run();
    db.prepare(`INSERT INTO images (id, folder_id, path, rel_dir, file_name, size, mtime_ms, status, added_at, updated_at) VALUES (1, 1, '/p/a.jpg', '', 'a.jpg', 1, 1, 'ok', 1, 1)`).run();
    db.prepare(`INSERT INTO captions (image_id, text, source, status, created_at) VALUES (1, 'x', 'human', 'accepted', 1)`).run();
    db.prepare(`INSERT INTO vqa (image_id, question, answer, mode, created_at) VALUES (1, 'q', 'a', 'generate', 1)`).run();
    db.prepare(`INSERT INTO tags (id, name) VALUES (1, 'cat')`).run();
    db.prepare(`INSERT INTO image_tags (image_id, tag_id, source, created_at) VALUES (1, 1, 'human', 1)`).run();
    db.prepare(`DELETE FROM folders WHERE id = 1`).run();
    for (const table of ['images', 'captions', 'vqa', 'image_tags']) {
      assert.equal((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, 0, table);
    }
  });
});
