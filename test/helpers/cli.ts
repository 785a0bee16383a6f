// Runs the `prismer-studio` launcher as a user does: a child process with extra environment variables,
// returning its exit code and output. `timeoutMs` ends a hung command (exit code null, `timedOut`) so the
// test fails instead of stalling CI; `user` runs it as another user (tests run as root).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../electron/packageRoot.ts';

export const cliLauncher = join(packageRoot, 'bin', 'prismer-studio.js');

export interface CliRunOptions {
  readonly timeoutMs?: number;
  readonly user?: { readonly uid: number; readonly gid: number };
}

export function runCli(args: string[], env: Record<string, string> = {}, options: CliRunOptions = {}): { code: number | null; stdout: string; stderr: string; timedOut: boolean } {
  const result = spawnSync(process.execPath, [cliLauncher, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const } : {}),
    ...(options.user ?? {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' };
}
