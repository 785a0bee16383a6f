// `prismer-studio export` and `import-captions`, run as a user runs them: the launcher in a child process
// over a library scanned by `scan`. Each format writes its file and --json prints the result; --folder
// limits the export; --accepted-only, --copy-images and --beside-images reach the service; sidecars
// written beside the images import into a fresh library; bad usage exits 2 and writes nothing; a folder
// that cannot take the export (cannot be created, a file, read-only, full, not ours to write) fails at
// once with exit 1 and the cause — each run has a time limit, so a hang fails the test.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase } from '../../db/open.ts';
import type { ExportResult } from '../../electron/services/export/exportTypes.ts';
import type { ImportCaptionsResult } from '../../electron/services/import/importCaptions.ts';
import { writePhoto } from '../helpers/images.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { asNobodySkip, mountSkip, mountTmpfs, nobody, sharedTempDir } from '../helpers/smallMount.ts';


const cli = (args: string[], home: string) => runCli(args, { PRISMER_STUDIO_HOME: home });

/** A scanned library (a.jpg, b.jpg, trip/c.jpg) with a caption per image: AI accepted, human candidate, AI accepted. */
async function library(t: TestContext, dir = tempDir(t)) {
  const photos = join(dir, 'photos');
  const home = join(dir, 'home');
  for (const [i, f] of ['a.jpg', 'b.jpg', 'trip/c.jpg'].entries()) await writePhoto(join(photos, f), { seed: i + 1 });
  assert.equal(cli(['scan', photos, '--no-thumbnails', '--json'], home).code, 0);
  const db = openDatabase(join(home, 'library.db'));
  const add = db.prepare('INSERT INTO captions (image_id, text, source, status, model_id, created_at) SELECT id, ?, ?, ?, ?, 1 FROM images WHERE file_name = ?');
  add.run('An AI caption of a.', 'ai', 'accepted', 'prismerz-base', 'a.jpg');
  add.run('A human caption of b.', 'human', 'candidate', null, 'b.jpg');
  add.run('An AI caption of c.', 'ai', 'accepted', 'prismerz-base', 'c.jpg');
  db.close();
  return { dir, photos, home };
}

describe('prismer-studio export / import-captions', () => {
  test('every format writes its file; --json prints the result', async (t) => {
    const lib = await library(t);
    const expected = { coco: 'captions.json', imagefolder: 'metadata.jsonl', jsonl: 'conversations.jsonl', csv: 'captions.csv', txt: 'prismer-studio-manifest.json', xmp: 'prismer-studio-manifest.json' };
    for (const [format, file] of Object.entries(expected)) {
      const out = join(lib.dir, 'out', format);
      const run = cli(['export', '--format', format, '--out', out, '--json'], lib.home);
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(run.stdout) as ExportResult;
      assert.equal(result.format, format);
      assert.equal(result.exported, 3);
      assert.deepEqual(result.files, [join(out, file)]);
      assert.ok(existsSync(join(out, file)));
    }
    const coco = JSON.parse(readFileSync(join(lib.dir, 'out', 'coco', 'captions.json'), 'utf8')) as { annotations: { caption: string; source: string }[] };
    assert.deepEqual(coco.annotations.map((a) => [a.caption, a.source]).sort(), [
      ['A human caption of b.', 'human'],
      ['An AI caption of a.', 'ai'],
      ['An AI caption of c.', 'ai'],
    ]);
  });

  test('--folder, --accepted-only and --copy-images; a summary without --json', async (t) => {
    const lib = await library(t);
    const out = join(lib.dir, 'hf');
    const run = cli(['export', '--format', 'imagefolder', '--out', out, '--folder', join(lib.photos, 'trip'), '--accepted-only', '--copy-images'], lib.home);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Exported 1 image as imagefolder to .* images\/s\)$/m);
    assert.deepEqual(readFileSync(join(out, 'metadata.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { file_name: string }).file_name), ['trip/c.jpg']);
    assert.ok(existsSync(join(out, 'trip', 'c.jpg')));

    const accepted = cli(['export', '--format', 'csv', '--out', join(lib.dir, 'csv'), '--accepted-only'], lib.home);
    assert.match(accepted.stdout, /Exported 2 images .*\nSkipped 1 without a caption/);
  });

  test('--view exports a saved view’s images; an unknown view exits 2', async (t) => {
    const lib = await library(t);
    const db = openDatabase(join(lib.home, 'library.db'));
    db.prepare(`INSERT INTO saved_views (name, query_json, created_at, updated_at) VALUES ('AI only', ?, 0, 0)`).run(JSON.stringify({ reviewStatus: ['accepted'] }));
    db.close();
    const out = join(lib.dir, 'view');
    const run = cli(['export', '--format', 'csv', '--out', out, '--view', 'AI only', '--json'], lib.home);
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as ExportResult).exported, 2);
    assert.doesNotMatch(readFileSync(join(out, 'captions.csv'), 'utf8'), /human caption/);
    const unknown = cli(['export', '--format', 'csv', '--out', out, '--view', 'Nope'], lib.home);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no saved view "Nope"/);
  });

  test('txt sidecars beside the images import into a fresh library', async (t) => {
    const lib = await library(t);
    const run = cli(['export', '--format', 'txt', '--out', join(lib.dir, 'report'), '--beside-images', '--accepted-only'], lib.home);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(join(lib.photos, 'trip', 'c.txt'), 'utf8'), 'An AI caption of c.\n');
    assert.ok(!existsSync(join(lib.photos, 'b.txt')));

    const fresh = join(lib.dir, 'fresh');
    assert.equal(cli(['scan', lib.photos, '--no-thumbnails', '--json'], fresh).code, 0);
    const imported = cli(['import-captions', lib.photos, '--json'], fresh);
    assert.equal(imported.code, 0, imported.stderr);
    const result = JSON.parse(imported.stdout) as ImportCaptionsResult;
    assert.equal(result.images, 3);
    assert.equal(result.accepted, 2);
    const again = cli(['import-captions', lib.photos], fresh);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 imported as accepted, 0 as candidates, 2 already present/);
  });

  test('bad usage exits 2 and writes nothing', async (t) => {
    const lib = await library(t);
    const out = join(lib.dir, 'never');
    assert.equal(cli(['export', '--format', 'coco'], lib.home).code, 2);
    assert.equal(cli(['export', '--out', out], lib.home).code, 2);
    const bad = cli(['export', '--format', 'parquet', '--out', out, '--json'], lib.home);
    assert.equal(bad.code, 2);
    assert.match((JSON.parse(bad.stdout) as { error: string }).error, /--format must be one of coco, imagefolder, jsonl, csv, txt, xmp/);
    assert.equal(cli(['export', '--format', 'csv', '--out', out, '--beside-images'], lib.home).code, 2);
    assert.equal(cli(['export', '--format', 'csv', '--out', out, '--with-facts'], lib.home).code, 2);
    assert.equal(cli(['export', 'extra', '--format', 'csv', '--out', out], lib.home).code, 2);
    assert.equal(cli(['import-captions'], lib.home).code, 2);
    assert.ok(!existsSync(out));
  });

  test('a folder that cannot take the export fails at once with the cause, exit 1', async (t) => {
    const lib = await library(t);
    const exportTo = (out: string, extra: string[] = []) => runCli(['export', '--format', 'coco', '--out', out, ...extra], { PRISMER_STUDIO_HOME: lib.home }, { timeoutMs: 30_000 });
    const proc = exportTo('/proc/prismer-studio-x');
    assert.equal(proc.timedOut, false, 'it ends');
    assert.equal(proc.code, 1);
    assert.equal(proc.stderr.trim(), 'Cannot create the export folder /proc/prismer-studio-x: the file system at /proc does not allow new folders there.');
    const json = exportTo('/proc/prismer-studio-x', ['--json']);
    assert.equal(json.code, 1);
    assert.match((JSON.parse(json.stdout) as { error: string }).error, /does not allow new folders there/);
    const file = join(lib.dir, 'a-file');
    writeFileSync(file, 'mine');
    const onFile = exportTo(file);
    assert.equal(onFile.code, 1);
    assert.equal(onFile.stderr.trim(), `Cannot use the export folder ${file}: it is a file, not a folder.`);
    assert.equal(readFileSync(file, 'utf8'), 'mine');
  });

  test('an export with nothing in it exits 1, says so and writes no file', async (t) => {
    const lib = await library(t);
    const none = cli(['export', '--format', 'csv', '--out', join(lib.dir, 'none'), '--folder', join(lib.photos, 'nowhere')], lib.home);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /Nothing was exported, so no file was written: there is no photo in that scope\./);
    assert.equal(existsSync(join(lib.dir, 'none')), false);
  });

  test('import-captions from a folder that is not there says so (exit 1), not "0 images looked at"', async (t) => {
    const lib = await library(t);
    const gone = join(lib.dir, 'unplugged');
    const result = cli(['import-captions', gone], lib.home);
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trim(), `Cannot read the folder ${gone}: it does not exist (removed, or its drive unplugged) (ENOENT).`);
  });

  test('read-only and full file systems are named as such', { skip: mountSkip }, async (t) => {
    const lib = await library(t);
    const exportTo = (out: string) => runCli(['export', '--format', 'csv', '--out', out], { PRISMER_STUDIO_HOME: lib.home }, { timeoutMs: 30_000 });
    const readOnly = mountTmpfs(t, 1 << 20, { readOnly: true });
    const ro = exportTo(join(readOnly.path, 'x'));
    assert.equal(ro.code, 1);
    assert.equal(ro.stderr.trim(), `Cannot create the export folder ${join(readOnly.path, 'x')}: the file system is read-only (EROFS).`);
    const full = mountTmpfs(t, 64 * 1024);
    writeFileSync(join(full.path, 'filler'), Buffer.alloc(60 * 1024));
    const nospace = exportTo(join(full.path, 'x'));
    assert.equal(nospace.code, 1);
    assert.match(nospace.stderr, /^Cannot write into the export folder .*\/x: no space left on the device \(.* free, 1\.0 MB needed\) \(ENOSPC\)\.$/m);
    assert.deepEqual(readdirSync(full.path), ['filler'], 'nothing is left behind');
  });

  test('a folder the user may not write: "permission denied"', { skip: asNobodySkip }, async (t) => {
    const dir = sharedTempDir(t);
    const lib = await library(t, dir);
    // The library is the unprivileged user's to use; the export folder is root's.
    chmodSync(lib.home, 0o777);
    for (const entry of readdirSync(lib.home)) chmodSync(join(lib.home, entry), 0o777);
    const locked = join(dir, 'root-only');
    mkdirSync(locked, { mode: 0o755 });
    const denied = runCli(['export', '--format', 'txt', '--out', locked], { PRISMER_STUDIO_HOME: lib.home }, { timeoutMs: 30_000, user: nobody });
    assert.equal(denied.code, 1, denied.stderr);
    assert.equal(denied.stderr.trim(), `Cannot write into the export folder ${locked}: permission denied (EACCES).`);
  });
});
