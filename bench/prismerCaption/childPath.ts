// One benchmarked path as a child process that speaks JSON lines: it says {"ready"} once loaded, runs once
// per "run" written to its stdin ({"run": …}) and ends with {"summary": …} after "end". Keeping both paths
// loaded lets the benchmark alternate their runs, so a change in the machine's load hits both alike, while
// each process's peak RSS stays its own. The child's stderr is passed through.
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export class ChildPath {
  readonly #child: ChildProcessByStdio<Writable, Readable, null>;
  readonly #lines: AsyncIterator<string>;
  readonly #exited: Promise<number | null>;
  readonly #label: string;

  constructor(label: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env) {
    this.#label = label;
    this.#child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'], env });
    this.#exited = new Promise((resolve, reject) => {
      this.#child.on('error', reject);
      this.#child.on('close', resolve);
    });
    this.#exited.catch(() => undefined); // awaited where it matters; a spawn error also ends stdout
    this.#lines = createInterface({ input: this.#child.stdout })[Symbol.asyncIterator]();
  }

  /** The next JSON message that has `key`; other stdout lines are ignored. */
  async next<T>(key: string): Promise<T> {
    for (;;) {
      const line = await this.#lines.next();
      if (line.done) throw new Error(`${this.#label} ended (exit ${await this.#exited.catch(String)}) before saying "${key}"`);
      if (!line.value.startsWith('{')) continue;
      const message = JSON.parse(line.value) as Record<string, unknown>;
      if (key in message) return message[key] as T;
    }
  }

  async run<T>(): Promise<T> {
    this.#child.stdin.write('run\n');
    return this.next<T>('run');
  }

  async end<T>(): Promise<T> {
    this.#child.stdin.end('end\n');
    const summary = await this.next<T>('summary');
    const code = await this.#exited;
    if (code !== 0) throw new Error(`${this.#label} exited with ${code}`);
    return summary;
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }
}
