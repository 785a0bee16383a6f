// Specification of the export reads: a scope's ids paged in id order (prefix-bounded, so 'sub/' does not
// match 'subway/'), the caption chosen per image (accepted, else latest not rejected; accepted-only), tags
// by score, the latest answer per question, expert facts from the newest outputs for the image's pixels,
// and rows returned in the order the ids were asked for.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase, type StudioDb } from '../../../db/open.ts';
import { countScopeImages, imageHasCaptionText, readExportBatch, scopeImageIds } from '../../../db/queries/exportRows.ts';
import { tempDir } from '../../helpers/tempDir.ts';

function db(t: TestContext): StudioDb {
  const d = openDatabase(join(tempDir(t), 'library.db'));
  t.after(() => d.close());
  d.prepare("INSERT INTO folders (id, path, added_at) VALUES (1, '/lib', 0)").run();
  return d;
}

function image(d: StudioDb, path: string, hash = path): number {
  const relDir = path.split('/').slice(2, -1).join('/');
  const name = path.split('/').at(-1)!;
  return Number(
    d
      .prepare("INSERT INTO images (folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, width, height, status, added_at, updated_at) VALUES (1, ?, ?, ?, ?, 1, 0, 640, 480, 'ok', 0, 0)")
      .run(path, relDir, name, hash).lastInsertRowid,
  );
}

function caption(d: StudioDb, imageId: number, text: string, status: string, createdAt: number, source = 'ai'): number {
  return Number(d.prepare('INSERT INTO captions (image_id, text, source, status, created_at) VALUES (?, ?, ?, ?, ?)').run(imageId, text, source, status, createdAt).lastInsertRowid);
}

const options = { acceptedOnly: false, withFacts: false };

describe('export rows', () => {
  test('scope ids come in id order across pages, limited by a folder prefix', (t) => {
    const d = db(t);
    const inSub: number[] = [];
    for (let i = 0; i < 2500; i++) {
      const where = i % 3 === 0 ? 'sub' : i % 3 === 1 ? 'subway' : 'other';
      const id = image(d, `/lib/${where}/${i}.jpg`);
      if (where === 'sub') inSub.push(id);
    }
    assert.deepEqual([...scopeImageIds(d, { pathPrefix: '/lib/sub/' })], inSub);
    assert.equal(countScopeImages(d, { pathPrefix: '/lib/sub/' }), inSub.length);
    const all = [...scopeImageIds(d)];
    assert.equal(all.length, 2500);
    assert.deepEqual(all, [...all].sort((a, b) => a - b));
  });

  test('the caption chosen for export', (t) => {
    const d = db(t);
    const a = image(d, '/lib/a.jpg');
    const b = image(d, '/lib/b.jpg');
    const c = image(d, '/lib/c.jpg');
    const acceptedId = caption(d, a, 'accepted', 'accepted', 1);
    caption(d, a, 'newer candidate', 'candidate', 2);
    caption(d, b, 'older', 'candidate', 1);
    const draft = caption(d, b, 'newest draft', 'draft', 3, 'human');
    caption(d, b, 'rejected newest', 'rejected', 4);
    caption(d, c, 'only rejected', 'rejected', 1);
    const rows = readExportBatch(d, [c, b, a], options);
    assert.deepEqual(rows.map((r) => r.imageId), [c, b, a], 'in the order asked');
    assert.equal(rows[0]!.caption, null);
    assert.deepEqual([rows[1]!.caption!.id, rows[1]!.caption!.source], [draft, 'human']);
    assert.equal(rows[2]!.caption!.id, acceptedId);
    const strict = readExportBatch(d, [a, b, c], { acceptedOnly: true, withFacts: false });
    assert.deepEqual(strict.map((r) => r.caption?.text ?? null), ['accepted', null, null]);
    assert.equal(imageHasCaptionText(d, b, 'rejected newest'), true);
    assert.equal(imageHasCaptionText(d, a, 'rejected newest'), false);
  });

  test('tags, VQA and facts', (t) => {
    const d = db(t);
    const a = image(d, '/lib/a.jpg', 'h1');
    caption(d, a, 'x', 'accepted', 1);
    for (const [name, score] of [['low', 0.1], ['high', 0.9], ['unscored', null]] as const) {
      d.prepare('INSERT INTO tags (name) VALUES (?)').run(name);
      d.prepare("INSERT INTO image_tags (image_id, tag_id, source, score, created_at) SELECT ?, id, 'ai', ?, 0 FROM tags WHERE name = ?").run(a, score, name);
    }
    const vqa = d.prepare("INSERT INTO vqa (image_id, question, answer, mode, created_at) VALUES (?, ?, ?, 'generate', ?)");
    vqa.run(a, 'q1', 'old', 1);
    vqa.run(a, 'q2', 'two', 2);
    vqa.run(a, 'q1', 'new', 3);
    const out = d.prepare("INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, stats_json, text, created_at) VALUES ('h1', ?, 'm', ?, ?, ?, ?)");
    const oldDet = out.run('det', 'v1', '{}', null, 1).lastInsertRowid;
    const newDet = out.run('det', 'v2', '{}', null, 2).lastInsertRowid;
    d.prepare("INSERT INTO detections (output_id, class_id, label, score, x0, y0, x1, y1) VALUES (?, 0, 'stale', 0.9, 0, 0, 1, 1)").run(oldDet);
    for (const label of ['cat', 'dog', 'dog']) d.prepare('INSERT INTO detections (output_id, class_id, label, score, x0, y0, x1, y1) VALUES (?, 0, ?, 0.5, 0, 0, 1, 1)').run(newDet, label);
    out.run('ocr', 'v1', '{}', 'OPEN', 1);
    out.run('depth', 'v1', '{"mean":2}', null, 1);

    const [row] = readExportBatch(d, [a], { acceptedOnly: false, withFacts: true });
    assert.deepEqual(row!.tags.map((tag) => tag.name), ['high', 'low', 'unscored']);
    assert.deepEqual(row!.vqa.map((v) => [v.question, v.answer]), [['q1', 'new'], ['q2', 'two']]);
    assert.deepEqual(row!.facts, { detections: [{ label: 'dog', count: 2, maxScore: 0.5 }, { label: 'cat', count: 1, maxScore: 0.5 }], ocrText: 'OPEN', depth: { mean: 2 } });
    assert.equal(readExportBatch(d, [a], options)[0]!.facts, null, 'facts only on request');
  });
});
