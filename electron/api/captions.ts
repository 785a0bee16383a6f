// The captioning and review domain of the contract: batch jobs (caption, ask across a selection, tag),
// the review queue (candidates, accept / reject / edit / reopen, bulk accept, undo / redo, history),
// questions about one image, and the answers to a question as a column.
import { z } from 'zod';
import type { VqaRecord } from '../../db/queries/vqa.ts';
import type { ImageTag } from '../../db/queries/imageTags.ts';
import type { ImageReview, UndoResult } from '../services/captions/reviewService.ts';
import { imageScopeSchema } from '../services/captions/imageScope.ts';

export type { ImageReview, UndoResult, VqaRecord, ImageTag };

const id = z.number().int().positive();
const model = z.string().min(1).max(4096).optional();
const text = z.string().min(1).max(10_000);

const captionOptions = z
  .object({
    strategy: z.enum(['beam', 'greedy', 'sample']).optional(),
    numBeams: z.number().int().min(1).max(16).optional(),
    maxLength: z.number().int().min(2).max(128).optional(),
    minLength: z.number().int().min(0).max(128).optional(),
    candidates: z.number().int().min(1).max(16).optional(),
    prefix: z.string().max(200).optional(),
    seed: z.number().int().optional(),
    temperature: z.number().positive().max(10).optional(),
    topK: z.number().int().min(0).optional(),
    topP: z.number().positive().max(1).optional(),
  })
  .strict();

const reviewStatus = z.enum(['none', 'pending', 'accepted', 'rejected']);

export const captionMethods = {
  'captions.run': z.object({ scope: imageScopeSchema, model, options: captionOptions.optional(), redo: z.boolean().optional() }).strict(),
  'captions.forImage': z.object({ imageId: id }).strict(),
  'captions.queue': z.object({ status: z.array(reviewStatus).min(1).optional(), flag: z.string().max(64).optional(), folderId: id.optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
  'captions.accept': z.object({ captionId: id }).strict(),
  'captions.reject': z.object({ captionId: id }).strict(),
  'captions.reopen': z.object({ captionId: id }).strict(),
  'captions.edit': z.union([
    z.object({ baseCaptionId: id, text, accept: z.boolean().optional() }).strict(),
    z.object({ imageId: id, text, accept: z.boolean().optional() }).strict(),
  ]),
  'captions.bulkAccept': z.object({ minScore: z.number().min(0).max(1), imageIds: z.array(id).max(1_000_000).optional() }).strict(),
  'captions.undo': z.object({}).strict(),
  'captions.redo': z.object({}).strict(),
  'vqa.ask': z.object({ imageId: id, question: text, answers: z.array(z.string().min(1).max(500)).min(1).max(10_000).optional(), model }).strict(),
  'vqa.forImage': z.object({ imageId: id }).strict(),
  'vqa.askAcross': z.object({ scope: imageScopeSchema, question: text, answers: z.array(z.string().min(1).max(500)).min(1).max(10_000).optional(), model, redo: z.boolean().optional() }).strict(),
  'vqa.answers': z.object({ question: text }).strict(),
  'vqa.questions': z.object({}).strict(),
  'tags.run': z.object({ scope: imageScopeSchema, classNames: z.array(z.string().min(1).max(200)).min(1).max(5000), top: z.number().int().min(1).max(100).optional(), model }).strict(),
  'tags.forImage': z.object({ imageId: id }).strict(),
  'prismer.models': z.object({}).strict(),
} as const;

export interface CaptionResults {
  'captions.run': { jobId: number };
  'captions.forImage': ImageReview;
  'captions.queue': { imageIds: number[]; flagCounts: Record<string, number> };
  'captions.accept': ImageReview;
  'captions.reject': ImageReview;
  'captions.reopen': ImageReview;
  'captions.edit': ImageReview;
  'captions.bulkAccept': { accepted: number; imageIds: number[] };
  'captions.undo': UndoResult;
  'captions.redo': UndoResult;
  'vqa.ask': VqaRecord;
  'vqa.forImage': VqaRecord[];
  'vqa.askAcross': { jobId: number };
  'vqa.answers': VqaRecord[];
  'vqa.questions': { question: string; images: number; lastAskedAt: number }[];
  'tags.run': { jobId: number };
  'tags.forImage': ImageTag[];
  'prismer.models': { installed: string[] };
}

export interface CaptionEvents {
  /** Captions or their review status changed for these images (a job stored candidates, a review action). */
  'captions.changed': { imageIds: number[] };
}
