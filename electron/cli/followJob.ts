// Waits for a job from the command line: a progress bar on stderr while it runs (none with --json),
// Ctrl+C cancels it (the job keeps what it did), and the finished job is returned.
import type { JobInfo } from '../api/jobs.ts';
import type { Studio } from '../studio.ts';
import { ProgressBar, type ProgressUnit } from './progressBar.ts';

export async function followJob(studio: Pick<Studio, 'bus' | 'jobs'>, jobId: number, options: { json: boolean; unit?: ProgressUnit }): Promise<JobInfo> {
  const bar = options.json ? null : new ProgressBar(process.stderr, options.unit ? { unit: options.unit } : {});
  const off = studio.bus.on('jobs.progress', (job) => {
    if (job.id === jobId && job.state === 'running') bar?.update(job);
  });
  const interrupt = () => studio.jobs.cancel(jobId);
  process.once('SIGINT', interrupt);
  try {
    return await studio.jobs.wait(jobId);
  } finally {
    bar?.done();
    off();
    process.off('SIGINT', interrupt);
  }
}
