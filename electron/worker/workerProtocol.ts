// Messages between main and the model worker. Main validates what the worker sends back (a crashed or
// confused worker must not corrupt the database); the worker validates what it is asked to do.
import { z } from 'zod';

const expertId = z.enum(['depth', 'normal', 'edge', 'seg', 'det', 'ocr']);

export const workerChoiceSchema = z.union([
  z.object({ expert: expertId, label: z.string(), files: z.record(z.string(), z.string()), modelVersion: z.string() }).strict(),
  z.object({ expert: expertId, missing: z.string() }).strict(),
]);
export type WorkerChoice = z.infer<typeof workerChoiceSchema>;

export const runtimeSettingsSchema = z
  .object({
    provider: z.enum(['auto', 'cuda', 'dml', 'coreml', 'webgpu', 'cpu']),
    intraOpThreads: z.number().int().min(0).max(256),
    memoryBudgetBytes: z.number().int().positive(),
    idleUnloadMs: z.number().int().min(0),
  })
  .strict();
export type RuntimeSettings = z.infer<typeof runtimeSettingsSchema>;

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('configure'), runtime: runtimeSettingsSchema }).strict(),
  z.object({ type: z.literal('run'), id: z.number().int(), imagePath: z.string().min(1), choices: z.array(workerChoiceSchema) }).strict(),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

const labelMapSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  channels: z.union([z.literal(1), z.literal(3)]),
  data: z.instanceof(Uint8Array),
});

const outputSchema = z
  .object({
    expert: expertId,
    modelId: z.string(),
    modelVersion: z.string(),
    isFallback: z.boolean(),
    labelMap: labelMapSchema.nullable(),
    labelMeta: z.unknown().optional(),
    stats: z.record(z.string(), z.unknown()),
    detections: z
      .array(z.object({ label: z.string(), classId: z.number(), score: z.number(), box: z.tuple([z.number(), z.number(), z.number(), z.number()]) }))
      .optional(),
    words: z.array(z.object({ text: z.string(), score: z.number(), polygon: z.array(z.tuple([z.number(), z.number()])) })).optional(),
    classShares: z.array(z.object({ classId: z.number(), label: z.string(), share: z.number() })).optional(),
    text: z.string().optional(),
  })
  .passthrough();

export const pipelineResultSchema = z.union([
  z.object({ expert: expertId, status: z.literal('done'), output: outputSchema, label: z.string() }),
  z.object({ expert: expertId, status: z.literal('missing'), reason: z.string() }),
  z.object({ expert: expertId, status: z.literal('failed'), error: z.string(), label: z.string() }),
]);

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pid: z.number() }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    results: z.array(pipelineResultSchema),
    provider: z.object({ provider: z.string(), fallbackReason: z.string().nullable() }),
    imageSize: z.object({ width: z.number(), height: z.number() }),
    milliseconds: z.number(),
  }),
  z.object({ type: z.literal('error'), id: z.number().int(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
