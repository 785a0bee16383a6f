// The review of captions: one accepted caption per image, the image's review status following its
// captions, human edits as new versions with a word diff against the version edited, bulk accept of the
// best candidate above a score, and undo / redo that restore exactly what each action changed — also
// after the app restarts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase, type StudioDb } from '../../../../db/open.ts';
import { insertCaption } from '../../../../db/queries/captions.ts';
import { ReviewService, wordDiff } from '../../../../electron/services/captions/reviewService.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

function library(t: TestContext, file = join(tempDir(t), 'library.db')): { db: StudioDb; file: string } {
  const db = openDatabase(file);
  t.after(() => db.close());
  return { db, file };
}

function addImage(db: StudioDb, name: string): number {
  const folder = db.prepare(`INSERT INTO folders (path, added_at) VALUES (?, 0) ON CONFLICT(path) DO UPDATE SET path = path RETURNING id`).get('/photos') as { id: number };
  const info = db
    .prepare(`INSERT INTO images (folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, status, added_at, updated_at) VALUES (?, ?, '', ?, ?, 1, 1, 'ok', 0, 0)`)
    .run(folder.id, `/photos/${name}`, name, `hash-${name}`);
  return Number(info.lastInsertRowid);
}

function candidates(db: StudioDb, imageId: number, texts: [string, number][]): number[] {
  return texts.map(([text, score], i) =>
    insertCaption(db, {
      imageId,
      text,
      source: 'ai',
      status: 'candidate',
      score,
      contentHash: `hash`,
      provenance: { modelId: 'tiny', modelHash: 'h', experts: {}, decoding: { numBeams: 3 } },
      createdAt: 100 + i,
    }),
  );
}

const status = (db: StudioDb, id: number) => (db.prepare(`SELECT status FROM captions WHERE id = ?`).get(id) as { status: string } | undefined)?.status;
const reviewStatus = (db: StudioDb, imageId: number) => (db.prepare(`SELECT review_status FROM images WHERE id = ?`).get(imageId) as { review_status: string }).review_status;

describe('reviewing captions', () => {
  test('an image goes none → pending → accepted → rejected with its captions', (t) => {
    const { db } = library(t);
    const review = new ReviewService(db);
    const image = addImage(db, 'a.jpg');
    assert.equal(reviewStatus(db, image), 'none');
    const [best, second] = candidates(db, image, [['a dog on the grass', 0.8], ['a dog in a park', 0.6]]);
    assert.equal(reviewStatus(db, image), 'pending');

    const shown = review.forImage(image);
    assert.deepEqual(shown.captions.map((c) => c.id), [best, second], 'candidates best first');
    assert.equal(shown.accepted, null);

    const accepted = review.accept(second!);
    assert.equal(accepted.reviewStatus, 'accepted');
    assert.equal(accepted.accepted?.id, second);
    // Accepting another candidate replaces the accepted one, which becomes a candidate again.
    review.accept(best!);
    assert.equal(status(db, second!), 'candidate');
    assert.equal(status(db, best!), 'accepted');

    review.reject(best!);
    assert.equal(reviewStatus(db, image), 'pending');
    review.reject(second!);
    assert.equal(reviewStatus(db, image), 'rejected');
    review.reopen(second!);
    assert.equal(status(db, second!), 'candidate');
    assert.equal(reviewStatus(db, image), 'pending');
  });

  test('the database refuses two accepted captions for one image', (t) => {
    const { db } = library(t);
    const image = addImage(db, 'a.jpg');
    const [a, b] = candidates(db, image, [['one', 0.5], ['two', 0.4]]);
    db.prepare(`UPDATE captions SET status = 'accepted' WHERE id = ?`).run(a);
    assert.throws(() => db.prepare(`UPDATE captions SET status = 'accepted' WHERE id = ?`).run(b), /UNIQUE/);
  });

  test('an edit is a new human version with its parent, a word diff, and the AI text kept apart', (t) => {
    const { db } = library(t);
    const review = new ReviewService(db, null, () => 500);
    const image = addImage(db, 'a.jpg');
    const [ai] = candidates(db, image, [['a dog on grass', 0.7]]);
    const after = review.edit({ baseCaptionId: ai! }, '  a brown dog on the grass ');
    const human = after.accepted!;
    assert.equal(human.text, 'a brown dog on the grass');
    assert.equal(human.source, 'human');
    assert.equal(human.parentId, ai);
    assert.deepEqual(
      human.diff.filter((p) => p.change !== 'same').map((p) => [p.change, p.text.trim()]),
      [['added', 'brown'], ['added', 'the']],
    );
    assert.equal(status(db, ai!), 'candidate', 'the AI text stays, as AI text');
    assert.equal(after.captions.find((c) => c.id === ai)?.source, 'ai');
    assert.throws(() => review.edit({ baseCaptionId: ai! }, '   '), /cannot be empty/);
    // A first caption written by hand, kept as a draft.
    const other = addImage(db, 'b.jpg');
    const draft = review.edit({ imageId: other }, 'a red kite', false);
    assert.equal(draft.reviewStatus, 'pending');
    assert.equal(draft.captions[0]?.status, 'draft');
  });

  test('undo and redo restore exactly what each action changed, in order', (t) => {
    const { db } = library(t);
    const review = new ReviewService(db);
    const image = addImage(db, 'a.jpg');
    const [a, b] = candidates(db, image, [['a cat', 0.9], ['a kitten', 0.5]]);
    review.accept(a!);
    review.accept(b!);
    const edited = review.edit({ baseCaptionId: b! }, 'a small kitten');
    const humanId = edited.accepted!.id;

    assert.equal(review.undo().action, 'edit');
    assert.equal(status(db, humanId), undefined, 'the undone edit is gone');
    assert.equal(status(db, b!), 'accepted');
    assert.equal(review.undo().action, 'accept');
    assert.deepEqual([status(db, a!), status(db, b!)], ['accepted', 'candidate']);
    assert.equal(review.undo().action, 'accept');
    assert.deepEqual([status(db, a!), status(db, b!)], ['candidate', 'candidate']);
    assert.equal(reviewStatus(db, image), 'pending');
    assert.equal(review.undo().action, null, 'nothing more to undo');

    assert.equal(review.redo().action, 'accept');
    assert.equal(review.redo().action, 'accept');
    assert.equal(review.redo().action, 'edit');
    assert.equal(status(db, humanId), 'accepted', 'redo re-creates the edit with the same id');
    assert.equal(db.prepare(`SELECT text FROM captions WHERE id = ?`).pluck().get(humanId), 'a small kitten');
    assert.equal(status(db, b!), 'candidate');
    assert.equal(review.redo().action, null);

    // A new action after an undo drops the redo branch.
    review.undo();
    review.reject(a!);
    assert.equal(review.redo().action, null);
  });

  test('undo survives a restart (the history is in the database)', (t) => {
    const dir = tempDir(t);
    const file = join(dir, 'library.db');
    const first = openDatabase(file);
    const image = addImage(first, 'a.jpg');
    const [a] = candidates(first, image, [['a boat', 0.9]]);
    new ReviewService(first).accept(a!);
    first.close();
    const { db } = library(t, file);
    assert.equal(new ReviewService(db).undo().action, 'accept');
    assert.equal(status(db, a!), 'candidate');
  });

  test('bulk accept takes each pending image’s best candidate at or above the score, and undoes as one action', (t) => {
    const { db } = library(t);
    const review = new ReviewService(db);
    const high = addImage(db, 'high.jpg');
    const low = addImage(db, 'low.jpg');
    const done = addImage(db, 'done.jpg');
    const [h1, h2] = candidates(db, high, [['a bridge', 0.85], ['a bridge at night', 0.8]]);
    candidates(db, low, [['a blur', 0.3]]);
    const [d1, d2] = candidates(db, done, [['a tree', 0.95], ['two trees', 0.9]]);
    review.accept(d2!);

    const result = review.bulkAccept(0.75);
    assert.deepEqual(result, { accepted: 1, imageIds: [high] });
    assert.deepEqual([status(db, h1!), status(db, h2!)], ['accepted', 'candidate']);
    assert.equal(reviewStatus(db, low), 'pending');
    assert.equal(status(db, d1!), 'candidate', 'an image already reviewed is left alone');
    assert.deepEqual(review.bulkAccept(0.2, [low]).imageIds, [low], 'limited to the given images');

    assert.equal(review.undo().action, 'bulk-accept');
    assert.equal(reviewStatus(db, low), 'pending');
    assert.equal(review.undo().action, 'bulk-accept');
    assert.equal(reviewStatus(db, high), 'pending');
  });

  test('the queue lists pending images in library order and filters by flag', (t) => {
    const { db } = library(t);
    const review = new ReviewService(db);
    const a = addImage(db, 'a.jpg');
    const b = addImage(db, 'b.jpg');
    addImage(db, 'c.jpg');
    const [ca] = candidates(db, a, [['two dogs', 0.5]]);
    candidates(db, b, [['a cat', 0.5]]);
    db.prepare(`INSERT INTO caption_flags (caption_id, image_id, kind, message) VALUES (?, ?, 'count-mismatch', 'The caption says two dogs, the detector found 1.')`).run(ca, a);
    assert.deepEqual(review.queue({}).imageIds, [a, b]);
    assert.deepEqual(review.queue({ flag: 'count-mismatch' }), { imageIds: [a], flagCounts: { 'count-mismatch': 1 } });
    assert.deepEqual(review.forImage(a).captions[0]?.flags.map((f) => f.kind), ['count-mismatch']);
    review.reject(ca!);
    assert.deepEqual(review.queue({ flag: 'count-mismatch' }).imageIds, [], 'a rejected caption’s flags no longer count');
    assert.deepEqual(review.queue({ status: ['none'] }).imageIds.length, 1);
  });

  test('word diff marks what was removed and added', () => {
    assert.deepEqual(
      wordDiff('a dog on grass', 'a cat on grass').filter((p) => p.change !== 'same').map((p) => [p.change, p.text]),
      [['removed', 'dog'], ['added', 'cat']],
    );
  });
});
