// Prismer over many photos as jobs, through the real model worker and a tiny converted model: captioning
// stores every distinct candidate with its provenance and leaves the image pending review; a photo that
// went bad after import fails its own item and the batch goes on; a second run skips what this model
// already captioned; a job stopped by closing the app resumes without redoing or losing anything; asking
// across a selection stores one answer per photo (the column); tagging stores the top names as AI tags.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { captionsOfImage } from '../../../../db/queries/captions.ts';
import { tagsOfImage } from '../../../../db/queries/imageTags.ts';
import type { BatchJobResult } from '../../../../electron/services/captions/prismerJobs.ts';
import { packageRoot } from '../../../../electron/packageRoot.ts';
import { openStudio } from '../../../../electron/studio.ts';
import { killAfterProgress } from '../../../helpers/killAfterProgress.ts';
import { testStudio } from '../../../helpers/studio.ts';
import { skipWithoutShared, tinyBundle } from '../../../native-models/prismer/runner/tinyBundle.ts';

async function photo(path: string, seed: number): Promise<void> {
  const width = 64;
  const height = 48;
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * (seed * 7 + 3) + seed * 31) % 256;
  await sharp(data, { raw: { width, height, channels: 3 } }).png().toFile(path);
}

async function folderOfPhotos(dir: string, count: number): Promise<string> {
  const folder = join(dir, `photos-${count}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) await photo(join(folder, `p${i}.png`), i + 1);
  return folder;
}

describe('caption, ask and tag jobs', { skip: skipWithoutShared }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'prismer-jobs-'));
  let bundleDir: string;
  before(async () => {
    bundleDir = await tinyBundle(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('captioning a folder stores candidates with provenance; a bad photo fails alone; a rerun skips', async (t) => {
    const studio = testStudio(t);
    const folder = await folderOfPhotos(dir, 3);
    const { jobId: scan, folderId } = await studio.library.addFolder(folder);
    await studio.jobs.wait(scan);
    const images = studio.db.prepare(`SELECT id, file_name FROM images ORDER BY file_name`).all() as { id: number; file_name: string }[];
    assert.equal(images.length, 3);
    // The third photo is damaged after import: its caption fails with the reason, the others go on.
    writeFileSync(join(folder, 'p2.png'), 'not a png any more');

    const { jobId } = studio.prismerJobs.caption({ scope: { folderId }, bundleDir });
    const job = await studio.jobs.wait(jobId);
    assert.equal(job.state, 'done');
    const result = job.result as BatchJobResult;
    assert.equal(result.done, 2);
    assert.equal(result.failed.length, 1);
    assert.match(result.failed[0]!.path, /p2\.png$/);
    assert.ok(result.failed[0]!.reason.length > 0);

    const identity = studio.prismer.bundleIdentity(bundleDir);
    for (const image of images.slice(0, 2)) {
      const captions = captionsOfImage(studio.db, image.id);
      assert.ok(captions.length >= 1 && captions.length <= 3, 'up to three distinct candidates');
      assert.equal(new Set(captions.map((c) => c.text)).size, captions.length);
      for (const c of captions) {
        assert.equal(c.source, 'ai');
        assert.equal(c.status, 'candidate');
        assert.ok(c.score !== null && c.score > 0 && c.score <= 1);
        assert.equal(c.provenance?.modelId, identity.name);
        assert.equal(c.provenance?.modelHash, identity.hash);
        assert.equal(c.provenance?.decoding['numBeams'], 3);
        assert.equal(typeof c.provenance?.decoding['beamScore'], 'number');
      }
      assert.equal(studio.review.forImage(image.id).reviewStatus, 'pending');
    }

    const again = (await studio.jobs.wait(studio.prismerJobs.caption({ scope: { folderId }, bundleDir }).jobId)).result as BatchJobResult;
    assert.equal(again.skipped, 2, 'what this model captioned is not captioned again');
    assert.equal(again.done, 0);
  });

  test('"missing" covers only photos without an accepted caption', async (t) => {
    const studio = testStudio(t);
    const folder = await folderOfPhotos(dir, 2);
    await studio.jobs.wait((await studio.library.addFolder(folder)).jobId);
    const [first, second] = (studio.db.prepare(`SELECT id FROM images ORDER BY file_name`).all() as { id: number }[]).map((r) => r.id);
    studio.review.edit({ imageId: first! }, 'a photo I described myself');
    const result = (await studio.jobs.wait(studio.prismerJobs.caption({ scope: { missing: true }, bundleDir }).jobId)).result as BatchJobResult;
    assert.equal(result.images, 1);
    assert.equal(captionsOfImage(studio.db, first!).length, 1, 'the accepted human caption is left alone');
    assert.ok(captionsOfImage(studio.db, second!).length >= 1);
  });

  test('a caption job stopped by closing the app resumes with nothing lost or done twice', async (t) => {
    const dataDir = join(dir, `data-${Date.now()}`);
    const folder = await folderOfPhotos(dir, 4);
    const first = openStudio({ dataDir });
    await first.jobs.wait((await first.library.addFolder(folder)).jobId);
    const { jobId } = first.prismerJobs.caption({ scope: { all: true }, bundleDir });
    // Close as soon as the first photo's captions are stored.
    await new Promise<void>((resolve) => first.bus.on('captions.changed', () => resolve()));
    await first.close();

    const second = openStudio({ dataDir, resumeJobs: true });
    t.after(() => second.close());
    const job = await second.jobs.wait(jobId);
    assert.equal(job.state, 'done');
    const perImage = second.db.prepare(`SELECT image_id, COUNT(DISTINCT created_at) AS runs FROM captions GROUP BY image_id`).all() as { image_id: number; runs: number }[];
    assert.equal(perImage.length, 4, 'every photo captioned');
    const items = second.db.prepare(`SELECT state, COUNT(*) AS n FROM job_items WHERE job_id = ? GROUP BY state`).all(jobId) as { state: string; n: number }[];
    assert.deepEqual(items, [{ state: 'done', n: 4 }]);
    const perImageRows = second.db.prepare(`SELECT image_id, COUNT(*) AS n FROM captions GROUP BY image_id`).all() as { image_id: number; n: number }[];
    const distinctTexts = second.db.prepare(`SELECT image_id, COUNT(DISTINCT text) AS n FROM captions GROUP BY image_id`).all() as { image_id: number; n: number }[];
    assert.deepEqual(perImageRows, distinctTexts, 'no photo was captioned twice');
  });

  test('a caption job killed mid-batch (SIGKILL) resumes at the next start with nothing lost or done twice', async (t) => {
    const dataDir = join(dir, `killed-${Date.now()}`);
    const folder = await folderOfPhotos(dir, 6);
    const setup = openStudio({ dataDir });
    await setup.jobs.wait((await setup.library.addFolder(folder)).jobId);
    await setup.close();

    await killAfterProgress(join(packageRoot, 'test', 'helpers', 'captionUntilKilled.ts'), [dataDir, bundleDir]);

    const studio = testStudio(t, { dataDir, resumeJobs: true });
    const captioned = () => (studio.db.prepare(`SELECT count(DISTINCT image_id) AS n FROM captions`).get() as { n: number }).n;
    const before = captioned();
    assert.ok(before >= 2 && before < 6, `${before} photos were captioned before the kill`);
    const firstRows = studio.db.prepare(`SELECT id, image_id, text FROM captions ORDER BY id`).all();
    const job = studio.jobs.list().find((j) => j.kind === 'caption');
    assert.ok(job, 'the interrupted job is still there');
    const finished = await studio.jobs.wait(job.id);
    assert.equal(finished.state, 'done', finished.error ?? '');
    assert.equal((finished.result as BatchJobResult).done, 6, 'the photos done before the kill count as done');
    assert.equal(captioned(), 6);
    assert.deepEqual(studio.db.prepare(`SELECT id, image_id, text FROM captions WHERE id <= ? ORDER BY id`).all((firstRows.at(-1) as { id: number }).id), firstRows, 'what was stored is kept');
    const perImage = studio.db.prepare(`SELECT image_id, COUNT(*) AS n, COUNT(DISTINCT text) AS d FROM captions GROUP BY image_id`).all() as { n: number; d: number }[];
    assert.ok(perImage.every((r) => r.n === r.d), 'no photo was captioned twice');
  });

  test('asking across a selection stores one answer per photo; tagging stores the top names', async (t) => {
    const studio = testStudio(t);
    const folder = await folderOfPhotos(dir, 2);
    await studio.jobs.wait((await studio.library.addFolder(folder)).jobId);
    const ids = (studio.db.prepare(`SELECT id FROM images ORDER BY file_name`).all() as { id: number }[]).map((r) => r.id);

    const asked = await studio.jobs.wait(studio.prismerJobs.ask({ scope: { imageIds: ids }, bundleDir, question: 'Is there a person?', answers: ['yes', 'no'] }).jobId);
    assert.equal((asked.result as BatchJobResult).done, 2);
    const column = studio.questions.answers('Is there a person?');
    assert.deepEqual(column.map((a) => a.imageId), [...ids].sort((a, b) => a - b));
    for (const a of column) {
      assert.equal(a.mode, 'rank');
      assert.ok(['yes', 'no'].includes(a.answer));
      assert.deepEqual(a.alternatives.map((x) => x.answer).sort(), ['no', 'yes']);
    }
    const rerun = (await studio.jobs.wait(studio.prismerJobs.ask({ scope: { imageIds: ids }, bundleDir, question: 'Is there a person?', answers: ['yes', 'no'] }).jobId)).result as BatchJobResult;
    assert.equal(rerun.skipped, 2);
    assert.deepEqual(studio.questions.questions().map((q) => [q.question, q.images]), [['Is there a person?', 2]]);

    studio.db.prepare(`INSERT INTO tags (name) VALUES ('mine')`).run();
    studio.db.prepare(`INSERT INTO image_tags (image_id, tag_id, source, created_at) VALUES (?, 1, 'human', 0)`).run(ids[0]);
    const tagged = await studio.jobs.wait(studio.prismerJobs.tag({ scope: { imageIds: ids }, bundleDir, classNames: ['cat', 'dog', 'bird', 'car'], top: 2 }).jobId);
    assert.equal((tagged.result as BatchJobResult).done, 2);
    const tags = tagsOfImage(studio.db, ids[0]!);
    assert.equal(tags.filter((x) => x.source === 'ai').length, 2);
    assert.ok(tags.some((x) => x.name === 'mine' && x.source === 'human'), 'a tag a person set stays');
  });

  test('one question about one photo is answered at once and kept in its history', async (t) => {
    const studio = testStudio(t);
    const folder = await folderOfPhotos(dir, 1);
    await studio.jobs.wait((await studio.library.addFolder(folder)).jobId);
    const id = (studio.db.prepare(`SELECT id FROM images`).get() as { id: number }).id;
    const answer = await studio.questions.ask(id, 'What is this?', { model: bundleDir });
    assert.equal(answer.mode, 'generate');
    assert.ok(answer.answer.length > 0);
    assert.deepEqual(studio.questions.history(id).map((v) => v.id), [answer.id]);
    await assert.rejects(studio.questions.ask(id, '  ', { model: bundleDir }), /empty/);
  });
});
