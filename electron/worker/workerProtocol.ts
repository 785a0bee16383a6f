// Messages between main and the model worker. Main validates what the worker sends back (a crashed or
// confused worker must not corrupt the database); the worker validates what it is asked to do.
import { z } from 'zod';
import { expertIds } from '../../native-models/experts/expert.ts';
import { familyIds } from '../../native-models/experts/familyIds.ts';

const expertId = z.enum(expertIds);

/** An imported network's family parameters (native-models' FamilyParams). */
const familyParamsSchema = z
  .object({
    family: z.enum(familyIds),
    modelId: z.string().min(1).max(200),
    inputName: z.string().max(1000),
    inputSize: z.object({ width: z.number().int().positive().max(16_384), height: z.number().int().positive().max(16_384) }).strict().nullable(),
    labels: z.array(z.string().max(1000)).max(100_000).readonly().nullable(),
    labelSpace: z.enum(['coco133', 'ade150']).optional(),
    toLabelSpace: z.array(z.number().int().min(0).max(254).nullable()).max(100_000).readonly().optional(),
  })
  .strict();

export const workerChoiceSchema = z.union([
  z.object({ expert: expertId, label: z.string(), files: z.record(z.string(), z.string()), modelVersion: z.string(), family: familyParamsSchema.optional() }).strict(),
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

const positiveInt = z.number().int().positive();

/** One Prismer task: caption (the tasks module's options), ask (generate, or rank over `answers`), tag. */
export const prismerTaskSchema = z.discriminatedUnion('task', [
  z.object({
    task: z.literal('caption'),
    options: z
      .object({
        prefix: z.string().optional(),
        strategy: z.enum(['beam', 'greedy', 'sample']).optional(),
        numBeams: positiveInt.optional(),
        maxLength: positiveInt.optional(),
        minLength: z.number().int().min(0).optional(),
        lengthPenalty: z.number().optional(),
        candidates: positiveInt.optional(),
        seed: z.number().int().optional(),
        temperature: z.number().positive().optional(),
        topK: z.number().int().min(0).optional(),
        topP: z.number().positive().max(1).optional(),
      })
      .strict()
      .optional(),
  }).strict(),
  z.object({
    task: z.literal('ask'),
    question: z.string().min(1),
    options: z
      .object({ answers: z.array(z.string()).min(1).optional(), k: positiveInt.optional(), numBeams: positiveInt.optional(), candidates: positiveInt.optional() })
      .strict()
      .optional(),
  }).strict(),
  z.object({
    task: z.literal('tag'),
    classNames: z.array(z.string().min(1)).min(1),
    options: z.object({ k: positiveInt.optional(), prefix: z.string().optional() }).strict().optional(),
  }).strict(),
]);
export type PrismerTaskRequest = z.infer<typeof prismerTaskSchema>;

/** A Prismer run: the bundle folder, the photo, the stored label maps of the experts it takes. */
export const prismerRequestSchema = z
  .object({
    bundleDir: z.string().min(1),
    imagePath: z.string().min(1),
    experts: z.partialRecord(expertId, z.object({ mapPath: z.string().min(1), labelMeta: z.unknown().optional() }).strict()).optional(),
    labelTablesDir: z.string().min(1).optional(),
    /** The installed CLIP text model and tokenizer files, for OCR word features (absent: not installed). */
    clipText: z.object({ model: z.string().min(1), vocab: z.string().min(1), merges: z.string().min(1) }).strict().optional(),
    request: prismerTaskSchema,
  })
  .strict();
export type PrismerRequest = z.infer<typeof prismerRequestSchema>;

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('configure'), runtime: runtimeSettingsSchema }).strict(),
  z.object({ type: z.literal('run'), id: z.number().int(), imagePath: z.string().min(1), choices: z.array(workerChoiceSchema) }).strict(),
  z.object({ type: z.literal('prismer'), id: z.number().int(), job: prismerRequestSchema }).strict(),
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

const finite = z.number().finite();
const captionCandidateSchema = z.object({ text: z.string(), raw: z.string(), tokens: z.array(z.number().int()), score: finite, finishedByEos: z.boolean() }).strict();
const answerCandidateSchema = z.object({ answer: z.string(), score: finite, index: z.number().int().optional(), tokens: z.array(z.number().int()).optional() }).strict();
const tagSchema = z.object({ className: z.string(), index: z.number().int(), score: finite, firstTokenProbability: finite }).strict();
const prismerRunCommon = {
  model: z.string(),
  variant: z.enum(['prismer', 'prismerz']),
  imageSize: z.object({ width: positiveInt, height: positiveInt }).strict(),
  missingExperts: z.array(expertId),
  notes: z.array(z.string()),
  timings: z.object({ decode: finite, preprocess: finite, expertInputs: finite, encoder: finite, task: finite, total: finite }).strict(),
};

/** What a Prismer run returns (the runner's PrismerRunResult). */
export const prismerResultSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('caption'), caption: z.object({ caption: z.string(), candidates: z.array(captionCandidateSchema).min(1) }).strict(), ...prismerRunCommon }).strict(),
  z.object({ task: z.literal('ask'), answer: z.object({ mode: z.enum(['generate', 'rank']), answer: z.string(), candidates: z.array(answerCandidateSchema).min(1) }).strict(), ...prismerRunCommon }).strict(),
  z.object({ task: z.literal('tag'), tags: z.array(tagSchema).min(1), ...prismerRunCommon }).strict(),
]);
export type PrismerResult = z.infer<typeof prismerResultSchema>;

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
  z.object({ type: z.literal('prismer-result'), id: z.number().int(), result: prismerResultSchema }),
  z.object({ type: z.literal('error'), id: z.number().int(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
