// Running the experts over the library: an 'experts' job over a selection, a folder or everything, one
// image (content) at a time in the model worker. What is already stored for the same model version is
// skipped; each finished image is recorded as a job item, so a crash or kill of the worker or of main
// loses nothing and redoes nothing already stored. One bad image fails its own item; the batch goes on.
// A run where none of the experts asked for can run (no model installed) is refused with the reason,
// never reported as done; a run where some cannot says which and why in its result.
import type { StudioDb } from '../../../db/open.ts';
import { detectionsOf, hasExpertOutput, latestExpertOutputs, saveExpertOutput, type ExpertOutputRecord, type StoredDetection } from '../../../db/queries/expertOutputs.ts';
import { getImage, listImagesToProcess } from '../../../db/queries/images.ts';
import { finishedJobItems, recordJobItem } from '../../../db/queries/jobs.ts';
import { expertIds, type ExpertId } from '../../../native-models/experts/expert.ts';
import { chooseImplementation, type ModelFileResolver, type PipelineChoice } from '../../../native-models/experts/pipeline.ts';
import { implementationsFor, type ExpertImplementation } from '../../../native-models/experts/registry.ts';
import { ModelRuntime } from '../../../native-models/runtime/modelRuntime.ts';
import type { ProviderPreference } from '../../../native-models/runtime/executionProviders.ts';
import type { ExpertStatus } from '../../api/experts.ts';
import { StudioError } from '../../api/protocol.ts';
import { WorkerCrashedError, type ExpertWorkerClient } from '../../worker/expertWorkerClient.ts';
import type { WorkerChoice } from '../../worker/workerProtocol.ts';
import type { EventBus } from '../eventBus.ts';
import type { JobContext, JobService } from '../jobs/jobService.ts';
import { labelMapPath, writeLabelMap } from './labelMapFiles.ts';

export const allExperts: readonly ExpertId[] = expertIds;

export interface ExpertJobParams {
  readonly imageIds?: number[];
  readonly folderId?: number;
  readonly only: ExpertId[];
}

export interface PerExpertCounts {
  done: number;
  skipped: number;
  missing: number;
  failed: number;
}

export interface ExpertJobResult {
  readonly images: number;
  readonly imagesDone: number;
  readonly imagesSkipped: number;
  readonly imagesFailed: { path: string; reason: string }[];
  readonly perExpert: Record<string, PerExpertCounts>;
  readonly missing: Record<string, string>;
  readonly provider: { provider: string; fallbackReason: string | null } | null;
  readonly imagesPerSecond: number;
  readonly cancelled: boolean;
  /** The outcome in words, for the jobs panel ("8 photos: edge done on 8; depth not run — no depth model"). */
  readonly summary: string;
}

/** The experts asked for that cannot run now, with why (the status's rules: a fallback needing a missing expert cannot either). */
function notRunnable(status: ExpertStatus, only: readonly ExpertId[]): { expert: ExpertId; reason: string }[] {
  return status.plan.filter((p) => only.includes(p.expert) && p.missing !== null).map((p) => ({ expert: p.expert, reason: p.missing! }));
}

function nothingCanRun(blocked: readonly { expert: ExpertId; reason: string }[]): StudioError {
  return new StudioError(
    'unsupported',
    `None of the experts asked for can run: ${blocked.map((b) => `${b.expert} — ${b.reason.replace(/\.$/, '')}`).join('; ')}. Install a model from the Models screen (M) or with \`prismer-studio models install <id>\`.`,
  );
}

export function expertJobSummary(result: Omit<ExpertJobResult, 'summary'>): string {
  const photos = `${result.images} photo${result.images === 1 ? '' : 's'}`;
  const parts: string[] = [];
  const ran = Object.entries(result.perExpert).filter(([expert]) => !result.missing[expert]);
  const done = ran.filter(([, c]) => c.done > 0).map(([e, c]) => `${e} ${c.done}`);
  const upToDate = ran.filter(([, c]) => c.done === 0 && c.skipped > 0).map(([e]) => e);
  if (done.length) parts.push(`stored ${done.join(', ')}`);
  if (upToDate.length) parts.push(`${upToDate.join(', ')} already up to date`);
  const failed = result.imagesFailed.length;
  if (failed) parts.push(`${failed} failed`);
  for (const [expert, reason] of Object.entries(result.missing)) parts.push(`${expert} not run — ${reason.replace(/\.$/, '')}`);
  return `${result.cancelled ? 'Cancelled; ' : ''}${photos}: ${parts.join('; ') || 'nothing to do'}`;
}

export interface ExpertServiceDeps {
  readonly db: StudioDb;
  readonly jobs: JobService;
  readonly bus: EventBus;
  readonly worker: ExpertWorkerClient;
  readonly mapsDir: string;
  readonly resolveModel: ModelFileResolver;
  /** The user's imported networks, tried before the catalog's implementations of the same expert. */
  readonly importedImplementations?: () => readonly ExpertImplementation[];
  /** The execution provider the settings ask for (the status predicts what it will give). */
  readonly providerPreference?: () => ProviderPreference;
  readonly now?: () => number;
  /** Called after an image's new outputs are stored (its captions are cross-checked again). */
  readonly onOutputsStored?: (contentHash: string) => void;
}

export interface StoredExpertOutput extends ExpertOutputRecord {
  readonly detections: StoredDetection[];
}

function withDependencies(only: readonly ExpertId[], choices: Map<ExpertId, PipelineChoice | { expert: ExpertId; missing: string }>): ExpertId[] {
  const wanted = new Set(only);
  for (const expert of only) {
    const choice = choices.get(expert);
    if (choice && !('missing' in choice)) for (const need of choice.implementation.create(choice.modelVersion).needs ?? []) wanted.add(need);
  }
  return [...wanted];
}

export class ExpertService {
  readonly #deps: ExpertServiceDeps;
  readonly #now: () => number;
  #provider: { provider: string; fallbackReason: string | null; preference: ProviderPreference } | null = null;

  constructor(deps: ExpertServiceDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    deps.jobs.register('experts', (params, context) => this.#runJob(params as ExpertJobParams, context));
  }

  /** Which implementation each expert would use now (installed models first, then fallbacks). */
  plan(only: readonly ExpertId[] = allExperts): (PipelineChoice | { expert: ExpertId; missing: string })[] {
    return only.map((expert) => chooseImplementation(expert, this.#candidates(expert), this.#deps.resolveModel));
  }

  /** Implementations of an expert in order of preference: imported networks first, then the catalog's. */
  #candidates(expert: ExpertId): ExpertImplementation[] {
    const imported = (this.#deps.importedImplementations?.() ?? []).filter((i) => i.expert === expert);
    return [...imported, ...implementationsFor(expert)];
  }

  run(params: ExpertJobParams): { jobId: number } {
    const only = params.only.length > 0 ? params.only : [...allExperts];
    const blocked = notRunnable(this.status(), only);
    if (blocked.length === only.length) throw nothingCanRun(blocked);
    const scope = params.imageIds ? `${params.imageIds.length} photo${params.imageIds.length === 1 ? '' : 's'}` : params.folderId !== undefined ? 'a folder' : 'the library';
    const title = `Running ${only.length === allExperts.length ? 'all experts' : only.join(', ')} on ${scope}`;
    return { jobId: this.#deps.jobs.enqueue('experts', title, { ...params, only } satisfies ExpertJobParams) };
  }

  /** What each expert would run now, and the execution provider the worker reported last. */
  status(): ExpertStatus {
    const plan = this.plan();
    const available = new Set(plan.filter((c) => !('missing' in c)).map((c) => c.expert));
    return {
      plan: plan.map((choice) => {
        if ('missing' in choice) return { expert: choice.expert, label: null, isFallback: false, missing: choice.missing };
        const expert = choice.implementation.create(choice.modelVersion);
        const unmet = (expert.needs ?? []).filter((need) => !available.has(need));
        // A classical method that derives from another expert cannot run without it.
        if (unmet.length > 0 && expert.isFallback) {
          return { expert: choice.expert, label: null, isFallback: true, missing: `${choice.implementation.label} needs the ${unmet.join(', ')} expert, which is not installed.` };
        }
        return { expert: choice.expert, label: choice.implementation.label, isFallback: expert.isFallback, missing: null };
      }),
      // Before the worker has run anything, the provider it will pick (GPU providers that cannot work
      // here are known without loading a model).
      provider: this.#providerStatus(),
    };
  }

  /** What the worker reported under the current preference, else what that preference will give. */
  #providerStatus(): { provider: string; fallbackReason: string | null } {
    const preference = this.#deps.providerPreference?.() ?? 'auto';
    if (this.#provider && this.#provider.preference === preference) {
      return { provider: this.#provider.provider, fallbackReason: this.#provider.fallbackReason };
    }
    return new ModelRuntime({ provider: preference }).providerInUse();
  }

  /** The newest label map of one expert for an image, for the map viewer. */
  mapFile(imageId: number, expert: ExpertId): string | null {
    return this.outputsFor(imageId).find((o) => o.expert === expert)?.mapPath ?? null;
  }

  outputsFor(imageId: number): StoredExpertOutput[] {
    const image = getImage(this.#deps.db, imageId);
    if (!image) throw new StudioError('not-found', `There is no image ${imageId} in the library.`);
    if (!image.contentHash) return [];
    return latestExpertOutputs(this.#deps.db, image.contentHash).map((o) => ({ ...o, detections: o.expert === 'det' ? detectionsOf(this.#deps.db, o.id) : [] }));
  }

  async #runJob(params: ExpertJobParams, context: JobContext): Promise<ExpertJobResult> {
    const { db, worker, mapsDir } = this.#deps;
    // A job resumed after its models were removed must not report success either.
    const blocked = notRunnable(this.status(), params.only);
    if (blocked.length === params.only.length) throw nothingCanRun(blocked);
    const targets = listImagesToProcess(db, params);
    const finished = finishedJobItems(db, context.jobId);
    const plan = new Map(this.plan(params.only).map((c) => [c.expert, c]));
    const toRun = withDependencies(params.only, plan).map((e) => plan.get(e) ?? chooseImplementation(e, this.#candidates(e), this.#deps.resolveModel));
    const perExpert: Record<string, PerExpertCounts> = Object.fromEntries(params.only.map((e) => [e, { done: 0, skipped: 0, missing: 0, failed: 0 }]));
    const missing: Record<string, string> = {};
    for (const choice of toRun) if ('missing' in choice && params.only.includes(choice.expert)) missing[choice.expert] = choice.missing;
    const imagesFailed: { path: string; reason: string }[] = [];
    let imagesDone = 0;
    let imagesSkipped = 0;
    let provider: ExpertJobResult['provider'] = null;
    let done = 0;
    const started = performance.now();
    let processed = 0;

    for (const target of targets) {
      await context.checkpoint();
      if (context.signal.aborted) break;
      const previous = finished.get(target.contentHash);
      if (previous) {
        done++;
        if (previous.state === 'failed') imagesFailed.push({ path: target.path, reason: previous.error ?? 'failed' });
        context.report({ done, failed: imagesFailed.length, total: targets.length, detail: target.path });
        continue;
      }
      const pending = toRun.filter((c) => {
        if ('missing' in c) return false;
        return !hasExpertOutput(db, target.contentHash, c.expert, c.modelVersion);
      });
      // Experts needed only as inputs to others run again if those others are pending.
      const needed = pending.filter((c) => params.only.includes(c.expert));
      for (const c of toRun) if (!('missing' in c) && params.only.includes(c.expert) && !needed.includes(c)) perExpert[c.expert]!.skipped++;
      for (const c of toRun) if ('missing' in c && params.only.includes(c.expert)) perExpert[c.expert]!.missing++;
      if (needed.length === 0) {
        imagesSkipped++;
        recordJobItem(db, context.jobId, target.contentHash, 'skipped', null);
      } else {
        const runSet = new Set(needed);
        for (const choice of needed) {
          if ('missing' in choice) continue;
          for (const need of choice.implementation.create(choice.modelVersion).needs ?? []) {
            const dependency = toRun.find((d) => d.expert === need && !('missing' in d));
            if (dependency) runSet.add(dependency);
          }
        }
        const choices: WorkerChoice[] = [...runSet].map((c) =>
          'missing' in c
            ? c
            : { expert: c.expert, label: c.implementation.label, files: c.files, modelVersion: c.modelVersion, ...(c.implementation.family ? { family: c.implementation.family } : {}) },
        );
        try {
          // A worker that dies on an image gets one more try in a fresh process (it may have been killed
          // from outside); dying twice on the same image fails that image only.
          const answer = await worker.run(target.path, choices, context.signal).catch((error: unknown) => {
            if (error instanceof WorkerCrashedError && !context.signal.aborted) return worker.run(target.path, choices, context.signal);
            throw error;
          });
          provider = answer.provider;
          this.#provider = { ...answer.provider, preference: this.#deps.providerPreference?.() ?? 'auto' };
          const errors: string[] = [];
          for (const result of answer.results) {
            if (!params.only.includes(result.expert)) continue;
            if (result.status === 'done') {
              const o = result.output;
              const mapPath = o.labelMap ? labelMapPath(mapsDir, target.contentHash, o.expert, o.modelId, o.modelVersion) : null;
              if (o.labelMap && mapPath) await writeLabelMap(mapPath, o.labelMap);
              saveExpertOutput(
                db,
                {
                  contentHash: target.contentHash,
                  expert: o.expert,
                  modelId: o.modelId,
                  modelVersion: o.modelVersion,
                  mapPath,
                  stats: { ...o.stats, ...(o.labelMeta !== undefined ? { labelMeta: o.labelMeta } : {}), ...(o.classShares ? { classShares: o.classShares } : {}), ...(o.words ? { words: o.words } : {}) },
                  text: o.text ?? null,
                  isFallback: o.isFallback,
                  detections: o.detections?.map((d) => ({ classId: d.classId, label: d.label, score: d.score, box: d.box })),
                },
                this.#now(),
              );
              perExpert[o.expert]!.done++;
            } else if (result.status === 'missing') {
              perExpert[result.expert]!.missing++;
              missing[result.expert] = result.reason;
            } else if (result.status === 'failed') {
              perExpert[result.expert]!.failed++;
              errors.push(`${result.label}: ${result.error}`);
            }
          }
          if (errors.length > 0) {
            imagesFailed.push({ path: target.path, reason: errors.join('; ') });
            recordJobItem(db, context.jobId, target.contentHash, 'failed', errors.join('; '));
          } else {
            imagesDone++;
            recordJobItem(db, context.jobId, target.contentHash, 'done', null);
          }
          if (answer.results.some((r) => r.status === 'done' && params.only.includes(r.expert))) this.#deps.onOutputsStored?.(target.contentHash);
        } catch (error) {
          // Stopped by a cancel or a shutdown: the image is not done, and not failed either (a resume redoes it).
          if (context.signal.aborted) break;
          const reason = error instanceof Error ? error.message : String(error);
          imagesFailed.push({ path: target.path, reason });
          recordJobItem(db, context.jobId, target.contentHash, 'failed', reason);
        }
        processed++;
      }
      done++;
      context.report({ done, failed: imagesFailed.length, total: targets.length, detail: target.path });
    }
    for (const b of blocked) missing[b.expert] ??= b.reason;
    const seconds = (performance.now() - started) / 1000;
    const result = {
      images: targets.length,
      imagesDone,
      imagesSkipped,
      imagesFailed,
      perExpert,
      missing,
      provider,
      imagesPerSecond: seconds > 0 ? processed / seconds : 0,
      cancelled: context.signal.aborted,
    };
    return { ...result, summary: expertJobSummary(result) };
  }
}
