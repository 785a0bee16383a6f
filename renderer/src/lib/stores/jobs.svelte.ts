// The jobs panel's list: recent jobs from `jobs.list`, kept live by `jobs.progress` (one JobInfo each,
// upserted by id), and cancel.
import { errorMessage } from '../api/remote-error.ts';
import type { JobInfo, JobState, StudioClient } from '../api/types.ts';

const activeStates: readonly JobState[] = ['queued', 'running', 'paused'];

export function isActive(job: JobInfo): boolean {
  return activeStates.includes(job.state);
}

export class JobsStore {
  readonly #client: StudioClient;
  jobs = $state.raw<JobInfo[]>([]);
  error = $state<string | null>(null);
  /** Cancel failures by job id, shown on that job's row. */
  cancelErrors = $state.raw<ReadonlyMap<number, string>>(new Map());

  readonly active = $derived(this.jobs.filter(isActive));

  constructor(client: StudioClient) {
    this.#client = client;
  }

  listen(): () => void {
    return this.#client.on('jobs.progress', (job) => this.upsert(job));
  }

  async refresh(): Promise<void> {
    try {
      this.jobs = sortJobs(await this.#client.invoke('jobs.list', {}));
      this.error = null;
    } catch (error) {
      this.error = `Could not list the jobs: ${errorMessage(error)}`;
    }
  }

  upsert(job: JobInfo): void {
    const index = this.jobs.findIndex((j) => j.id === job.id);
    if (index < 0) this.jobs = sortJobs([job, ...this.jobs]);
    else this.jobs = this.jobs.with(index, job);
  }

  async cancel(jobId: number): Promise<void> {
    try {
      await this.#client.invoke('jobs.cancel', { jobId });
      this.#setCancelError(jobId, null);
    } catch (error) {
      this.#setCancelError(jobId, `Could not cancel: ${errorMessage(error)}`);
    }
  }

  #setCancelError(jobId: number, message: string | null): void {
    const next = new Map(this.cancelErrors);
    if (message === null) next.delete(jobId);
    else next.set(jobId, message);
    this.cancelErrors = next;
  }
}

function sortJobs(jobs: JobInfo[]): JobInfo[] {
  return [...jobs].sort((a, b) => b.id - a.id);
}
