// Specification of library search: full text over captions, OCR text and tags (each word must be found
// somewhere; user text can never break the FTS5 query), every filter, every sort, and offset paging that
// neither skips nor repeats an image.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase, type StudioDb } from '../../../db/open.ts';
import { saveExpertOutput } from '../../../db/queries/expertOutputs.ts';
import { countSearch, ftsTerms, searchImageIds, searchTiles, type SearchQuery } from '../../../db/queries/imageSearch.ts';
import { replaceDuplicateGroups } from '../../../db/queries/duplicates.ts';
import { tempDir } from '../../helpers/tempDir.ts';

interface Photo {
  readonly id: number;
  readonly hash?: string;
  readonly name?: string;
  readonly folder?: number;
  readonly relDir?: string;
  readonly size?: number;
  readonly takenAt?: number | null;
  readonly camera?: [string, string];
  readonly status?: 'ok' | 'failed' | 'missing';
}

function library(t: TestContext): StudioDb {
  const db = openDatabase(join(tempDir(t), 'library.db'));
  t.after(() => db.close());
  db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, '/p', 1), (2, '/q', 1)`).run();
  return db;
}

function addPhoto(db: StudioDb, p: Photo): void {
  const name = p.name ?? `img${p.id}.jpg`;
  const relDir = p.relDir ?? '';
  db.prepare(
    `INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, taken_at, camera_make, camera_model, status, added_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, 1)`,
  ).run(p.id, p.folder ?? 1, `/p/${relDir}/${name}-${p.id}`, relDir, name, p.hash ?? `hash${p.id}`, p.size ?? 1000, p.takenAt ?? null, p.camera?.[0] ?? null, p.camera?.[1] ?? null, p.status ?? 'ok', p.id * 10);
}

function caption(db: StudioDb, imageId: number, text: string, status: 'candidate' | 'accepted' | 'rejected' = 'candidate'): number {
  return Number(db.prepare(`INSERT INTO captions (image_id, text, source, status, created_at) VALUES (?, ?, 'ai', ?, 1)`).run(imageId, text, status).lastInsertRowid);
}

function tag(db: StudioDb, imageId: number, name: string): void {
  db.prepare(`INSERT OR IGNORE INTO tags (name) VALUES (?)`).run(name);
  db.prepare(`INSERT INTO image_tags (image_id, tag_id, source, created_at) SELECT ?, id, 'ai', 1 FROM tags WHERE name = ?`).run(imageId, name);
}

function output(db: StudioDb, hash: string, expert: 'det' | 'seg' | 'depth' | 'ocr', stats: Record<string, unknown>, extra: { text?: string; detections?: string[]; version?: string } = {}): void {
  saveExpertOutput(
    db,
    {
      contentHash: hash,
      expert,
      modelId: 'm',
      modelVersion: extra.version ?? '1',
      mapPath: null,
      stats,
      text: extra.text ?? null,
      isFallback: false,
      detections: extra.detections?.map((label, i) => ({ classId: i, label, score: 0.5 + i / 10, box: [0, 0, 1, 1] as const })),
    },
    1,
  );
}

function vqa(db: StudioDb, imageId: number, question: string, answer: string, score: number): void {
  db.prepare(`INSERT INTO vqa (image_id, question, answer, mode, score, created_at) VALUES (?, ?, ?, 'rank', ?, 1)`).run(imageId, question, answer, score);
}

const ids = (db: StudioDb, q: SearchQuery) => searchImageIds(db, q, 0, 1000);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

describe('ftsTerms', () => {
  test('quotes every word, keeps "phrases" and word* prefixes, drops terms with no letters or digits', () => {
    assert.deepEqual(ftsTerms('red  bicycle'), ['"red"', '"bicycle"']);
    assert.deepEqual(ftsTerms('"red bicycle" bri*'), ['"red bicycle"', '"bri"*']);
    assert.deepEqual(ftsTerms('AND OR NOT'), ['"AND"', '"OR"', '"NOT"']);
    assert.deepEqual(ftsTerms('" * - ( ) :'), []);
    assert.deepEqual(ftsTerms('say"hi"'), ['"sayhi"']);
  });
});

describe('searchImageIds and countSearch', () => {
  test('text is found in captions, OCR text and tags; every word must be found somewhere', (t) => {
    const db = library(t);
    for (const id of [1, 2, 3, 4, 5]) addPhoto(db, { id });
    caption(db, 1, 'A red bicycle near the café');
    caption(db, 2, 'A dog on a red sofa');
    output(db, 'hash3', 'ocr', {}, { text: 'OPEN 24 HOURS' });
    tag(db, 4, 'Bicycle');
    caption(db, 4, 'Something red');
    caption(db, 5, 'A red bicycle', 'rejected');
    assert.deepEqual(sorted(ids(db, { text: 'bicycle' })), [1, 4], 'caption or tag; rejected captions are not searched');
    assert.deepEqual(sorted(ids(db, { text: 'red bicycle' })), [1, 4], 'image 4: "red" in its caption, "bicycle" in its tag');
    assert.deepEqual(ids(db, { text: 'hours' }), [3]);
    assert.deepEqual(ids(db, { text: 'cafe' }), [1], 'diacritics are folded');
    assert.deepEqual(sorted(ids(db, { text: 'bi*' })), [1, 4], 'prefix');
    assert.deepEqual(ids(db, { text: '"red sofa"' }), [2], 'phrase');
    assert.deepEqual(ids(db, { text: '"sofa red"' }), [], 'a phrase keeps its word order');
    assert.deepEqual(ids(db, { text: 'bicycle', textIn: ['tags'] }), [4]);
    assert.equal(countSearch(db, { text: 'red' }), 3);
  });

  test('no user text makes an SQL or FTS5 error', (t) => {
    const db = library(t);
    addPhoto(db, { id: 1 });
    caption(db, 1, 'the AND gate, NOT a door');
    for (const text of ['"', '""', '*', 'AND', 'NOT', 'OR', 'NEAR(a b)', 'text:', '^start', 'a -b', '(((', "'; DROP TABLE images; --", 'caption_fts:x', '\u0000', '🙂', '""*', 'and"or']) {
      assert.doesNotThrow(() => ids(db, { text }), text);
      assert.doesNotThrow(() => countSearch(db, { text }), text);
    }
    assert.deepEqual(ids(db, { text: 'AND' }), [1], 'operators are searched as words');
    assert.deepEqual(ids(db, { text: '*' }), [1], 'text without words does not filter');
  });

  test('filters: review status, flags, folder, dates, camera, excluded, missing files', (t) => {
    const db = library(t);
    addPhoto(db, { id: 1, relDir: '2020/summer', takenAt: Date.UTC(2020, 6, 1), camera: ['Canon', 'EOS R5'] });
    addPhoto(db, { id: 2, relDir: '2020', takenAt: Date.UTC(2021, 0, 1), camera: ['Nikon', 'Z 6'] });
    addPhoto(db, { id: 3, folder: 2, relDir: '2020/summer' });
    addPhoto(db, { id: 4, relDir: '2020/old', status: 'missing' });
    addPhoto(db, { id: 5, relDir: '2020-old' });
    const c1 = caption(db, 1, 'one', 'accepted');
    caption(db, 2, 'two');
    db.prepare(`INSERT INTO caption_flags (caption_id, image_id, kind, message) VALUES (?, 1, 'count-mismatch', 'says two, found three')`).run(c1);
    db.prepare(`UPDATE images SET excluded = 1 WHERE id = 2`).run();

    assert.deepEqual(ids(db, { reviewStatus: ['accepted'] }), [1]);
    assert.deepEqual(ids(db, { reviewStatus: ['pending'] }), [2]);
    assert.deepEqual(sorted(ids(db, { reviewStatus: ['none'] })), [3, 5]);
    assert.deepEqual(ids(db, { flagKinds: ['count-mismatch'] }), [1]);
    assert.deepEqual(ids(db, { flagKinds: ['unseen-object'] }), []);
    assert.deepEqual(sorted(ids(db, { flagged: false })), [2, 3, 5]);
    assert.deepEqual(sorted(ids(db, { folderId: 1, relDir: '2020' })), [1, 2], 'sub-folders included, "2020-old" is not below "2020", missing left out');
    assert.deepEqual(sorted(ids(db, { folderId: 1, relDir: '2020', status: 'all' })), [1, 2, 4]);
    assert.deepEqual(ids(db, { status: 'missing' }), [4]);
    assert.deepEqual(ids(db, { takenFrom: Date.UTC(2020, 0, 1), takenTo: Date.UTC(2020, 11, 31) }), [1]);
    assert.deepEqual(ids(db, { cameraModels: ['eos r5'] }), [1], 'camera is matched case-insensitively');
    assert.deepEqual(ids(db, { cameraMakes: ['NIKON'] }), [2]);
    assert.deepEqual(ids(db, { excluded: true }), [2]);
    assert.deepEqual(sorted(ids(db, { excluded: false })), [1, 3, 5]);
    assert.deepEqual(ids(db, { addedFrom: 20, addedTo: 30 }), [2, 3]);
  });

  test('filters on expert facts: detected class and count, segmentation share, OCR text, depth statistics', (t) => {
    const db = library(t);
    for (const id of [1, 2, 3, 4]) addPhoto(db, { id });
    addPhoto(db, { id: 5, hash: 'hash1' }); // an exact copy of image 1 shares its outputs
    output(db, 'hash1', 'det', { count: 3 }, { detections: ['person', 'person', 'dog'] });
    output(db, 'hash2', 'det', { count: 1 }, { detections: ['person'] });
    output(db, 'hash1', 'seg', { classShares: [{ classId: 2, label: 'sky', share: 0.6 }, { classId: 4, label: 'tree', share: 0.4 }] });
    output(db, 'hash2', 'seg', { classShares: [{ classId: 2, label: 'sky', share: 0.1 }, { classId: 6, label: 'road', share: 0.9 }] });
    output(db, 'hash3', 'ocr', {}, { text: 'EXIT' });
    output(db, 'hash4', 'ocr', {}, { text: '' });
    output(db, 'hash1', 'depth', { min: 1, max: 9, median: 4, normalisedMedian: 0.4 });
    output(db, 'hash2', 'depth', { min: 2, max: 30, median: 12, normalisedMedian: 0.7 });

    assert.deepEqual(sorted(ids(db, { detected: [{ label: 'person' }] })), [1, 2, 5]);
    assert.deepEqual(sorted(ids(db, { detected: [{ label: 'person', minCount: 2 }] })), [1, 5]);
    assert.deepEqual(sorted(ids(db, { detected: [{ label: 'person' }, { label: 'dog' }] })), [1, 5], 'every listed class');
    assert.deepEqual(sorted(ids(db, { detected: [{ label: 'person', minScore: 0.55 }] })), [1, 5], "image 2's only person box scores 0.5");
    assert.deepEqual(sorted(ids(db, { segmentation: [{ label: 'sky', minShare: 0.5 }] })), [1, 5]);
    assert.deepEqual(ids(db, { segmentation: [{ label: 'sky', maxShare: 0.2 }] }), [2]);
    assert.deepEqual(ids(db, { segmentation: [{ label: 'SKY', minShare: 0.05 }, { label: 'road' }] }), [2], 'labels ignore case; all must hold');
    assert.deepEqual(ids(db, { hasText: true }), [3], 'empty OCR text is no text');
    assert.deepEqual(sorted(ids(db, { hasText: false })), [1, 2, 4, 5]);
    assert.deepEqual(sorted(ids(db, { depth: [{ stat: 'median', max: 5 }] })), [1, 5]);
    assert.deepEqual(ids(db, { depth: [{ stat: 'max', min: 20 }, { stat: 'normalisedMedian', min: 0.5, max: 0.8 }] }), [2]);
  });

  test('a re-run expert replaces its facts: search follows the newest output', (t) => {
    const db = library(t);
    addPhoto(db, { id: 1 });
    output(db, 'hash1', 'det', { count: 1 }, { detections: ['cat'] });
    output(db, 'hash1', 'det', { count: 1 }, { detections: ['dog'] });
    assert.deepEqual(ids(db, { detected: [{ label: 'cat' }] }), []);
    assert.deepEqual(ids(db, { detected: [{ label: 'dog' }] }), [1]);
  });

  test('VQA: the latest answer to the exact question, compared case-insensitively', (t) => {
    const db = library(t);
    for (const id of [1, 2, 3]) addPhoto(db, { id });
    const question = 'Is there a person?';
    vqa(db, 1, question, 'no', 0.2);
    vqa(db, 1, question, 'Yes', 0.9);
    vqa(db, 2, question, 'no', 0.7);
    vqa(db, 3, 'Is it raining?', 'yes', 0.8);
    assert.deepEqual(ids(db, { vqa: [{ question, answers: ['yes'] }] }), [1]);
    assert.deepEqual(ids(db, { vqa: [{ question, answers: ['no'] }] }), [2], 'image 1 answered no first, then yes');
    assert.deepEqual(sorted(ids(db, { vqa: [{ question, minScore: 0.5 }] })), [1, 2]);
  });

  test('duplicates: from the stored groups, exact and near apart; one group', (t) => {
    const db = library(t);
    for (const id of [1, 2, 3, 4]) addPhoto(db, { id });
    addPhoto(db, { id: 5, hash: 'hash1' });
    addPhoto(db, { id: 6, hash: 'hash2', status: 'missing' });
    // As the finder stores them: the exact pair 1 and 5 (the missing 6 takes no part), and 1 standing
    // for that content in a near group with 3.
    replaceDuplicateGroups(db, { exact: [[1, 5]], near: [[1, 3]] });
    assert.deepEqual(ids(db, { duplicates: 'exact' }), [1, 5]);
    assert.deepEqual(ids(db, { duplicates: 'near' }), [1, 3, 5], 'an exact copy is the nearest duplicate');
    assert.deepEqual(ids(db, { duplicates: 'none' }), [2, 4]);
    assert.deepEqual(ids(db, { duplicateGroupId: 2 }), [1, 3]);
  });

  test('sorts: name, date, added, size, review status, detection count, VQA answer and score', (t) => {
    const db = library(t);
    addPhoto(db, { id: 1, name: 'b.jpg', size: 300, takenAt: 3000 });
    addPhoto(db, { id: 2, name: 'a.jpg', size: 100, takenAt: 1000 });
    addPhoto(db, { id: 3, name: 'c.jpg', size: 200, takenAt: 2000 });
    caption(db, 1, 'x', 'accepted');
    caption(db, 3, 'y');
    output(db, 'hash2', 'det', { count: 5 }, { detections: ['a', 'b', 'c', 'd', 'e'] });
    output(db, 'hash3', 'det', { count: 1 }, { detections: ['a'] });
    const q = 'What colour is it?';
    vqa(db, 1, q, 'red', 0.4);
    vqa(db, 3, q, 'Blue', 0.9);

    assert.deepEqual(ids(db, { sort: 'name' }), [2, 1, 3]);
    assert.deepEqual(ids(db, { sort: 'taken', descending: true }), [1, 3, 2]);
    assert.deepEqual(ids(db, { sort: 'added', descending: true }), [3, 2, 1]);
    assert.deepEqual(ids(db, { sort: 'size' }), [2, 3, 1]);
    assert.deepEqual(ids(db, { sort: 'review' }), [3, 2, 1], 'pending, none, accepted');
    assert.deepEqual(ids(db, { sort: 'detections', descending: true }), [2, 3, 1], 'no detector output sorts as none');
    assert.deepEqual(ids(db, { sort: 'vqaAnswer', sortQuestion: q }), [3, 1, 2], 'Blue before red; unanswered last');
    assert.deepEqual(ids(db, { sort: 'vqaScore', sortQuestion: q, descending: true }), [3, 1, 2], 'unanswered last in either direction');
    assert.deepEqual(ids(db, { sort: 'vqaScore', sortQuestion: q }), [1, 3, 2]);
  });

  test('detection count follows files imported after their content was analysed', (t) => {
    const db = library(t);
    addPhoto(db, { id: 1 });
    output(db, 'hash1', 'det', { count: 2 }, { detections: ['a', 'b'] });
    addPhoto(db, { id: 2, hash: 'hash1' });
    addPhoto(db, { id: 3 });
    assert.deepEqual(ids(db, { sort: 'detections', descending: true }), [2, 1, 3]);
  });

  test('offset pages cover every match exactly once, in every sort, VQA sorts included', (t) => {
    const db = library(t);
    const q = 'Is it day?';
    for (let id = 1; id <= 57; id++) {
      addPhoto(db, { id, name: `n${id % 7}.jpg`, size: id % 5, takenAt: id % 3 === 0 ? null : id % 11 });
      caption(db, id, id % 2 ? 'red thing' : 'blue thing', id % 4 === 0 ? 'accepted' : 'candidate');
      if (id % 3 === 0) vqa(db, id, q, id % 2 ? 'yes' : 'no', (id % 10) / 10);
    }
    const sorts: SearchQuery[] = [
      { sort: 'name' },
      { sort: 'taken', descending: true },
      { sort: 'size' },
      { sort: 'review' },
      { sort: 'detections' },
      { sort: 'vqaScore', sortQuestion: q, descending: true },
      { sort: 'vqaAnswer', sortQuestion: q },
      { text: 'red', sort: 'vqaScore', sortQuestion: q },
    ];
    for (const query of sorts) {
      const all = searchImageIds(db, query, 0, 1000);
      const paged: number[] = [];
      for (let offset = 0; offset < all.length + 10; offset += 8) paged.push(...searchImageIds(db, query, offset, 8));
      assert.deepEqual(paged, all, JSON.stringify(query));
      assert.equal(all.length, countSearch(db, query), JSON.stringify(query));
      assert.equal(new Set(all).size, all.length);
    }
  });

  test('tiles come back in the order of the ids asked for, with review status and exclusion', (t) => {
    const db = library(t);
    for (const id of [1, 2, 3]) addPhoto(db, { id });
    addPhoto(db, { id: 4, hash: 'hash1' });
    caption(db, 2, 'x', 'accepted');
    db.prepare(`UPDATE images SET excluded = 1 WHERE id = 3`).run();
    const tiles = searchTiles(db, [3, 2, 1, 99]);
    assert.deepEqual(tiles.map((tile) => tile.id), [3, 2, 1]);
    assert.equal(tiles[0]!.excluded, true);
    assert.equal(tiles[1]!.reviewStatus, 'accepted');
    assert.equal(tiles[2]!.duplicateCount, 1);
  });
});
