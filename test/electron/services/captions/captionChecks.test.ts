// Stored captions are cross-checked against the expert outputs stored for their image: the flags land
// in caption_flags with their reasons, the review queue filters by them, a second check replaces the
// first, and experts that never ran for the image raise nothing. Every caption is checked — AI, written
// by hand, or imported from a sidecar — and checked again when the experts run after it was written.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { insertCaption } from '../../../../db/queries/captions.ts';
import { saveExpertOutput } from '../../../../db/queries/expertOutputs.ts';
import { checkCaptions, flagInputFor } from '../../../../electron/services/captions/captionChecks.ts';
import { testStudio } from '../../../helpers/studio.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

function image(studio: ReturnType<typeof testStudio>, hash: string): number {
  const folder = studio.db.prepare(`INSERT INTO folders (path, added_at) VALUES ('/p', 0) ON CONFLICT(path) DO UPDATE SET path = path RETURNING id`).get() as { id: number };
  return Number(
    studio.db
      .prepare(`INSERT INTO images (folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, width, height, status, added_at, updated_at) VALUES (?, ?, '', ?, ?, 1, 1, 640, 480, 'ok', 0, 0)`)
      .run(folder.id, `/p/${hash}.jpg`, `${hash}.jpg`, hash).lastInsertRowid,
  );
}

const caption = (studio: ReturnType<typeof testStudio>, imageId: number, text: string) =>
  insertCaption(studio.db, { imageId, text, source: 'ai', status: 'candidate', score: 0.5, createdAt: 1 });

test('flags come from the stored detections, segments and OCR words, with their reasons', (t) => {
  const studio = testStudio(t);
  const id = image(studio, 'h1');
  saveExpertOutput(studio.db, {
    contentHash: 'h1', expert: 'det', modelId: 'rtdetr', modelVersion: 'v1', mapPath: null, stats: {}, text: null, isFallback: false,
    detections: [
      { classId: 1, label: 'dog', score: 0.9, box: [10, 10, 200, 200] },
      { classId: 1, label: 'dog', score: 0.85, box: [300, 10, 500, 200] },
      { classId: 1, label: 'dog', score: 0.8, box: [100, 250, 300, 450] },
    ],
  }, 1);
  saveExpertOutput(studio.db, {
    contentHash: 'h1', expert: 'seg', modelId: 'maskformer', modelVersion: 'v1', mapPath: null, text: null, isFallback: false,
    stats: { classShares: [{ classId: 16, label: 'dog', share: 0.4 }, { classId: 125, label: 'grass-merged', share: 0.5 }] },
  }, 1);
  saveExpertOutput(studio.db, {
    contentHash: 'h1', expert: 'ocr', modelId: 'ppocr', modelVersion: 'v1', mapPath: null, text: 'PARK', isFallback: false,
    stats: { words: [{ text: 'PARK', score: 0.99, polygon: [[20, 300], [400, 300], [400, 420], [20, 420]] }] },
  }, 1);

  const input = flagInputFor(studio.db, studio.experts, id)!;
  assert.equal(input.detections?.length, 3);
  assert.deepEqual(input.ocr, [{ text: 'PARK', box: [20, 300, 400, 420] }]);

  const good = caption(studio, id, 'three dogs on the grass near a park sign');
  const wrong = caption(studio, id, 'two cats on the grass');
  checkCaptions(studio.db, studio.experts, id, [good, wrong]);
  const flags = studio.review.forImage(id).captions;
  const of = (cid: number) => flags.find((c) => c.id === cid)!.flags.map((f) => f.kind).sort();
  assert.deepEqual(of(good), [], 'a caption the experts support raises nothing');
  assert.ok(of(wrong).includes('unseen-object'), 'cats were not found');
  const message = flags.find((c) => c.id === wrong)!.flags.find((f) => f.kind === 'unseen-object')!.message;
  assert.match(message, /cat/);
  assert.deepEqual(studio.review.queue({ flag: 'unseen-object' }).imageIds, [id]);

  // Checking again replaces the flags instead of adding to them.
  const before = studio.review.forImage(id).captions.find((c) => c.id === wrong)!.flags.length;
  checkCaptions(studio.db, studio.experts, id, [wrong]);
  assert.equal(studio.review.forImage(id).captions.find((c) => c.id === wrong)!.flags.length, before);
});

test('without expert outputs nothing is flagged', (t) => {
  const studio = testStudio(t);
  const id = image(studio, 'h2');
  const c = caption(studio, id, 'two cats quoting "HELLO"');
  assert.equal(checkCaptions(studio.db, studio.experts, id, [c]), 0);
  const input = flagInputFor(studio.db, studio.experts, id)!;
  assert.deepEqual([input.detections, input.segments, input.ocr], [null, null, null]);
});

function exitSign(number: string) {
  return (studio: ReturnType<typeof testStudio>, hash: string) =>
    saveExpertOutput(studio.db, {
      contentHash: hash, expert: 'ocr', modelId: 'ppocr', modelVersion: 'v1', mapPath: null, text: `EXIT ${number}`, isFallback: false,
      stats: { words: [{ text: 'EXIT', score: 0.99, polygon: [[40, 40], [300, 40], [300, 160], [40, 160]] }, { text: number, score: 0.99, polygon: [[320, 40], [460, 40], [460, 160], [320, 160]] }] },
    }, 1);
}

const kindsOf = (studio: ReturnType<typeof testStudio>, imageId: number) => studio.review.forImage(imageId).captions.map((c) => [c.source, c.flags.map((f) => f.kind)]);

test('a caption written by hand is checked as it is saved', (t) => {
  const studio = testStudio(t);
  const id = image(studio, 'h3');
  exitSign('12')(studio, 'h3');
  studio.review.edit({ imageId: id }, 'a motorway sign that reads "EXIT 21"');
  assert.deepEqual(kindsOf(studio, id), [['human', ['unsupported-text']]]);
});

test('an imported sidecar caption is checked too ("EXIT 21" against OCR\'s "EXIT 12")', async (t) => {
  const studio = testStudio(t);
  const dir = tempDir(t);
  await sharp({ create: { width: 640, height: 480, channels: 3, background: '#333' } }).jpeg().toFile(join(dir, 'sign.jpg'));
  writeFileSync(join(dir, 'sign.txt'), 'a motorway sign that reads "EXIT 21"\n');
  const scan = await studio.jobs.wait((await studio.library.addFolder(dir, { thumbnails: false })).jobId);
  assert.equal(scan.state, 'done');
  const row = studio.db.prepare('SELECT id, content_hash FROM images').get() as { id: number; content_hash: string };
  exitSign('12')(studio, row.content_hash);
  const changed: number[][] = [];
  studio.bus.on('captions.changed', ({ imageIds }) => changed.push(imageIds));
  const job = await studio.jobs.wait(studio.exports.importCaptions(dir).jobId);
  assert.equal(job.state, 'done', job.error ?? '');
  assert.deepEqual(kindsOf(studio, row.id), [['imported', ['unsupported-text']]]);
  assert.deepEqual(changed, [[row.id]], 'the windows hear of the imported caption (the inspector updates without a reselect)');
});

test('captions are checked again when the experts run after they were written', async (t) => {
  const studio = testStudio(t);
  const dir = tempDir(t);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"><rect width="640" height="360" fill="#1a6b3a"/>
    <text x="60" y="220" font-size="130" font-weight="bold" font-family="DejaVu Sans" fill="#fff">EXIT 12</text></svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toFile(join(dir, 'sign.jpg'));
  const scan = await studio.jobs.wait((await studio.library.addFolder(dir, { thumbnails: false })).jobId);
  assert.equal(scan.state, 'done');
  const id = (studio.db.prepare('SELECT id FROM images').get() as { id: number }).id;
  studio.review.edit({ imageId: id }, 'a green sign that reads "EXIT 21"');
  assert.deepEqual(kindsOf(studio, id), [['human', []]], 'no OCR yet: nothing to check against');
  const experts = await studio.jobs.wait(studio.experts.run({ imageIds: [id], only: ['ocr'] }).jobId);
  assert.equal(experts.state, 'done', experts.error ?? '');
  assert.match(studio.experts.outputsFor(id).find((o) => o.expert === 'ocr')?.text ?? '', /EXIT\s*12/);
  assert.deepEqual(kindsOf(studio, id), [['human', ['unsupported-text']]]);
});
