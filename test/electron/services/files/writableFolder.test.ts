// Specification of the check before the studio writes into a folder a person chose: it ends (never hangs,
// even where Node's recursive mkdir loops forever), it says the operating system's cause in plain words —
// read-only, permission denied, no space, not a folder, cannot be created there — and it leaves nothing
// behind when it refuses.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { FileProblem } from '../../../../electron/services/files/fileErrors.ts';
import { makeFolder } from '../../../../electron/services/files/makeFolder.ts';
import { checkWritableFolder } from '../../../../electron/services/files/writableFolder.ts';
import { asNobodySkip, mountSkip, mountTmpfs, nobody, sharedTempDir } from '../../../helpers/smallMount.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { withinSeconds } from '../../../helpers/timeLimit.ts';

const writableFolderModule = fileURLToPath(new URL('../../../../electron/services/files/writableFolder.ts', import.meta.url));

describe('a folder to write into', () => {
  test('is created with its missing parents and checked; the probe file is gone afterwards', async (t) => {
    const dir = tempDir(t);
    const target = join(dir, 'a', 'b', 'c');
    const checked = await checkWritableFolder(target, { what: 'the export folder' });
    assert.equal(checked.path, target);
    assert.deepEqual(checked.created, [join(dir, 'a'), join(dir, 'a', 'b'), target]);
    assert.ok(checked.freeBytes !== null && checked.freeBytes > 0);
    assert.deepEqual(readdirSync(target), [], 'the write probe was removed');
    const again = await checkWritableFolder(target);
    assert.deepEqual(again.created, [], 'an existing folder is used as it is');
  });

  test('a folder that cannot be created ends at once with the cause (/proc/x: Node’s own mkdir loops forever there)', async () => {
    const error = await withinSeconds(5, checkWritableFolder('/proc/prismer-studio-x/y', { what: 'the export folder' }).then(() => null, (e: unknown) => e));
    assert.ok(error instanceof FileProblem, String(error));
    assert.match(error.message, /^Cannot create the export folder \/proc\/prismer-studio-x\/y: the file system at \/proc does not allow new folders there\.$/);
  });

  test('a file where the folder should be, or in its path, is "not a folder"', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'taken'), 'a file');
    await assert.rejects(checkWritableFolder(join(dir, 'taken'), { what: 'the export folder' }), {
      message: `Cannot use the export folder ${join(dir, 'taken')}: it is a file, not a folder.`,
    });
    await assert.rejects(checkWritableFolder(join(dir, 'taken', 'inner')), { message: `Cannot create the folder ${join(dir, 'taken', 'inner')}: ${join(dir, 'taken')} is a file, not a folder.` });
  });

  test('inside a folder that was removed, nothing is made again', async (t) => {
    const dir = tempDir(t);
    const out = join(dir, 'export');
    await assert.rejects(makeFolder(join(out, 'images', 'a'), { what: 'a folder of the export', inside: out }), { message: `Cannot create a folder of the export ${join(out, 'images', 'a')}: ${out} was removed.` });
    assert.equal(existsSync(out), false);
  });

  test('a read-only file system: "read-only (EROFS)", whether the folder exists or is to be made', { skip: mountSkip }, async (t) => {
    const disk = mountTmpfs(t, 1 << 20);
    mkdirSync(join(disk.path, 'existing'));
    disk.readOnly();
    await assert.rejects(checkWritableFolder(join(disk.path, 'existing'), { what: 'the export folder' }), {
      message: `Cannot write into the export folder ${join(disk.path, 'existing')}: the file system is read-only (EROFS).`,
    });
    await assert.rejects(checkWritableFolder(join(disk.path, 'new', 'deeper'), { what: 'the export folder' }), {
      message: `Cannot create the export folder ${join(disk.path, 'new')}: the file system is read-only (EROFS).`,
    });
  });

  test('a full file system: "no space left", and the folder the check made is removed again', { skip: mountSkip }, async (t) => {
    const disk = mountTmpfs(t, 64 * 1024);
    writeFileSync(join(disk.path, 'filler'), Buffer.alloc(60 * 1024));
    const error = await checkWritableFolder(join(disk.path, 'out'), { what: 'the export folder' }).then(() => null, (e: unknown) => e);
    assert.ok(error instanceof FileProblem);
    assert.equal(error.code, 'ENOSPC');
    assert.match(error.message, /^Cannot write into the export folder .*\/out: no space left on the device/);
    assert.deepEqual(readdirSync(disk.path), ['filler'], 'no folder or probe file is left behind');
  });

  test('a folder the user may not write: "permission denied (EACCES)"', { skip: asNobodySkip }, (t) => {
    const dir = sharedTempDir(t);
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o755 }); // root's: others cannot write
    const script = `import(${JSON.stringify(writableFolderModule)}).then((m) => Promise.all([m.checkWritableFolder(${JSON.stringify(locked)}, { what: 'the export folder' }).catch((e) => e.message), m.checkWritableFolder(${JSON.stringify(join(locked, 'sub'))}, { what: 'the export folder' }).catch((e) => e.message)])).then((r) => console.log(JSON.stringify(r)))`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { ...nobody, encoding: 'utf8', timeout: 20_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), [
      `Cannot write into the export folder ${locked}: permission denied (EACCES).`,
      `Cannot create the export folder ${join(locked, 'sub')}: permission denied (EACCES).`,
    ]);
  });
});
