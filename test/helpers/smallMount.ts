// Real file-system faults for tests: a tmpfs of a few kilobytes (fills up: ENOSPC) or a read-only one
// (EROFS), mounted in a temporary folder and unmounted when the test ends, and a child process run as
// the unprivileged user `nobody` (tests run as root, where permissions do not bite: EACCES). Where the
// machine does not allow mounts or changing user, `faultSkip` says why and the test is skipped.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

function run(command: string, args: string[]): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: 'utf8' });
}

function probeMounts(): string | false {
  if (process.platform !== 'linux') return 'tmpfs mounts are a Linux test fixture';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = mkdtempSync(join(tmpdir(), 'mount-probe-'));
  try {
    const mounted = run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    if (mounted.status !== 0) return `this machine does not allow tmpfs mounts (${mounted.stderr.trim() || `exit ${mounted.status}`})`;
    run('umount', [dir]);
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `test(…, { skip: mountSkip })`: false where tmpfs mounts work, else the reason. */
export const mountSkip: string | false = probeMounts();

/** `test(…, { skip: asNobodySkip })`: false where a child process can run as `nobody`. */
export const asNobodySkip: string | false =
  process.platform === 'linux' && process.getuid?.() === 0 ? false : 'running a child as another user needs root on Linux';

export const nobody = { uid: 65534, gid: 65534 } as const;

export interface SmallMount {
  readonly path: string;
  /** Makes the mount read-only from now on (what is on it stays readable). */
  readOnly(): void;
}

/** A fresh tmpfs of `sizeBytes`, unmounted (lazily, so a test's open file cannot block it) after the test. */
export function mountTmpfs(t: TestContext, sizeBytes: number, options: { readOnly?: boolean } = {}): SmallMount {
  const parent = mkdtempSync(join(tmpdir(), 'small-mount-'));
  const path = join(parent, 'disk');
  mkdirSync(path);
  const mounted = run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0777${options.readOnly ? ',ro' : ''}`, 'tmpfs', path]);
  if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr}`);
  t.after(() => {
    run('umount', ['-l', path]);
    rmSync(parent, { recursive: true, force: true });
  });
  return {
    path,
    readOnly() {
      const again = run('mount', ['-o', 'remount,ro', path]);
      if (again.status !== 0) throw new Error(`remount read-only failed: ${again.stderr}`);
    },
  };
}

/** A folder others may write into (for a child run as `nobody`), removed after the test. */
export function sharedTempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'shared-'));
  chmodSync(dir, 0o777);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
