// Specification of caption exports: which caption each image exports (accepted-only or all), which images
// are left out (excluded, missing, caption-less), the COCO, imagefolder, VLM JSONL and CSV files checked by
// independent readers (JSON.parse, csv-parse) against the database, AI and human text told apart in each,
// image copies, streaming from an async id source with progress, cancellation that leaves no partial file,
// re-export after an edit, and nothing written outside the export folder.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { exportCaptions, ExportUsageError } from '../../../../electron/services/export/exportCaptions.ts';
import type { ExportProgress } from '../../../../electron/services/export/exportTypes.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { addCaption, addTag, addVqa, allImageIds, photoLibrary } from './captionedLibrary.ts';
import { listFiles, treeSnapshot } from './treeSnapshot.ts';

const files = ['a.jpg', 'b.jpg', 'c.jpg', 'trip/d.jpg', 'trip/e.png', 'other/a.jpg'];

interface CocoFile {
  info: Record<string, unknown>;
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { id: number; image_id: number; caption: string; source: string; status: string; model_id: string | null }[];
}

/** a: AI accepted + newer human candidate; b: AI candidate only; c: all rejected; d: human accepted (tricky text);
 *  e: excluded; other/a: imported draft. */
async function curatedLibrary(t: import('node:test').TestContext) {
  const lib = await photoLibrary(t, files);
  const id = (f: string) => lib.ids.get(f)!;
  addCaption(lib.db, id('a.jpg'), { text: 'A red bus on a street.', status: 'accepted', score: 0.8 });
  addCaption(lib.db, id('a.jpg'), { text: 'A red double-decker bus.', source: 'human', status: 'candidate' });
  addCaption(lib.db, id('b.jpg'), { text: 'old b caption', status: 'candidate', score: 0.4 });
  addCaption(lib.db, id('b.jpg'), { text: 'A dog, sleeping.', status: 'candidate', score: 0.7 });
  addCaption(lib.db, id('c.jpg'), { text: 'Rejected text.', status: 'rejected' });
  addCaption(lib.db, id('trip/d.jpg'), { text: 'Sign says "STOP", then\nanother line, with commas', source: 'human', status: 'accepted' });
  addCaption(lib.db, id('trip/e.png'), { text: 'Excluded image.', status: 'accepted' });
  lib.db.prepare('UPDATE images SET excluded = 1 WHERE id = ?').run(id('trip/e.png'));
  addCaption(lib.db, id('other/a.jpg'), { text: 'From an old sidecar.', source: 'imported', status: 'draft' });
  addTag(lib.db, id('a.jpg'), 'bus', 0.95);
  addTag(lib.db, id('a.jpg'), 'street', 0.6);
  addVqa(lib.db, id('a.jpg'), 'What colour is the bus?', 'blue');
  addVqa(lib.db, id('a.jpg'), 'What colour is the bus?', 'red');
  addVqa(lib.db, id('a.jpg'), 'Is it raining?', 'no');
  return { ...lib, id };
}

describe('caption export', () => {
  test('COCO: valid ids, every annotation on an exported image, the chosen caption per image and its source', async (t) => {
    const lib = await curatedLibrary(t);
    const out = join(tempDir(t), 'coco');
    const result = await exportCaptions(lib.db, { format: 'coco', outDir: out, imageIds: allImageIds(lib.db) });
    assert.equal(result.exported, 4);
    assert.deepEqual(result.skipped, { 'no-caption': 1, excluded: 1 });
    assert.deepEqual(result.files, [join(out, 'captions.json')]);
    assert.deepEqual(listFiles(out), ['captions.json'], 'no temporary file is left');

    const coco = JSON.parse(readFileSync(join(out, 'captions.json'), 'utf8')) as CocoFile;
    assert.equal(typeof coco.info, 'object');
    for (const image of coco.images) {
      assert.ok(Number.isInteger(image.id) && image.id > 0);
      assert.equal(typeof image.file_name, 'string');
      assert.ok(Number.isInteger(image.width) && image.width > 0 && Number.isInteger(image.height) && image.height > 0);
      assert.equal(resolve(out, image.file_name), lib.paths.get(image.id), 'file_name is relative to the export folder');
    }
    const imageIds = new Set(coco.images.map((i) => i.id));
    assert.equal(imageIds.size, coco.images.length, 'image ids are unique');
    assert.equal(new Set(coco.annotations.map((a) => a.id)).size, coco.annotations.length, 'annotation ids are unique');
    for (const a of coco.annotations) {
      assert.ok(Number.isInteger(a.id) && a.id > 0);
      assert.ok(imageIds.has(a.image_id), 'annotations point at exported images');
      assert.equal(typeof a.caption, 'string');
    }
    const byImage = new Map(coco.annotations.map((a) => [a.image_id, a]));
    assert.equal(byImage.get(lib.id('a.jpg'))!.caption, 'A red bus on a street.', 'the accepted caption beats a newer candidate');
    assert.equal(byImage.get(lib.id('a.jpg'))!.source, 'ai');
    assert.equal(byImage.get(lib.id('a.jpg'))!.model_id, 'prismerz-base');
    assert.equal(byImage.get(lib.id('b.jpg'))!.caption, 'A dog, sleeping.', 'without an accepted one, the latest candidate');
    assert.equal(byImage.get(lib.id('trip/d.jpg'))!.source, 'human');
    assert.equal(byImage.get(lib.id('other/a.jpg'))!.source, 'imported');
    assert.ok(!byImage.has(lib.id('c.jpg')) && !byImage.has(lib.id('trip/e.png')));
    const width = lib.db.prepare('SELECT width FROM images WHERE id = ?').pluck().get(lib.id('b.jpg'));
    assert.equal(coco.images.find((i) => i.id === lib.id('b.jpg'))!.width, width);
  });

  test('accepted-only exports accepted captions and nothing else', async (t) => {
    const lib = await curatedLibrary(t);
    const out = join(tempDir(t), 'coco');
    const result = await exportCaptions(lib.db, { format: 'coco', outDir: out, imageIds: allImageIds(lib.db), acceptedOnly: true });
    const coco = JSON.parse(readFileSync(join(out, 'captions.json'), 'utf8')) as CocoFile;
    const accepted = lib.db.prepare("SELECT c.id FROM captions c JOIN images i ON i.id = c.image_id WHERE c.status = 'accepted' AND i.excluded = 0 ORDER BY c.id").pluck().all();
    assert.deepEqual(coco.annotations.map((a) => a.id).sort((x, y) => x - y), accepted);
    assert.ok(coco.annotations.every((a) => a.status === 'accepted'));
    assert.equal(result.skipped['no-caption'], 3);
  });

  test('imagefolder metadata.jsonl: relative file names, or copies inside the folder with --copy-images', async (t) => {
    const lib = await curatedLibrary(t);
    const out = join(tempDir(t), 'hf');
    await exportCaptions(lib.db, { format: 'imagefolder', outDir: out, imageIds: allImageIds(lib.db) });
    const lines = readFileSync(join(out, 'metadata.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { file_name: string; text: string; source: string; tags: string[] });
    assert.equal(lines.length, 4);
    const first = lines.find((l) => l.text === 'A red bus on a street.')!;
    assert.equal(resolve(out, first.file_name), join(lib.root, 'a.jpg'));
    assert.equal(first.source, 'ai');
    assert.deepEqual(first.tags, ['bus', 'street']);

    const copied = join(tempDir(t), 'hf-copy');
    const result = await exportCaptions(lib.db, { format: 'imagefolder', outDir: copied, imageIds: allImageIds(lib.db), copyImages: true });
    assert.equal(result.exported, 4);
    const meta = readFileSync(join(copied, 'metadata.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { file_name: string; text: string });
    assert.deepEqual(meta.map((m) => m.file_name).sort(), ['a.jpg', 'b.jpg', 'other/a.jpg', 'trip/d.jpg']);
    for (const m of meta) assert.ok(!m.file_name.startsWith('..'));
    assert.deepEqual(readFileSync(join(copied, 'other/a.jpg')), readFileSync(join(lib.root, 'other/a.jpg')));
    assert.deepEqual(listFiles(copied), ['a.jpg', 'b.jpg', 'metadata.jsonl', 'other/a.jpg', 'trip/d.jpg']);
  });

  test('two images with the same name under different library folders get distinct names in the export', async (t) => {
    const first = await photoLibrary(t, ['x/a.jpg']);
    const second = join(tempDir(t), 'second');
    const { writePhoto } = await import('../../../helpers/images.ts');
    await writePhoto(join(second, 'x', 'a.jpg'), { seed: 50 });
    await first.studio.jobs.wait((await first.studio.library.addFolder(second, { thumbnails: false })).jobId);
    for (const id of allImageIds(first.db)) addCaption(first.db, id, { text: `caption ${id}`, status: 'accepted' });
    const out = join(tempDir(t), 'txt');
    const result = await exportCaptions(first.db, { format: 'txt', outDir: out, imageIds: allImageIds(first.db), copyImages: true });
    assert.equal(result.exported, 2);
    const secondId = allImageIds(first.db)[1]!;
    assert.deepEqual(listFiles(out), ['prismer-studio-manifest.json', 'x/a.jpg', 'x/a.txt', `x/a~${secondId}.jpg`, `x/a~${secondId}.txt`]);
    assert.equal(readFileSync(join(out, `x/a~${secondId}.txt`), 'utf8'), `caption ${secondId}\n`);
  });

  test('VLM JSONL: the caption and the VQA answers as conversations, and expert facts on request', async (t) => {
    const lib = await curatedLibrary(t);
    const hash = lib.db.prepare('SELECT content_hash FROM images WHERE id = ?').pluck().get(lib.id('a.jpg')) as string;
    const det = lib.db
      .prepare("INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, stats_json, created_at) VALUES (?, 'det', 'rtdetr', 'v1', '{}', 1)")
      .run(hash).lastInsertRowid;
    for (const [label, score] of [['bus', 0.9], ['person', 0.8], ['person', 0.7]] as const) {
      lib.db.prepare('INSERT INTO detections (output_id, class_id, label, score, x0, y0, x1, y1) VALUES (?, 0, ?, ?, 0, 0, 1, 1)').run(det, label, score);
    }
    lib.db.prepare("INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, text, created_at) VALUES (?, 'ocr', 'ppocr', 'v4', 'LONDON 42', 1)").run(hash);
    lib.db.prepare(`INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, stats_json, created_at) VALUES (?, 'depth', 'dpt', 'v1', '{"min":0.1,"max":9.5,"mean":3.2}', 1)`).run(hash);

    const out = join(tempDir(t), 'vlm');
    await exportCaptions(lib.db, { format: 'jsonl', outDir: out, imageIds: allImageIds(lib.db), withFacts: true });
    type Rec = { id: string; image: string; source: string; conversations: { from: string; value: string }[]; facts?: { detected: { label: string; count: number }[]; ocr_text: string | null; depth: Record<string, number> | null } };
    const records = readFileSync(join(out, 'conversations.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Rec);
    const a = records.find((r) => r.id === String(lib.id('a.jpg')))!;
    assert.deepEqual(
      a.conversations.map((c) => [c.from, c.value]),
      [
        ['human', '<image>\nDescribe this image.'],
        ['gpt', 'A red bus on a street.'],
        ['human', 'What colour is the bus?'],
        ['gpt', 'red'],
        ['human', 'Is it raining?'],
        ['gpt', 'no'],
      ],
      'a question asked twice keeps its latest answer',
    );
    assert.equal(a.source, 'ai');
    assert.deepEqual(a.facts, { detected: [{ label: 'person', count: 2 }, { label: 'bus', count: 1 }], ocr_text: 'LONDON 42', depth: { min: 0.1, max: 9.5, mean: 3.2 } });
    const d = records.find((r) => r.id === String(lib.id('trip/d.jpg')))!;
    assert.equal(d.source, 'human');
    assert.deepEqual(d.facts, { detected: [], ocr_text: null, depth: null });

    const plain = join(tempDir(t), 'vlm-plain');
    await exportCaptions(lib.db, { format: 'jsonl', outDir: plain, imageIds: allImageIds(lib.db) });
    assert.ok(readFileSync(join(plain, 'conversations.jsonl'), 'utf8').split('\n').filter(Boolean).every((l) => !('facts' in (JSON.parse(l) as object))));
  });

  test('CSV parses back (RFC 4180) to the database rows, quotes, commas and newlines included', async (t) => {
    const lib = await curatedLibrary(t);
    const out = join(tempDir(t), 'csv');
    await exportCaptions(lib.db, { format: 'csv', outDir: out, imageIds: allImageIds(lib.db) });
    const raw = readFileSync(join(out, 'captions.csv'), 'utf8');
    assert.ok(raw.endsWith('\r\n'));
    const rows = parseCsv(raw, { columns: true, record_delimiter: '\r\n', relax_quotes: false, relax_column_count: false }) as Record<string, string>[];
    assert.equal(rows.length, 4);
    const d = rows.find((r) => Number(r.image_id) === lib.id('trip/d.jpg'))!;
    assert.equal(d.caption, 'Sign says "STOP", then\nanother line, with commas');
    assert.equal(d.source, 'human');
    assert.equal(d.path, join(lib.root, 'trip/d.jpg'));
    const a = rows.find((r) => Number(r.image_id) === lib.id('a.jpg'))!;
    assert.equal(a.source, 'ai');
    assert.equal(a.model_id, 'prismerz-base');
    assert.equal(Number(a.score), 0.8);
    assert.deepEqual(JSON.parse(a.tags!), ['bus', 'street']);
    for (const row of rows) {
      const db = lib.db.prepare('SELECT text, source FROM captions WHERE id = ?').get(Number(row.caption_id)) as { text: string; source: string };
      assert.deepEqual({ text: row.caption, source: row.source }, db);
    }
  });

  test('an async id source streams in batches with progress; a re-export after an edit updates the file', async (t) => {
    const lib = await curatedLibrary(t);
    const ids = allImageIds(lib.db);
    async function* slowly() {
      for (const id of ids) {
        await new Promise((r) => setImmediate(r));
        yield id;
      }
    }
    const progress: ExportProgress[] = [];
    const out = join(tempDir(t), 'csv');
    await exportCaptions(lib.db, { format: 'csv', outDir: out, imageIds: slowly(), total: ids.length, batchSize: 2, onProgress: (p) => progress.push(p) });
    assert.deepEqual(progress.map((p) => p.done), [2, 4, 6]);
    assert.ok(progress.every((p) => p.total === 6));
    assert.equal(progress.at(-1)!.exported + progress.at(-1)!.skipped, 6);

    addCaption(lib.db, lib.id('b.jpg'), { text: 'A dog asleep on a sofa.', source: 'human', status: 'accepted' });
    await exportCaptions(lib.db, { format: 'csv', outDir: out, imageIds: ids });
    const rows = parseCsv(readFileSync(join(out, 'captions.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const b = rows.find((r) => Number(r.image_id) === lib.id('b.jpg'))!;
    assert.equal(b.caption, 'A dog asleep on a sofa.');
    assert.equal(b.source, 'human');
    assert.deepEqual(listFiles(out), ['captions.csv']);
  });

  test('cancelling mid-export leaves no partial file and keeps the previous export whole', async (t) => {
    const lib = await curatedLibrary(t);
    const out = join(tempDir(t), 'coco');
    await exportCaptions(lib.db, { format: 'coco', outDir: out, imageIds: allImageIds(lib.db) });
    const before = readFileSync(join(out, 'captions.json'), 'utf8');
    addCaption(lib.db, lib.id('c.jpg'), { text: 'A new caption.', status: 'accepted' });

    for (const format of ['coco', 'jsonl', 'csv', 'imagefolder'] as const) {
      const controller = new AbortController();
      const result = await exportCaptions(lib.db, {
        format,
        outDir: out,
        imageIds: allImageIds(lib.db),
        batchSize: 1,
        onProgress: (p) => {
          if (p.done === 2) controller.abort();
        },
        signal: controller.signal,
      });
      assert.equal(result.cancelled, true, format);
      assert.deepEqual(result.files, []);
      assert.deepEqual(listFiles(out), ['captions.json'], `${format}: no new or temporary file`);
      assert.equal(readFileSync(join(out, 'captions.json'), 'utf8'), before, 'the previous export is untouched');
    }
  });

  test('writes nothing outside the export folder and never touches the images', async (t) => {
    const lib = await curatedLibrary(t);
    const parent = tempDir(t);
    const libraryBefore = treeSnapshot(lib.root);
    const dataDir = dirname(lib.studio.paths.database);
    const dataBefore = treeSnapshot(dataDir);
    for (const format of ['coco', 'imagefolder', 'jsonl', 'csv', 'txt', 'xmp'] as const) {
      await exportCaptions(lib.db, { format, outDir: join(parent, 'out', format), imageIds: allImageIds(lib.db), copyImages: format === 'imagefolder' });
    }
    assert.deepEqual(readdirSync(parent), ['out']);
    assert.deepEqual(readdirSync(join(parent, 'out')).sort(), ['coco', 'csv', 'imagefolder', 'jsonl', 'txt', 'xmp']);
    assert.deepEqual(treeSnapshot(lib.root), libraryBefore);
    // The data folder changes only by the database itself (SQLite's WAL and shared-memory files).
    const outsideDb = (snapshot: Map<string, string>) => [...snapshot].filter(([f]) => !f.startsWith('library.db'));
    assert.deepEqual(outsideDb(treeSnapshot(dataDir)), outsideDb(dataBefore));
  });

  test('refuses option combinations that make no sense', async (t) => {
    const lib = await photoLibrary(t, ['a.jpg']);
    const out = join(tempDir(t), 'x');
    await assert.rejects(exportCaptions(lib.db, { format: 'coco', outDir: out, imageIds: [], besideImages: true }), ExportUsageError);
    await assert.rejects(exportCaptions(lib.db, { format: 'txt', outDir: out, imageIds: [], besideImages: true, copyImages: true }), ExportUsageError);
    await assert.rejects(exportCaptions(lib.db, { format: 'csv', outDir: out, imageIds: [], withFacts: true }), ExportUsageError);
    assert.ok(!existsSync(out));
  });

  test('ids that are not in the library are counted, not fatal', async (t) => {
    const lib = await photoLibrary(t, ['a.jpg']);
    addCaption(lib.db, lib.ids.get('a.jpg')!, { text: 'x', status: 'accepted' });
    const result = await exportCaptions(lib.db, { format: 'jsonl', outDir: join(tempDir(t), 'j'), imageIds: [lib.ids.get('a.jpg')!, 999_999] });
    assert.equal(result.exported, 1);
    assert.deepEqual(result.skipped, { 'not-found': 1 });
  });

  test('an export with nothing to export writes no file and leaves an earlier export as it was', async (t) => {
    const lib = await curatedLibrary(t);
    const out = join(tempDir(t), 'csv');
    const first = await exportCaptions(lib.db, { format: 'csv', outDir: out, imageIds: allImageIds(lib.db) });
    assert.equal(first.exported, 4);
    const before = readFileSync(join(out, 'captions.csv'), 'utf8');
    // c.jpg's captions are all rejected: nothing to export from it alone.
    const empty = await exportCaptions(lib.db, { format: 'csv', outDir: out, imageIds: [lib.id('c.jpg')] });
    assert.equal(empty.exported, 0);
    assert.deepEqual(empty.files, []);
    assert.deepEqual(empty.skipped, { 'no-caption': 1 });
    assert.equal(readFileSync(join(out, 'captions.csv'), 'utf8'), before, 'the earlier export is untouched');
    assert.deepEqual(listFiles(out), ['captions.csv']);
    const fresh = join(tempDir(t), 'fresh', 'txt');
    await exportCaptions(lib.db, { format: 'txt', outDir: fresh, imageIds: [lib.id('c.jpg')] });
    assert.equal(existsSync(fresh), false, 'a folder made for an empty export is removed again');
  });
});
