// The jobs domain of the contract: the live list behind the jobs panel, and cancel.
import { z } from 'zod';
import type { JobState } from '../../db/queries/jobs.ts';

export type { JobState };

export interface JobInfo {
  readonly id: number;
  readonly kind: string;
  readonly title: string;
  readonly state: JobState;
  readonly done: number;
  readonly failed: number;
  readonly total: number | null;
  /** Items per second over the recent window; null until measurable. */
  readonly rate: number | null;
  /** Seconds left at the current rate; null when unknown. */
  readonly etaSeconds: number | null;
  /** What the job is doing now, in words ("Looking for images…", a file name). */
  readonly detail: string | null;
  readonly error: string | null;
  readonly result: unknown;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

const id = z.number().int().positive();

export const jobMethods = {
  'jobs.list': z.object({}).strict(),
  'jobs.cancel': z.object({ jobId: id }).strict(),
  'jobs.pause': z.object({ jobId: id }).strict(),
  'jobs.resume': z.object({ jobId: id }).strict(),
} as const;

export interface JobResults {
  'jobs.list': JobInfo[];
  'jobs.cancel': { cancelled: boolean };
  'jobs.pause': { paused: boolean };
  'jobs.resume': { resumed: boolean };
}

export interface JobEvents {
  'jobs.progress': JobInfo;
}
