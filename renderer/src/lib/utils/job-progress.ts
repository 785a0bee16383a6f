// A job's progress in words, by what the job counts: a model download in bytes ("12.3 MB of 99.1 MB",
// "4.2 MB/s"), the experts and scans in images ("120 / 3,000", "8.5 images/s"), anything else in items.
// Which jobs offer Pause and Resume. Pure functions over JobInfo; the jobs panel and the status bar share them.
import type { JobInfo } from '../api/types.ts';
import { formatByteRate, formatCount, formatDownloadSize, formatEta, formatPercent, formatRate } from './format.ts';

export type JobUnit = 'bytes' | 'images' | 'items';

/** What `done`, `total` and `rate` count for a kind of job. */
export function jobUnit(kind: string): JobUnit {
  if (kind === 'model-install') return 'bytes';
  if (kind === 'experts' || kind === 'scan') return 'images';
  return 'items';
}

export interface JobProgressText {
  /** "120 / 3,000" or "12.3 MB of 99.1 MB". */
  readonly amount: string;
  readonly percent: string | null;
  readonly rate: string | null;
  readonly eta: string | null;
}

export function jobProgressText(job: Pick<JobInfo, 'kind' | 'done' | 'total' | 'rate' | 'etaSeconds'>): JobProgressText {
  const unit = jobUnit(job.kind);
  const amount =
    unit === 'bytes'
      ? `${formatDownloadSize(job.done)}${job.total !== null ? ` of ${formatDownloadSize(job.total)}` : ''}`
      : `${formatCount(job.done)}${job.total !== null ? ` / ${formatCount(job.total)}` : ''}`;
  const rate = unit === 'bytes' ? formatByteRate(job.rate) : formatRate(job.rate, unit);
  return { amount, percent: formatPercent(job.done, job.total), rate, eta: formatEta(job.etaSeconds) };
}

/**
 * What a finished job got through: its own summary when it gives one (what was exported, which experts
 * were not run and why…), else "99.1 MB downloaded", "2,990 of 3,000 done, 10 failed".
 */
export function finishedAmount(job: Pick<JobInfo, 'kind' | 'done' | 'failed' | 'total'> & { readonly result?: unknown }): string | null {
  const summary = (job.result as { summary?: unknown } | null | undefined)?.summary;
  if (typeof summary === 'string' && summary !== '') return summary;
  if (jobUnit(job.kind) === 'bytes') return job.done > 0 ? `${formatDownloadSize(job.done)} downloaded` : null;
  if (job.total === null) return null;
  return `${formatCount(job.done)} of ${formatCount(job.total)} done${job.failed ? `, ${formatCount(job.failed)} failed` : ''}`;
}

/**
 * Whether Pause is offered: a running job whose runner stops at checkpoints between items. A model
 * download has no checkpoint (its bytes would keep coming while it says "paused"); Cancel keeps the
 * partial file and the next install resumes it, which is what pausing a download means.
 */
export function canPause(job: Pick<JobInfo, 'kind' | 'state'>): boolean {
  return job.state === 'running' && job.kind !== 'model-install';
}

export function canResume(job: Pick<JobInfo, 'state'>): boolean {
  return job.state === 'paused';
}
