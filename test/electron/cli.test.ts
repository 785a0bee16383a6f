// Specification of the headless CLI, run as a user runs it: the `prismer-studio` launcher in a child
// process, against real folders and database files.
import assert from 'node:assert/strict';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { writeBytes, writePhoto } from '../helpers/images.ts';


const cli = runCli;

describe('prismer-studio scan', () => {
  test('imports, then rescans, printing what changed (text and --json)', async (t) => {
    const dir = tempDir(t);
    const lib = join(dir, 'photos');
    const db = join(dir, 'db', 'library.db');
    await writePhoto(join(lib, 'a.jpg'), { seed: 1 });
    await writePhoto(join(lib, 'sub', 'b.png'), { seed: 2, format: 'png' });
    await writePhoto(join(lib, 'c.jpg'), { seed: 3 });
    writeBytes(join(lib, 'broken.jpg'), 'not really');

    const first = cli(['scan', lib, '--db', db]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /3 added, 0 updated, 0 moved, 0 removed, 0 unchanged, 1 failed/);
    assert.match(first.stdout, /failed: .*broken\.jpg: Not an image/);
    assert.ok(existsSync(db));

    renameSync(join(lib, 'a.jpg'), join(lib, 'sub', 'a-renamed.jpg'));
    rmSync(join(lib, 'c.jpg'));
    await writePhoto(join(lib, 'd.webp'), { seed: 4, format: 'webp' });
    const second = cli(['scan', lib, '--db', db, '--json']);
    assert.equal(second.code, 0, second.stderr);
    const summary = JSON.parse(second.stdout) as Record<string, unknown>;
    assert.equal(summary.added, 1);
    assert.equal(summary.moved, 1);
    assert.equal(summary.removed, 1);
    assert.equal(summary.unchanged, 2, 'b.png and the failed broken.jpg were not re-read');
    assert.deepEqual(summary.failed, []);
  });

  test('keeps its library in PRISMER_STUDIO_HOME when no --db is given', async (t) => {
    const dir = tempDir(t);
    const home = join(dir, 'home');
    await writePhoto(join(dir, 'photos', 'a.jpg'));
    const result = cli(['scan', join(dir, 'photos'), '--json'], { PRISMER_STUDIO_HOME: home });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(existsSync(join(home, 'library.db')));
    assert.ok(existsSync(join(home, 'cache', 'thumbnails')));
  });

  test('with --db in the home folder, photos under it are scanned; the cache goes to FILE.cache beside the database', async (t) => {
    const home = join(tempDir(t), 'home');
    await writePhoto(join(home, 'Pictures', 'a.jpg'));
    const db = join(home, 'studio.db');
    const env = { PRISMER_STUDIO_HOME: '' };
    const result = runCli(['scan', join(home, 'Pictures'), '--db', db, '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((JSON.parse(result.stdout) as { added: number }).added, 1);
    assert.ok(existsSync(join(home, 'studio.db.cache', 'cache', 'thumbnails')));
    assert.equal(existsSync(join(home, 'cache')), false, 'nothing of the studio is spread over the home folder');
    const own = runCli(['scan', join(home, 'studio.db.cache'), '--db', db], env);
    assert.equal(own.code, 1);
    assert.match(own.stderr, /own data folder/);
  });

  test('--no-thumbnails imports without making thumbnails', async (t) => {
    const dir = tempDir(t);
    const home = join(dir, 'home');
    await writePhoto(join(dir, 'photos', 'a.jpg'));
    const result = cli(['scan', join(dir, 'photos'), '--no-thumbnails'], { PRISMER_STUDIO_HOME: home });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(existsSync(join(home, 'cache', 'thumbnails')), false);
  });

  test('explains bad usage and missing folders with a non-zero exit', (t) => {
    const home = join(tempDir(t), 'home');
    const unknown = cli(['frobnicate'], { PRISMER_STUDIO_HOME: home });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"/);
    const missing = cli(['scan', '/no/such/folder'], { PRISMER_STUDIO_HOME: home });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Cannot open \/no\/such\/folder: does not exist/);
    assert.match(cli(['--help']).stdout, /prismer-studio scan <folder>/);
  });
});
