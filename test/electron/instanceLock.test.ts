// Specification of the one-studio-per-data-folder lock: the first start takes it, a second one sees the
// owner (pid, shell, link), a lock left by a dead process or half written is taken over, and release
// removes only our own lock.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { acquireInstanceLock, alreadyRunningMessage, lockFileName } from '../../electron/instanceLock.ts';
import { tempDir } from '../helpers/tempDir.ts';

const owner = { shell: 'web' as const, database: '/d/library.db', url: null };

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('instance lock', () => {
  test('the first start takes it; another process is told who owns it; release frees it', (t) => {
    const dir = tempDir(t);
    const first = acquireInstanceLock(dir, owner);
    assert.ok(first.acquired);
    first.lock.setUrl('http://127.0.0.1:4000/?token=abc');
    assert.equal(statSync(join(dir, lockFileName)).mode & 0o777, 0o600, 'only the user may read the link it holds');
    // Another process: imitated by a lock file naming a live pid that is not ours (our parent).
    const path = join(dir, lockFileName);
    const held = JSON.parse(readFileSync(path, 'utf8')) as { pid: number };
    writeFileSync(path, JSON.stringify({ ...held, pid: process.ppid }));
    const second = acquireInstanceLock(dir, owner);
    assert.equal(second.acquired, false);
    assert.ok(!second.acquired && second.owner.pid === process.ppid && second.owner.url === 'http://127.0.0.1:4000/?token=abc');
    const message = !second.acquired ? alreadyRunningMessage(second.owner, dir) : '';
    assert.match(message, new RegExp(`already running on ${dir} in web mode at http://127\\.0\\.0\\.1:4000/ \\(process ${process.ppid}\\)`));
    assert.doesNotMatch(message, /token/, 'the message does not print the token');
    // Our release does not remove another's lock.
    first.lock.release();
    assert.ok(existsSync(path));
  });

  test('a lock left by a process that died, or an unreadable one, is taken over', (t) => {
    const dir = tempDir(t);
    const path = join(dir, lockFileName);
    writeFileSync(path, JSON.stringify({ pid: deadPid(), shell: 'electron', startedAt: 1, database: '/x', url: null }));
    const taken = acquireInstanceLock(dir, owner);
    assert.ok(taken.acquired);
    assert.equal((JSON.parse(readFileSync(path, 'utf8')) as { pid: number }).pid, process.pid);
    taken.lock.release();
    assert.equal(existsSync(path), false);
    writeFileSync(path, '{"pid": 12');
    const again = acquireInstanceLock(dir, owner);
    assert.ok(again.acquired);
    again.lock.release();
  });
});
