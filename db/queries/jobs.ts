// The persisted job queue: one row per job with its state and counters, so the jobs panel survives a
// restart and an interrupted job can be resumed.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export type JobState = 'queued' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

export interface JobRecord {
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly params: unknown;
  readonly state: JobState;
  readonly done: number;
  readonly failed: number;
  readonly total: number | null;
  readonly result: unknown;
  readonly error: string | null;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  /** Starts since its progress last moved (or the studio last closed normally while it ran). */
  readonly startsWithoutProgress: number;
}

interface JobRow {
  id: number;
  kind: string;
  title: string;
  params_json: string;
  state: JobState;
  done: number;
  failed: number;
  total: number | null;
  result_json: string | null;
  error: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  starts_without_progress: number;
}

function toJob(r: JobRow): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    params: JSON.parse(r.params_json),
    state: r.state,
    done: r.done,
    failed: r.failed,
    total: r.total,
    result: r.result_json === null ? null : JSON.parse(r.result_json),
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    startsWithoutProgress: r.starts_without_progress,
  };
}

export function createJob(db: StudioDb, kind: string, title: string, params: unknown, now: number): number {
  const r = statement(db, `INSERT INTO jobs (kind, title, params_json, state, created_at) VALUES (?, ?, ?, 'queued', ?)`).run(
    kind,
    title,
    JSON.stringify(params),
    now,
  );
  return Number(r.lastInsertRowid);
}

export function getJob(db: StudioDb, id: number): JobRecord | undefined {
  const row = statement<[number], JobRow>(db, `SELECT * FROM jobs WHERE id = ?`).get(id);
  return row && toJob(row);
}

export function listRecentJobs(db: StudioDb, limit: number): JobRecord[] {
  return statement<[number], JobRow>(db, `SELECT * FROM jobs ORDER BY id DESC LIMIT ?`).all(limit).map(toJob);
}

/** Jobs a previous run left queued or running: resumed at start-up. */
export function listUnfinishedJobs(db: StudioDb): JobRecord[] {
  return statement<[], JobRow>(db, `SELECT * FROM jobs WHERE state IN ('queued', 'running') ORDER BY id`).all().map(toJob);
}

export function markJobStarted(db: StudioDb, id: number, now: number): void {
  statement(db, `UPDATE jobs SET state = 'running', started_at = coalesce(started_at, ?), starts_without_progress = starts_without_progress + 1 WHERE id = ?`).run(now, id);
}

export function saveJobProgress(db: StudioDb, id: number, done: number, failed: number, total: number | null): void {
  statement(
    db,
    `UPDATE jobs SET starts_without_progress = CASE WHEN @done + @failed > done + failed THEN 0 ELSE starts_without_progress END,
       done = @done, failed = @failed, total = @total WHERE id = @id`,
  ).run({ done, failed, total, id });
}

export function finishJob(
  db: StudioDb,
  id: number,
  state: Extract<JobState, 'done' | 'failed' | 'cancelled'>,
  result: unknown,
  error: string | null,
  now: number,
): void {
  statement(db, `UPDATE jobs SET state = ?, result_json = ?, error = ?, finished_at = ? WHERE id = ?`).run(
    state,
    result === undefined ? null : JSON.stringify(result),
    error,
    now,
    id,
  );
}

/** Finished jobs older than the newest `keep` are pruned so the table stays small. */
export function pruneFinishedJobs(db: StudioDb, keep: number): void {
  statement(
    db,
    `DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled')
       AND id NOT IN (SELECT id FROM jobs ORDER BY id DESC LIMIT ?)`,
  ).run(keep);
}

/** A job interrupted by a normal shutdown goes back to the queue to be resumed at the next start. */
export function requeueJob(db: StudioDb, id: number): void {
  statement(db, `UPDATE jobs SET state = 'queued', starts_without_progress = 0 WHERE id = ?`).run(id);
}

export type JobItemState = 'pending' | 'done' | 'failed' | 'skipped';

/** Records one item's outcome so a resumed job does not redo it. */
export function recordJobItem(db: StudioDb, jobId: number, itemKey: string, state: JobItemState, error: string | null): void {
  statement(
    db,
    `INSERT INTO job_items (job_id, item_key, state, error) VALUES (?, ?, ?, ?)
     ON CONFLICT(job_id, item_key) DO UPDATE SET state = excluded.state, error = excluded.error`,
  ).run(jobId, itemKey, state, error);
}

export function finishedJobItems(db: StudioDb, jobId: number): Map<string, { state: JobItemState; error: string | null }> {
  const rows = statement<[number], { item_key: string; state: JobItemState; error: string | null }>(
    db,
    `SELECT item_key, state, error FROM job_items WHERE job_id = ? AND state != 'pending'`,
  ).all(jobId);
  return new Map(rows.map((r) => [r.item_key, { state: r.state, error: r.error }]));
}

export function setJobPaused(db: StudioDb, id: number, paused: boolean): void {
  statement(db, `UPDATE jobs SET state = ? WHERE id = ? AND state IN ('queued', 'running', 'paused')`).run(paused ? 'paused' : 'running', id);
}
