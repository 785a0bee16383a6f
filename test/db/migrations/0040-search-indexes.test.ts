// Specification of migration 40: a library analysed before it existed gets its search fact tables and
// detection counts, per content and per image, filled from the stored expert outputs; later outputs and
// later imports keep them current.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../../db/open.ts';
import { migrations } from '../../../db/migrations/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('migration 40 (search indexes)', () => {
  test('fills class shares, depth numbers and detection counts from outputs stored before it, and follows new ones', (t) => {
    const file = join(tempDir(t), 'library.db');
    const old = openDatabase(file, { migrations: migrations.filter((m) => m.version < 40) });
    old.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, '/p', 1)`).run();
    old.prepare(`INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, status, added_at, updated_at) VALUES (1, 1, '/p/a', '', 'a', 'h1', 1, 1, 'ok', 1, 1)`).run();
    const insert = old.prepare(`INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, stats_json, created_at) VALUES ('h1', ?, 'm', '1', ?, 1)`);
    insert.run('seg', JSON.stringify({ labelSpace: 'ade150', classShares: [{ classId: 2, label: 'sky', share: 0.25 }, { classId: 4, label: 'tree', share: 0.75 }] }));
    insert.run('depth', JSON.stringify({ min: 0.5, max: 9, median: 3, normalisedMedian: 0.3 }));
    insert.run('det', JSON.stringify({ count: 4 }));
    old.close();

    const db = openDatabase(file);
    t.after(() => db.close());
    assert.deepEqual(db.prepare(`SELECT label, share FROM seg_class_shares ORDER BY label`).all(), [{ label: 'sky', share: 0.25 }, { label: 'tree', share: 0.75 }]);
    assert.deepEqual(db.prepare(`SELECT depth_min, depth_max, depth_median, depth_normalised FROM expert_numbers WHERE expert = 'depth'`).get(), { depth_min: 0.5, depth_max: 9, depth_median: 3, depth_normalised: 0.3 });
    assert.equal((db.prepare(`SELECT detection_count FROM images WHERE id = 1`).get() as { detection_count: number }).detection_count, 4);
    const facts = (imageId: number) => db.prepare(`SELECT expert, label, value FROM image_facts WHERE image_id = ? ORDER BY expert, label`).all(imageId);
    const expected = [
      { expert: 'depth', label: 'max', value: 9 },
      { expert: 'depth', label: 'median', value: 3 },
      { expert: 'depth', label: 'min', value: 0.5 },
      { expert: 'depth', label: 'normalisedMedian', value: 0.3 },
      { expert: 'seg', label: 'sky', value: 0.25 },
      { expert: 'seg', label: 'tree', value: 0.75 },
    ];
    assert.deepEqual(facts(1), expected, 'per-image facts filled from the stored outputs');
    db.prepare(`INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, status, added_at, updated_at) VALUES (2, 1, '/p/b', '', 'b', 'h1', 1, 1, 'ok', 1, 1)`).run();
    assert.deepEqual(facts(2), expected, 'a copy imported later gets the facts of its content');
    db.prepare(`UPDATE images SET content_hash = 'h2' WHERE id = 2`).run();
    assert.deepEqual(facts(2), [], 'and loses them when its content changes');

    db.prepare(`DELETE FROM expert_outputs WHERE expert = 'det'`).run();
    assert.equal((db.prepare(`SELECT detection_count FROM images WHERE id = 1`).get() as { detection_count: number | null }).detection_count, null);
    const det = db.prepare(`INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, stats_json, created_at) VALUES ('h1', 'det', 'm', '2', '{"count":2}', 2)`).run().lastInsertRowid;
    assert.equal((db.prepare(`SELECT detection_count FROM images WHERE id = 1`).get() as { detection_count: number }).detection_count, 2);
    db.prepare(`INSERT INTO detections (output_id, class_id, label, score, x0, y0, x1, y1) VALUES (?, 0, 'person', 0.9, 0, 0, 1, 1), (?, 0, 'person', 0.8, 0, 0, 1, 1)`).run(det, det);
    assert.deepEqual(db.prepare(`SELECT label, value FROM image_facts WHERE image_id = 1 AND expert = 'det'`).all(), [{ label: 'person', value: 2 }], 'boxes counted per class');
    db.prepare(`INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, stats_json, text, created_at) VALUES ('h1', 'ocr', 'm', '1', '{}', 'EXIT', 2)`).run();
    assert.deepEqual(db.prepare(`SELECT label, value FROM image_facts WHERE image_id = 1 AND expert = 'ocr'`).all(), [{ label: 'text', value: 1 }]);
    db.prepare(`DELETE FROM expert_outputs WHERE expert = 'seg'`).run();
    assert.equal((db.prepare(`SELECT count(*) AS n FROM seg_class_shares`).get() as { n: number }).n, 0);
    assert.equal((db.prepare(`SELECT count(*) AS n FROM image_facts WHERE expert = 'seg'`).get() as { n: number }).n, 0, 'deleting an output deletes its facts');
  });
});
