// Prismer over many images as persisted jobs: 'caption' (candidates stored for review, with provenance),
// 'ask' (one question over a selection; the answers become a column), 'tag' (zero-shot tags from a
// vocabulary). Each job first runs one 'experts' job for the expert outputs the model needs and finds
// missing, then goes image by image; every finished image is a job item written in the same transaction
// as its results, so a crash or kill loses nothing and redoes nothing when the job resumes. One bad
// image fails its own item with the reason; the batch goes on.
import type { StudioDb } from '../../../db/open.ts';
import { hasAiCaptionFrom, insertCaption, type CaptionProvenance } from '../../../db/queries/captions.ts';
import { replaceAiTags } from '../../../db/queries/imageTags.ts';
import { finishedJobItems, recordJobItem } from '../../../db/queries/jobs.ts';
import { hasAnswer, insertVqa } from '../../../db/queries/vqa.ts';
import type { ImageToProcess } from '../../../db/queries/images.ts';
import type { ExpertId } from '../../../native-models/experts/expert.ts';
import { StudioError } from '../../api/protocol.ts';
import type { PrismerTaskRequest } from '../../worker/workerProtocol.ts';
import type { ExpertService } from '../experts/expertService.ts';
import type { JobContext, JobService } from '../jobs/jobService.ts';
import { unavailableExperts, type PrismerService, type PrismerServiceResult } from '../prismer/prismerService.ts';
import { describeScope, resolveScope, type ImageScope, type ViewResolver } from './imageScope.ts';

type CaptionOptions = NonNullable<Extract<PrismerTaskRequest, { task: 'caption' }>['options']>;

/** The official decoding, plus three candidates to choose from in review. */
export const defaultCaptionOptions = { numBeams: 3, maxLength: 20, minLength: 8, candidates: 3 } as const satisfies CaptionOptions;

export interface CaptionJobParams {
  readonly scope: ImageScope;
  readonly bundleDir: string;
  readonly options?: CaptionOptions;
  /** Caption again images this model already captioned (default: skip them). */
  readonly redo?: boolean;
}

export interface AskJobParams {
  readonly scope: ImageScope;
  readonly bundleDir: string;
  readonly question: string;
  readonly answers?: string[];
  readonly redo?: boolean;
}

export interface TagJobParams {
  readonly scope: ImageScope;
  readonly bundleDir: string;
  readonly classNames: string[];
  /** How many of the best-ranked names are stored per image. */
  readonly top?: number;
}

export interface BatchJobResult {
  readonly images: number;
  readonly done: number;
  readonly skipped: number;
  readonly failed: { imageId: number; path: string; reason: string }[];
  readonly expertsRun: ExpertId[];
  readonly imagesPerSecond: number;
  readonly cancelled: boolean;
  /** The outcome in words, for the jobs panel. */
  readonly summary: string;
}

const withSummary = (r: Omit<BatchJobResult, 'summary'>): BatchJobResult => ({ ...r, summary: batchSummary(r) });

function batchSummary(r: Omit<BatchJobResult, 'summary'>): string {
  const parts = [`${r.done} done`];
  if (r.skipped) parts.push(`${r.skipped} already done by this model`);
  if (r.failed.length) parts.push(`${r.failed.length} failed`);
  return `${r.cancelled ? 'Cancelled; ' : ''}${r.images} photo${r.images === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

export interface PrismerJobsDeps {
  readonly db: StudioDb;
  readonly jobs: JobService;
  readonly experts: ExpertService;
  readonly prismer: PrismerService;
  readonly resolveView?: ViewResolver;
  /** Called after a caption is stored (the review's cross-checks hook in here). */
  readonly onCaptionsStored?: (imageId: number, captionIds: number[]) => void;
  readonly now?: () => number;
}

/** A candidate's beam score (mean token log-probability with the default length penalty) as 0–1. */
export const confidenceOf = (beamScore: number): number => Math.exp(Math.min(0, beamScore));

export class PrismerJobs {
  readonly #deps: PrismerJobsDeps;
  readonly #now: () => number;

  constructor(deps: PrismerJobsDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    deps.jobs.register('caption', (p, c) => this.#runCaption(p as CaptionJobParams, c));
    deps.jobs.register('ask', (p, c) => this.#runAsk(p as AskJobParams, c));
    deps.jobs.register('tag', (p, c) => this.#runTag(p as TagJobParams, c));
  }

  caption(params: CaptionJobParams): { jobId: number } {
    return { jobId: this.#deps.jobs.enqueue('caption', `Captioning ${describeScope(params.scope)}`, params) };
  }

  ask(params: AskJobParams): { jobId: number } {
    if (params.question.trim().length === 0) throw new StudioError('invalid', 'The question is empty.');
    return { jobId: this.#deps.jobs.enqueue('ask', `Asking “${params.question}” of ${describeScope(params.scope)}`, params) };
  }

  tag(params: TagJobParams): { jobId: number } {
    if (params.classNames.length === 0) throw new StudioError('invalid', 'The vocabulary is empty.');
    return { jobId: this.#deps.jobs.enqueue('tag', `Tagging ${describeScope(params.scope)} from ${params.classNames.length} names`, params) };
  }

  #runCaption(params: CaptionJobParams, context: JobContext): Promise<BatchJobResult> {
    const identity = this.#deps.prismer.bundleIdentity(params.bundleDir);
    const options: CaptionOptions = { ...defaultCaptionOptions, ...params.options };
    return this.#runBatch(params.scope, params.bundleDir, context, {
      skip: (t) => !params.redo && hasAiCaptionFrom(this.#deps.db, t.id, t.contentHash, identity.hash),
      request: { task: 'caption', options },
      store: (t, r) => {
        if (r.task !== 'caption') return;
        const provenance: CaptionProvenance = {
          modelId: identity.name,
          modelHash: identity.hash,
          experts: this.#expertVersions(t.id, identity.experts, r.missingExperts),
          decoding: { ...options, prefix: options.prefix ?? 'A picture of' },
        };
        const ids: number[] = [];
        const seen = new Set<string>();
        for (const c of r.caption.candidates) {
          // Beams can end in the same words with different tokens; one row per distinct text.
          if (seen.has(c.text)) continue;
          seen.add(c.text);
          ids.push(
            insertCaption(this.#deps.db, {
              imageId: t.id,
              text: c.text,
              source: 'ai',
              status: 'candidate',
              score: confidenceOf(c.score),
              contentHash: t.contentHash,
              provenance: { ...provenance, decoding: { ...provenance.decoding, beamScore: c.score, finishedByEos: c.finishedByEos } },
              createdAt: this.#now(),
            }),
          );
        }
        return () => this.#deps.onCaptionsStored?.(t.id, ids);
      },
    });
  }

  #runAsk(params: AskJobParams, context: JobContext): Promise<BatchJobResult> {
    const identity = this.#deps.prismer.bundleIdentity(params.bundleDir);
    const mode = params.answers && params.answers.length > 0 ? 'rank' : 'generate';
    return this.#runBatch(params.scope, params.bundleDir, context, {
      skip: (t) => !params.redo && hasAnswer(this.#deps.db, t.id, params.question, identity.hash, mode),
      request: { task: 'ask', question: params.question, ...(mode === 'rank' ? { options: { answers: params.answers! } } : {}) },
      store: (t, r) => {
        if (r.task !== 'ask') return;
        const top = r.answer.candidates[0];
        insertVqa(this.#deps.db, {
          imageId: t.id,
          question: params.question,
          answer: r.answer.answer,
          mode: r.answer.mode,
          score: top ? top.score : null,
          alternatives: r.answer.candidates.slice(0, 5).map((c) => ({ answer: c.answer, score: c.score })),
          modelId: identity.name,
          modelHash: identity.hash,
          createdAt: this.#now(),
        });
        return undefined;
      },
    });
  }

  #runTag(params: TagJobParams, context: JobContext): Promise<BatchJobResult> {
    const top = params.top ?? 5;
    return this.#runBatch(params.scope, params.bundleDir, context, {
      skip: () => false,
      request: { task: 'tag', classNames: params.classNames },
      store: (t, r) => {
        if (r.task !== 'tag') return;
        replaceAiTags(this.#deps.db, t.id, r.tags.slice(0, top).map((tag) => ({ name: tag.className, score: tag.score })), this.#now());
        return undefined;
      },
    });
  }

  async #runBatch(
    scope: ImageScope,
    bundleDir: string,
    context: JobContext,
    task: {
      skip: (t: ImageToProcess) => boolean;
      request: PrismerTaskRequest;
      /** Writes the results (inside the item's transaction); may return what to do after commit. */
      store: (t: ImageToProcess, r: PrismerServiceResult) => (() => void) | undefined;
    },
  ): Promise<BatchJobResult> {
    const { db, prismer, experts, jobs } = this.#deps;
    const targets = resolveScope(db, scope, this.#deps.resolveView);
    const finished = finishedJobItems(db, context.jobId);
    const failed: BatchJobResult['failed'] = [];
    let done = 0;
    let skipped = 0;
    let processed = 0;
    const total = targets.length;
    const started = performance.now();
    const report = (detail: string | null) => context.report({ done: done + skipped + failed.length, failed: failed.length, total, detail });

    // Items finished before a restart are counted, not redone.
    const todo: ImageToProcess[] = [];
    for (const t of targets) {
      const previous = finished.get(`image:${t.id}`);
      if (!previous) todo.push(t);
      else if (previous.state === 'failed') failed.push({ imageId: t.id, path: t.path, reason: previous.error ?? 'failed' });
      else if (previous.state === 'skipped') skipped++;
      else done++;
    }
    const work = todo.filter((t) => {
      if (!task.skip(t)) return true;
      recordJobItem(db, context.jobId, `image:${t.id}`, 'skipped', null);
      skipped++;
      return false;
    });
    report(null);

    // The expert outputs the model needs, for every image at once (one job; stored ones are skipped).
    const needed = prismer.bundleIdentity(bundleDir).experts;
    let expertsRun: ExpertId[] = [];
    if (needed.length > 0 && work.length > 0) {
      const list = unavailableExperts(experts, needed);
      if (list !== null) {
        throw new StudioError('unsupported', `This Prismer model needs experts that cannot run: ${list}. Install their models with \`prismer-studio models install <id>\`.`);
      }
      report('Running the experts the model needs…');
      const { jobId } = experts.run({ imageIds: work.map((t) => t.id), only: [...needed] });
      const onCancel = () => jobs.cancel(jobId);
      context.signal.addEventListener('abort', onCancel, { once: true });
      const expertJob = await jobs.wait(jobId);
      context.signal.removeEventListener('abort', onCancel);
      if (context.signal.aborted) return withSummary({ images: total, done, skipped, failed, expertsRun, imagesPerSecond: 0, cancelled: true });
      // Images the experts failed on fail below, each with its own reason; a failed job fails the batch.
      if (expertJob.state === 'failed') throw new StudioError('failed', `Running the experts failed: ${expertJob.error ?? 'unknown error'}`);
      expertsRun = [...needed];
    }

    for (const t of work) {
      await context.checkpoint();
      if (context.signal.aborted) break;
      report(t.path);
      try {
        const result = await prismer.run(t.id, bundleDir, task.request, context.signal);
        let after: (() => void) | undefined;
        db.transaction(() => {
          after = task.store(t, result);
          recordJobItem(db, context.jobId, `image:${t.id}`, 'done', null);
        })();
        after?.();
        done++;
      } catch (error) {
        if (context.signal.aborted) break;
        const reason = error instanceof Error ? error.message : String(error);
        recordJobItem(db, context.jobId, `image:${t.id}`, 'failed', reason);
        failed.push({ imageId: t.id, path: t.path, reason });
      }
      processed++;
    }
    report(null);
    const seconds = (performance.now() - started) / 1000;
    return withSummary({ images: total, done, skipped, failed, expertsRun, imagesPerSecond: processed > 0 && seconds > 0 ? processed / seconds : 0, cancelled: context.signal.aborted });
  }

  #expertVersions(imageId: number, needed: readonly ExpertId[], missing: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const o of this.#deps.experts.outputsFor(imageId)) {
      if (needed.includes(o.expert as ExpertId) && !out[o.expert]) out[o.expert] = `${o.modelId}@${o.modelVersion}${o.isFallback ? ' (fallback)' : ''}`;
    }
    for (const m of missing) out[m] ??= 'missing';
    return out;
  }
}
