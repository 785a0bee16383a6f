// The job queue: jobs are rows in SQLite (so the panel and an interrupted job survive a restart), run
// one at a time per kind by a registered runner, report progress (rate, ETA) as throttled events, and
// can be paused (at the runner's next checkpoint), resumed, or cancelled whether queued or running.
// A runner is asked to stop through its AbortSignal, but the queue never depends on it listening: a
// cancelled job that has not stopped within a moment is ended as cancelled and its kind's queue moves
// on (whatever the runner waits on — a hung file system, a busy model — it is left to finish unheard).
// At close, a job that does not stop is failed rather than resumed, and a job that the studio stopped
// several times without progress (a crash or hang it causes) is failed at start instead of resumed.
import type { StudioDb } from '../../../db/open.ts';
import {
  createJob,
  finishJob,
  getJob,
  listRecentJobs,
  listUnfinishedJobs,
  markJobStarted,
  pruneFinishedJobs,
  requeueJob,
  setJobPaused,
  saveJobProgress,
  type JobRecord,
} from '../../../db/queries/jobs.ts';
import type { JobInfo } from '../../api/jobs.ts';
import type { EventBus } from '../eventBus.ts';
import { ProgressMeter } from './progressMeter.ts';

export interface JobProgress {
  readonly done: number;
  readonly failed: number;
  readonly total: number | null;
  readonly detail?: string | null;
}

export interface JobContext {
  readonly jobId: number;
  readonly signal: AbortSignal;
  report(progress: JobProgress): void;
  /** Call between items: waits while the job is paused (returns at once when cancelled). */
  checkpoint(): Promise<void>;
}

export type JobRunner = (params: unknown, context: JobContext) => Promise<unknown>;

interface LiveJob {
  readonly controller: AbortController;
  readonly meter: ProgressMeter;
  progress: JobProgress;
  lastEmit: number;
  lastSave: number;
  paused: { promise: Promise<void>; release: () => void } | null;
  /** Set once the job's outcome is written; a runner that answers later is not heard. */
  ended: boolean;
  /** Cancelled by a person (not stopped by close()). */
  cancelled: boolean;
  cancelTimer?: NodeJS.Timeout;
  /** Ends the job now with this outcome (once). */
  end(state: FinalState, result: unknown, error: string | null): void;
}

const emitEveryMs = 200;
const saveEveryMs = 1000;

export interface JobServiceOptions {
  /** How long a cancelled runner may take to stop before its job is ended without it (default 500 ms). */
  readonly cancelGraceMs?: number;
  /** How long close() waits for running jobs to stop (default 3000 ms). */
  readonly closeGraceMs?: number;
  /** Starts without progress after which a job is failed instead of resumed (default 5). */
  readonly maxStartsWithoutProgress?: number;
}

type FinalState = 'done' | 'failed' | 'cancelled';

export class JobService {
  readonly #db: StudioDb;
  readonly #bus: EventBus;
  readonly #now: () => number;
  readonly #runners = new Map<string, JobRunner>();
  readonly #queues = new Map<string, number[]>();
  /** The job running for each kind. */
  readonly #busy = new Map<string, number>();
  readonly #live = new Map<number, LiveJob>();
  readonly #waiters = new Map<number, ((job: JobInfo) => void)[]>();
  readonly #options: Required<JobServiceOptions>;
  #closed = false;

  constructor(db: StudioDb, bus: EventBus, now: () => number = Date.now, options: JobServiceOptions = {}) {
    this.#db = db;
    this.#bus = bus;
    this.#now = now;
    this.#options = { cancelGraceMs: 500, closeGraceMs: 3000, maxStartsWithoutProgress: 5, ...options };
  }

  register(kind: string, runner: JobRunner): void {
    this.#runners.set(kind, runner);
  }

  enqueue(kind: string, title: string, params: unknown): number {
    if (!this.#runners.has(kind)) throw new Error(`No runner for job kind "${kind}".`);
    const id = createJob(this.#db, kind, title, params, this.#now());
    this.#schedule(kind, id);
    return id;
  }

  /** Jobs a previous run left queued or running go back in the queue, unless they keep stopping the studio. */
  resumeUnfinished(): number[] {
    const resumed: number[] = [];
    for (const job of listUnfinishedJobs(this.#db)) {
      if (!this.#runners.has(job.kind)) continue;
      if (job.startsWithoutProgress >= this.#options.maxStartsWithoutProgress) {
        const error = `The studio stopped ${job.startsWithoutProgress} times while this job ran, with no progress in between, so it is not resumed again. Start it anew to retry.`;
        finishJob(this.#db, job.id, 'failed', null, error, this.#now());
        this.#announce(job.id, true);
        continue;
      }
      this.#schedule(job.kind, job.id);
      resumed.push(job.id);
    }
    return resumed;
  }

  /** Pauses a running job at its next checkpoint. */
  pause(id: number): boolean {
    const live = this.#live.get(id);
    if (!live || live.paused) return false;
    let release = () => {};
    const promise = new Promise<void>((resolve) => (release = resolve));
    live.paused = { promise, release };
    setJobPaused(this.#db, id, true);
    this.#announce(id, true);
    return true;
  }

  /** Resumes a paused job: the live one where it stopped, or one paused before a restart from the start of its remaining items. */
  resume(id: number): boolean {
    const live = this.#live.get(id);
    if (live?.paused) {
      live.paused.release();
      live.paused = null;
      setJobPaused(this.#db, id, false);
      this.#announce(id, true);
      return true;
    }
    const job = getJob(this.#db, id);
    if (!live && job?.state === 'paused' && this.#runners.has(job.kind)) {
      requeueJob(this.#db, id);
      this.#schedule(job.kind, id);
      return true;
    }
    return false;
  }

  cancel(id: number): boolean {
    const live = this.#live.get(id);
    if (live) {
      live.cancelled = true;
      live.controller.abort();
      live.paused?.release();
      // The runner has a moment to stop on its own (and report what it did); then the job ends without it.
      live.cancelTimer ??= setTimeout(() => live.end('cancelled', null, null), this.#options.cancelGraceMs);
      return true;
    }
    const paused = getJob(this.#db, id);
    if (paused?.state === 'paused') {
      finishJob(this.#db, id, 'cancelled', null, null, this.#now());
      this.#announce(id, true);
      return true;
    }
    for (const queue of this.#queues.values()) {
      const index = queue.indexOf(id);
      if (index >= 0) {
        queue.splice(index, 1);
        finishJob(this.#db, id, 'cancelled', null, null, this.#now());
        this.#announce(id, true);
        return true;
      }
    }
    return false;
  }

  list(limit = 50): JobInfo[] {
    return listRecentJobs(this.#db, limit).map((job) => this.#info(job));
  }

  get(id: number): JobInfo | undefined {
    const job = getJob(this.#db, id);
    return job && this.#info(job);
  }

  /** Resolves when the job has finished (done, failed or cancelled). */
  wait(id: number): Promise<JobInfo> {
    const job = this.get(id);
    if (!job) return Promise.reject(new Error(`No job ${id}.`));
    if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return Promise.resolve(job);
    return new Promise((resolve) => {
      const list = this.#waiters.get(id) ?? [];
      list.push(resolve);
      this.#waiters.set(id, list);
    });
  }

  /**
   * Stops running jobs and waits for them (at most closeGraceMs): a job that stopped is queued again for
   * the next start; one that did not is failed, so that it cannot hang the next start the same way.
   * Queued jobs stay queued.
   */
  async close(): Promise<void> {
    this.#closed = true;
    const running = [...this.#live.entries()];
    for (const [, live] of running) live.controller.abort();
    const stopped = Promise.all(running.map(([id]) => this.wait(id).catch(() => undefined)));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([stopped, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#options.closeGraceMs)))]);
    clearTimeout(timer);
    for (const [, live] of running) {
      live.end('failed', null, `It did not stop when the studio closed (still busy after ${(this.#options.closeGraceMs / 1000).toFixed(0)} s), so it is not resumed. Start it anew to retry.`);
    }
  }

  #schedule(kind: string, id: number): void {
    const queue = this.#queues.get(kind) ?? [];
    queue.push(id);
    this.#queues.set(kind, queue);
    this.#announce(id, true);
    queueMicrotask(() => this.#pump(kind));
  }

  #pump(kind: string): void {
    if (this.#closed || this.#busy.has(kind)) return;
    const id = this.#queues.get(kind)?.shift();
    if (id === undefined) return;
    this.#busy.set(kind, id);
    this.#run(kind, id);
  }

  /** The kind's queue moves on once a job has ended, whether or not its runner has returned. */
  #release(kind: string, id: number): void {
    if (this.#busy.get(kind) !== id) return;
    this.#busy.delete(kind);
    queueMicrotask(() => this.#pump(kind));
  }

  #run(kind: string, id: number): void {
    const job = getJob(this.#db, id);
    const runner = this.#runners.get(kind);
    if (!job || !runner) {
      this.#release(kind, id);
      return;
    }
    const live: LiveJob = {
      controller: new AbortController(),
      meter: new ProgressMeter(),
      progress: { done: 0, failed: 0, total: null, detail: null },
      lastEmit: 0,
      lastSave: 0,
      paused: null,
      ended: false,
      cancelled: false,
      end: (state, result, error) => {
        if (live.ended) return;
        live.ended = true;
        clearTimeout(live.cancelTimer);
        live.paused?.release();
        const p = live.progress;
        saveJobProgress(this.#db, id, p.done, p.failed, p.total);
        // A job stopped by close() stays resumable: it is put back to 'queued' rather than 'cancelled'.
        if (this.#closed && state === 'cancelled' && !live.cancelled) requeueJob(this.#db, id);
        else finishJob(this.#db, id, state, result, error, this.#now());
        this.#live.delete(id);
        pruneFinishedJobs(this.#db, 200);
        const info = this.#announce(id, true);
        for (const resolve of this.#waiters.get(id) ?? []) resolve(info!);
        this.#waiters.delete(id);
        this.#release(kind, id);
      },
    };
    this.#live.set(id, live);
    markJobStarted(this.#db, id, this.#now());
    this.#announce(id, true);
    const context: JobContext = {
      jobId: id,
      signal: live.controller.signal,
      checkpoint: async () => {
        while (live.paused && !live.controller.signal.aborted) await live.paused.promise;
      },
      report: (progress) => {
        if (live.ended) return;
        live.progress = progress;
        const at = this.#now();
        live.meter.add(at, progress.done);
        if (at - live.lastSave >= saveEveryMs) {
          live.lastSave = at;
          saveJobProgress(this.#db, id, progress.done, progress.failed, progress.total);
        }
        if (at - live.lastEmit >= emitEveryMs) {
          live.lastEmit = at;
          this.#announce(id, false);
        }
      },
    };
    const aborted = () => live.controller.signal.aborted;
    void Promise.resolve()
      .then(() => runner(job.params, context))
      .then(
        (result) => live.end(aborted() ? 'cancelled' : 'done', result, null),
        (thrown: unknown) => live.end(aborted() ? 'cancelled' : 'failed', null, aborted() ? null : thrown instanceof Error ? thrown.message : String(thrown)),
      );
  }

  #announce(id: number, force: boolean): JobInfo | undefined {
    const job = getJob(this.#db, id);
    if (!job) return undefined;
    const info = this.#info(job);
    if (force || info.state === 'running') this.#bus.emit('jobs.progress', info);
    return info;
  }

  #info(job: JobRecord): JobInfo {
    const live = this.#live.get(job.id);
    const done = live ? live.progress.done : job.done;
    const total = live ? live.progress.total : job.total;
    return {
      id: job.id,
      kind: job.kind,
      title: job.title,
      state: job.state,
      done,
      failed: live ? live.progress.failed : job.failed,
      total,
      rate: live ? live.meter.rate() : null,
      etaSeconds: live ? live.meter.etaSeconds(done, total) : null,
      detail: live ? (live.progress.detail ?? null) : null,
      error: job.error,
      result: job.result,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    };
  }
}
