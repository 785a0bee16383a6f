// For crash tests: runs a helper script in a child process, waits until it prints "progress" (work is
// under way), then kills it with SIGKILL — no cleanup, as a crash or a pulled plug would leave things.
import { spawn } from 'node:child_process';

export async function killAfterProgress(script: string, args: readonly string[]): Promise<void> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('progress')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before it was killed`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}
