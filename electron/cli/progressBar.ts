// A one-line progress bar for long CLI commands, written to stderr so --json output on stdout stays
// clean. On a non-terminal it prints a plain line every few seconds instead of redrawing. Counts are of
// a unit: items ('files', the default) or 'bytes' (sizes and rates in kB/MB/GB).
import type { JobInfo } from '../api/jobs.ts';
import { formatBytes } from '../services/files/byteSizes.ts';
import { formatDuration } from './format.ts';

/** 'bytes', or the plural noun of what is counted ('files'). */
export type ProgressUnit = 'bytes' | (string & {});

export interface ProgressBarOptions {
  readonly unit?: ProgressUnit;
}

export class ProgressBar {
  readonly #stream: NodeJS.WriteStream;
  readonly #interactive: boolean;
  readonly #unit: ProgressUnit;
  #lastPlain = 0;
  #drawn = false;

  constructor(stream: NodeJS.WriteStream = process.stderr, options: ProgressBarOptions = {}) {
    this.#stream = stream;
    this.#unit = options.unit ?? 'files';
    this.#interactive = Boolean(stream.isTTY);
  }

  update(job: JobInfo): void {
    const line = describe(job, this.#interactive ? Math.max(10, Math.min(40, (this.#stream.columns ?? 80) - 60)) : 0, this.#unit);
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

export function describe(job: JobInfo, width: number, unit: ProgressUnit = 'files'): string {
  const amount = (n: number) => (unit === 'bytes' ? formatBytes(n) : String(n));
  const parts: string[] = [];
  if (job.total !== null && job.total > 0) {
    const fraction = Math.min(1, job.done / job.total);
    if (width > 0) {
      const filled = Math.round(fraction * width);
      parts.push(`[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`);
    }
    parts.push(`${amount(job.done)}/${amount(job.total)}`);
  } else {
    parts.push(job.detail ?? 'Starting…');
  }
  if (job.rate !== null) {
    parts.push(unit === 'bytes' ? `${formatBytes(Math.round(job.rate))}/s` : `${job.rate.toFixed(job.rate < 10 ? 1 : 0)} ${unit}/s`);
  }
  if (job.etaSeconds !== null) parts.push(`ETA ${formatDuration(job.etaSeconds)}`);
  if (job.failed > 0) parts.push(`${job.failed} failed`);
  return parts.join('  ');
}
