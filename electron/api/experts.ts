// The experts domain of the contract: run the experts over photos as a job, read an image's outputs
// (label maps are fetched as `${mediaBase}/map/<imageId>/<expert>`), and see which implementation and
// execution provider each expert uses.
import { z } from 'zod';
import { expertIds, type ExpertId } from '../../native-models/experts/expert.ts';
import type { StoredExpertOutput } from '../services/experts/expertService.ts';

export type ExpertName = ExpertId;
export type { StoredExpertOutput };

const expertName = z.enum(expertIds);
const id = z.number().int().positive();

export interface ExpertPlanEntry {
  readonly expert: ExpertName;
  /** The implementation that would run, or null when nothing is installed. */
  readonly label: string | null;
  readonly isFallback: boolean;
  readonly missing: string | null;
}

export interface ExpertStatus {
  readonly plan: ExpertPlanEntry[];
  /** The execution provider the worker uses (null before the first run) and why not a GPU. */
  readonly provider: { provider: string; fallbackReason: string | null } | null;
}

export const expertMethods = {
  'experts.run': z
    .object({
      imageIds: z.array(id).min(1).max(1_000_000).optional(),
      folderId: id.optional(),
      only: z.array(expertName).max(6).optional(),
    })
    .strict(),
  'experts.forImage': z.object({ imageId: id }).strict(),
  'experts.status': z.object({}).strict(),
} as const;

export interface ExpertResults {
  'experts.run': { jobId: number };
  'experts.forImage': StoredExpertOutput[];
  'experts.status': ExpertStatus;
}
