// A one-line progress bar for long CLI commands, written to stderr so --json output on stdout stays
// clean. On a non-terminal it prints a plain line every few seconds instead of redrawing.
import type { JobInfo } from '../api/jobs.ts';
import { formatDuration } from './format.ts';

export class ProgressBar {
  readonly #stream: NodeJS.WriteStream;
  readonly #interactive: boolean;
  #lastPlain = 0;
  #drawn = false;

  constructor(stream: NodeJS.WriteStream = process.stderr) {
    this.#stream = stream;
    this.#interactive = Boolean(stream.isTTY);
  }

  update(job: JobInfo): void {
    const line = describe(job, this.#interactive ? Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - 60)) : 0);
    if (this.#interactive) {
      this.#stream.write(`\r\x1b[2K${line}`);
      this.#drawn = true;
    } else if (Date.now() - this.#lastPlain > 3000) {
      this.#lastPlain = Date.now();
      this.#stream.write(`${line}\n`);
    }
  }

  done(): void {
    if (this.#drawn) this.#stream.write('\r\x1b[2K');
    this.#drawn = false;
  }
}

export function describe(job: JobInfo, width: number): string {
  const parts: string[] = [];
  if (job.total !== null && job.total > 0) {
    const fraction = Math.min(1, job.done / job.total);
    if (width > 0) {
      const filled = Math.round(fraction * width);
      parts.push(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`);
    }
    parts.push(`${job.done}/${job.total}`);
  } else {
    parts.push(job.detail ?? 'Starting…');
  }
  if (job.rate !== null) parts.push(`${job.rate.toFixed(job.rate < 10 ? 1 : 0)} files/s`);
  if (job.etaSeconds !== null) parts.push(`ETA ${formatDuration(job.etaSeconds)}`);
  if (job.failed > 0) parts.push(`${job.failed} failed`);
  return parts.join('  ');
}
