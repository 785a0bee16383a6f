// Runs the `prismer-studio` launcher as a user does: a child process with extra environment variables,
// returning its exit code and output.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../electron/packageRoot.ts';

export const cliLauncher = join(packageRoot, 'bin', 'prismer-studio.js');

export function runCli(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliLauncher, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
