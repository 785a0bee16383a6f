// The jobs panel's list: recent jobs from `jobs.list`, kept live by `jobs.progress` (one JobInfo each,
// upserted by id), and cancel, pause and resume.
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
  /** Cancel, pause and resume failures by job id, shown on that job's row. */
  actionErrors = $state.raw<ReadonlyMap<number, string>>(new Map());

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

  byId(jobId: number | null): JobInfo | null {
    return jobId === null ? null : (this.jobs.find((j) => j.id === jobId) ?? null);
  }

  async cancel(jobId: number): Promise<void> {
    try {
      await this.#client.invoke('jobs.cancel', { jobId });
      this.#setActionError(jobId, null);
    } catch (error) {
      this.#setActionError(jobId, `Could not cancel: ${errorMessage(error)}`);
    }
  }

  async pause(jobId: number): Promise<void> {
    try {
      const { paused } = await this.#client.invoke('jobs.pause', { jobId });
      this.#setActionError(jobId, paused ? null : 'Could not pause: the job is no longer running.');
    } catch (error) {
      this.#setActionError(jobId, `Could not pause: ${errorMessage(error)}`);
    }
  }

  async resume(jobId: number): Promise<void> {
    try {
      const { resumed } = await this.#client.invoke('jobs.resume', { jobId });
      this.#setActionError(jobId, resumed ? null : 'Could not resume: the job is not paused any more.');
    } catch (error) {
      this.#setActionError(jobId, `Could not resume: ${errorMessage(error)}`);
    }
  }

  #setActionError(jobId: number, message: string | null): void {
    if (message === null && !this.actionErrors.has(jobId)) return;
    const next = new Map(this.actionErrors);
    if (message === null) next.delete(jobId);
    else next.set(jobId, message);
    this.actionErrors = next;
  }
}

function sortJobs(jobs: JobInfo[]): JobInfo[] {
  return [...jobs].sort((a, b) => b.id - a.id);
}
