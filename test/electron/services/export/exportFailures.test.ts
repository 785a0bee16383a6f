// Specification of exports that cannot be written: every format refuses a folder it cannot use before
// anything is read — /proc/x (where Node's own mkdir used to hang forever), a file in the way, a
// read-only file system, no space — with the cause in words; a failure during the export (the disk fills
// up, the folder is removed) ends it with the cause, leaves no temporary file, and leaves an earlier
// export's files as they were. In the app the same refusals come at once from exports.run, a failing
// export job is Failed with the message, and the next export runs. Every wait has a limit, so a hang
// fails the test instead of stalling CI.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { StudioError } from '../../../../electron/api/protocol.ts';
import { exportCaptions } from '../../../../electron/services/export/exportCaptions.ts';
import { exportFormats, type ExportFormat, type ExportResult } from '../../../../electron/services/export/exportTypes.ts';
import { mountSkip, mountTmpfs } from '../../../helpers/smallMount.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { withinSeconds } from '../../../helpers/timeLimit.ts';
import { addCaption, allImageIds, photoLibrary } from './captionedLibrary.ts';
import { listFiles } from './treeSnapshot.ts';

const captionText = (i: number, length: number) => `Photo ${i}: ${'words '.repeat(length / 6)}`;

async function captioned(t: import('node:test').TestContext, count: number, captionLength = 40) {
  const files = Array.from({ length: count }, (_, i) => `p${String(i).padStart(3, '0')}.jpg`);
  const lib = await photoLibrary(t, files);
  for (const [i, file] of files.entries()) addCaption(lib.db, lib.ids.get(file)!, { text: captionText(i, captionLength), status: 'accepted' });
  return lib;
}

const partials = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.partial')) : []);

describe('exports that cannot be written', () => {
  test('every format refuses a folder that cannot be created, at once and with the cause', async (t) => {
    const lib = await captioned(t, 2);
    for (const format of exportFormats) {
      for (const besideImages of format === 'txt' || format === 'xmp' ? [false, true] : [false]) {
        const error = await withinSeconds(5, exportCaptions(lib.db, { format, outDir: '/proc/prismer-studio-x', imageIds: allImageIds(lib.db), besideImages }).then(() => null, (e: unknown) => e));
        assert.ok(error instanceof Error, `${format}: refused`);
        assert.equal(error.message, 'Cannot create the export folder /proc/prismer-studio-x: the file system at /proc does not allow new folders there.', format);
      }
    }
  });

  test('a file where the export folder should be is "not a folder"; the file is untouched', async (t) => {
    const lib = await captioned(t, 2);
    const file = join(tempDir(t), 'taken');
    writeFileSync(file, 'mine');
    await assert.rejects(exportCaptions(lib.db, { format: 'coco', outDir: file, imageIds: allImageIds(lib.db) }), { message: `Cannot use the export folder ${file}: it is a file, not a folder.` });
    assert.equal(readFileSync(file, 'utf8'), 'mine');
  });

  test('a read-only file system is named as such (Node itself says ENOENT there)', { skip: mountSkip }, async (t) => {
    const lib = await captioned(t, 2);
    const disk = mountTmpfs(t, 1 << 20, { readOnly: true });
    await assert.rejects(exportCaptions(lib.db, { format: 'jsonl', outDir: join(disk.path, 'x'), imageIds: allImageIds(lib.db) }), {
      message: `Cannot create the export folder ${join(disk.path, 'x')}: the file system is read-only (EROFS).`,
    });
  });

  test('the disk filling up mid-export: the cause, no temporary file, the earlier export untouched', { skip: mountSkip }, async (t) => {
    // 40 captions of 60 kB make a 2.4 MB CSV on a disk with about 1.2 MB free.
    const lib = await captioned(t, 40, 60_000);
    const disk = mountTmpfs(t, 1_300_000);
    const out = join(disk.path, 'dataset');
    mkdirSync(out);
    writeFileSync(join(out, 'captions.csv'), 'the earlier export\n');
    const error = await withinSeconds(20, exportCaptions(lib.db, { format: 'csv', outDir: out, imageIds: allImageIds(lib.db), batchSize: 4 }).then(() => null, (e: unknown) => e));
    assert.ok(error instanceof Error, `the export failed: ${JSON.stringify(error)}`);
    assert.match(error.message, new RegExp(`^The export to ${out} failed: no space left on the device \\(ENOSPC\\)\\. Nothing of this export was kept; an earlier export in that folder is as it was\\.$`));
    assert.deepEqual(partials(out), [], 'the temporary file was removed');
    assert.deepEqual(listFiles(out), ['captions.csv']);
    assert.equal(readFileSync(join(out, 'captions.csv'), 'utf8'), 'the earlier export\n');
  });

  test('sidecars on a disk that fills up: those written are whole, and the failure says so', { skip: mountSkip }, async (t) => {
    const lib = await captioned(t, 40, 60_000);
    const disk = mountTmpfs(t, 1_300_000);
    const out = join(disk.path, 'sidecars');
    const error = await withinSeconds(20, exportCaptions(lib.db, { format: 'txt', outDir: out, imageIds: allImageIds(lib.db), batchSize: 4 }).then(() => null, (e: unknown) => e));
    assert.ok(error instanceof Error);
    assert.match(error.message, /failed: no space left on the device \(ENOSPC\)\. The sidecars written before it are whole, and the manifest lists them where there was still room for it\.$/);
    assert.deepEqual(partials(out), []);
    const sidecars = readdirSync(out).filter((n) => n.endsWith('.txt'));
    assert.ok(sidecars.length > 0 && sidecars.length < 40, `${sidecars.length} sidecars written`);
    for (const name of sidecars) {
      const n = Number(/^p(\d+)\.txt$/.exec(name)![1]);
      const text = readFileSync(join(out, name), 'utf8');
      assert.ok(text.trim() === captionText(n, 60_000).trim(), `${name} is whole (${text.length} characters)`);
    }
    if (existsSync(join(out, 'prismer-studio-manifest.json'))) {
      const manifest = JSON.parse(readFileSync(join(out, 'prismer-studio-manifest.json'), 'utf8')) as { files: { file: string }[] };
      assert.deepEqual(manifest.files.map((f) => f.file).sort(), sidecars.sort(), 'the manifest lists exactly the sidecars written');
    }
  });

  test('the export folder removed mid-export: the export fails with the cause and does not make it again', async (t) => {
    const lib = await captioned(t, 6);
    for (const format of ['csv', 'txt', 'coco'] satisfies ExportFormat[]) {
      const out = join(tempDir(t), format);
      const ids = allImageIds(lib.db);
      async function* removingAfterFirst() {
        yield ids[0]!;
        yield ids[1]!;
        rmSync(out, { recursive: true, force: true });
        for (const id of ids.slice(2)) yield id;
      }
      const error = await withinSeconds(10, exportCaptions(lib.db, { format, outDir: out, imageIds: removingAfterFirst(), batchSize: 1 }).then(() => null, (e: unknown) => e));
      assert.ok(error instanceof Error, `${format}: failed`);
      assert.match(error.message, new RegExp(`^(The export to ${out} failed: it does not exist \\(removed, or its drive unplugged\\) \\(ENOENT\\)|Cannot create a folder of the export .*: ${out} was removed)`), format);
      assert.equal(existsSync(out), false, `${format}: the removed folder was not made again`);
    }
  });
});

describe('export jobs that cannot be written', () => {
  test('exports.run refuses an unusable folder at once; a failing job is Failed with the reason; the next export runs', async (t) => {
    const lib = await captioned(t, 3);
    const { studio } = lib;
    const refused = await withinSeconds(5, studio.exports.export({ scope: { all: true }, format: 'coco', outDir: '/proc/prismer-studio-x' }).then(() => null, (e: unknown) => e));
    assert.ok(refused instanceof StudioError);
    assert.equal(refused.code, 'invalid');
    assert.match(refused.message, /does not allow new folders there/);
    assert.equal(studio.jobs.list().filter((j) => j.kind === 'export').length, 0, 'no job was made');

    // A job whose folder went bad after it was queued (e.g. resumed after a restart) fails; it does not hang.
    const badJob = studio.jobs.enqueue('export', 'Exporting the library as coco', { scope: { all: true }, format: 'coco', outDir: '/proc/prismer-studio-x' });
    const good = join(tempDir(t), 'good');
    const next = (await studio.exports.export({ scope: { all: true }, format: 'coco', outDir: good })).jobId;
    const failed = await withinSeconds(5, studio.jobs.wait(badJob));
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error, 'Cannot create the export folder /proc/prismer-studio-x: the file system at /proc does not allow new folders there.');
    const done = await withinSeconds(10, studio.jobs.wait(next));
    assert.equal(done.state, 'done', done.error ?? '');
    assert.equal((done.result as ExportResult).exported, 3);
  });

  test('cancel ends an export job within a second whatever it waits on', async (t) => {
    const { studio } = await captioned(t, 3);
    // A runner that never returns stands for an export stuck on a dead network drive.
    studio.jobs.register('stuck-export', () => new Promise(() => {}));
    const id = studio.jobs.enqueue('stuck-export', 'Exporting to a dead drive', {});
    await new Promise((r) => setTimeout(r, 50));
    const asked = performance.now();
    studio.jobs.cancel(id);
    const ended = await withinSeconds(2, studio.jobs.wait(id));
    assert.equal(ended.state, 'cancelled');
    assert.ok(performance.now() - asked < 1000);
    const next = (await studio.exports.export({ scope: { all: true }, format: 'csv', outDir: join(tempDir(t), 'after') })).jobId;
    assert.equal((await withinSeconds(10, studio.jobs.wait(next))).state, 'done');
  });
});
