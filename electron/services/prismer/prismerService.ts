// Prismer in the app: resolves a model bundle (an installed bundle by name, or a bundle folder), gathers
// the stored expert outputs the model takes (running the 'experts' job for missing ones, or refusing by
// name when their models are not installed), and has the model worker run caption / ask / tag. The
// results are returned with timings; nothing is written to the database yet (captions are stored by a
// later issue). Prismer (non-Z) models also need the official label tables, installed in
// `<models>/prismer/label-tables/`; without them they are refused before any expert runs.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { StudioDb } from '../../../db/open.ts';
import { findKnownFileByPath, getImagePath } from '../../../db/queries/images.ts';
import type { ExpertId } from '../../../native-models/experts/expert.ts';
import { resolveClipTextFiles } from '../../../native-models/clip/clipTextFiles.ts';
import type { BundleConfig, BundleManifest } from '../../../native-models/prismer/convert/convertCheckpoint.ts';
import { labelTablesProblem } from '../../../native-models/prismer/runner/expertInputs.ts';
import { StudioError } from '../../api/protocol.ts';
import type { ExpertWorkerClient } from '../../worker/expertWorkerClient.ts';
import type { PrismerRequest, PrismerResult, PrismerTaskRequest } from '../../worker/workerProtocol.ts';
import type { ExpertService } from '../experts/expertService.ts';
import type { JobService } from '../jobs/jobService.ts';
import type { LibraryService } from '../library/libraryService.ts';
import type { ModelManager } from '../models/modelManager.ts';

/** Prismer's expert input names → the studio's experts. */
const expertOfInput: Readonly<Record<string, ExpertId>> = { depth: 'depth', normal: 'normal', edge: 'edge', seg: 'seg', obj_detection: 'det', ocr_detection: 'ocr' };

export interface PrismerServiceDeps {
  readonly db: StudioDb;
  readonly jobs: JobService;
  readonly library: LibraryService;
  readonly experts: ExpertService;
  readonly models: Pick<ModelManager, 'resolve'>;
  readonly worker: ExpertWorkerClient;
  /** The models folder: bundles are in `<modelsDir>/prismer/<name>/`. */
  readonly modelsDir: string;
  /** Default `<modelsDir>/prismer/label-tables`. */
  readonly labelTablesDir?: string;
}

export type PrismerRunTimings = PrismerResult['timings'] & {
  /** Running the experts the model needed and found missing (0 when all were stored). */
  experts: number;
  /** Main's whole call, worker round trip included. */
  overall: number;
};

type WithoutTimings<T> = T extends unknown ? Omit<T, 'timings'> : never;

export type PrismerServiceResult = WithoutTimings<PrismerResult> & {
  readonly imageId: number;
  readonly imagePath: string;
  readonly bundleDir: string;
  /** Experts run for this call because their outputs were not stored. */
  readonly expertsRun: readonly ExpertId[];
  readonly timings: PrismerRunTimings;
};

const isBundle = (dir: string) => existsSync(join(dir, 'config.json'));

/** The experts of `needed` that cannot run here, as 'det (why); seg (why)', or null when all can. */
export function unavailableExperts(experts: Pick<ExpertService, 'plan'>, needed: readonly ExpertId[]): string | null {
  const unavailable = experts.plan(needed).filter((c) => 'missing' in c);
  return unavailable.length > 0 ? unavailable.map((c) => `${c.expert} (${'missing' in c ? c.missing : ''})`).join('; ') : null;
}

export class PrismerService {
  readonly #deps: PrismerServiceDeps;

  constructor(deps: PrismerServiceDeps) {
    this.#deps = deps;
  }

  get #bundlesDir(): string {
    return join(this.#deps.modelsDir, 'prismer');
  }

  get labelTablesDir(): string {
    return this.#deps.labelTablesDir ?? join(this.#bundlesDir, 'label-tables');
  }

  /** Installed bundle names (folders of `<models>/prismer` holding a config.json). */
  installedBundles(): string[] {
    if (!existsSync(this.#bundlesDir)) return [];
    return readdirSync(this.#bundlesDir).filter((name) => isBundle(join(this.#bundlesDir, name))).sort();
  }

  /** A bundle folder from a name or a path; without either, the only installed bundle. */
  resolveBundle(model?: string): string {
    if (!model) {
      const installed = this.installedBundles();
      if (installed.length === 1) return join(this.#bundlesDir, installed[0]!);
      throw new StudioError(
        'not-found',
        installed.length === 0
          ? 'No Prismer model is installed: install one with `prismer-studio models install prismer-base-caption` (captions; `prismer-base-vqa` for questions; `prismer-studio models list` shows all), convert one with `prismer-studio models convert`, or give --model PATH to a bundle folder.'
          : `Several Prismer models are installed (${installed.join(', ')}); choose one with --model NAME.`,
      );
    }
    const looksLikePath = isAbsolute(model) || model.startsWith('.') || model.includes('/') || model.includes('\\');
    if (looksLikePath) {
      const dir = resolve(model);
      if (isBundle(dir)) return dir;
      throw new StudioError('not-found', `${dir} is not a Prismer model bundle (no config.json there).`);
    }
    const managed = this.#deps.models.resolve(model);
    if (managed) {
      const path = managed.path;
      const dir = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
      if (isBundle(dir)) return dir;
    }
    const named = join(this.#bundlesDir, model);
    if (isBundle(named)) return named;
    const installed = this.installedBundles();
    throw new StudioError('not-found', `There is no Prismer model "${model}"${installed.length ? ` (installed: ${installed.join(', ')})` : ''}; give a name or --model PATH to a bundle folder.`);
  }

  /**
   * The bundle's name, its experts and a hash identifying its contents (from the manifest's file hashes:
   * the same conversion gives the same hash wherever it is installed) — the provenance of what it writes.
   */
  bundleIdentity(bundleDir: string): { name: string; hash: string; experts: ExpertId[] } {
    const config = JSON.parse(readFileSync(join(bundleDir, 'config.json'), 'utf8')) as BundleConfig;
    let hash: string;
    try {
      const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8')) as BundleManifest;
      const files = [...manifest.files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${f.path}:${f.sha256}`);
      hash = createHash('sha256').update(`${manifest.source.sha256}\n${manifest.precision}\n${files.join('\n')}`).digest('hex');
    } catch {
      // A hand-made bundle without a manifest: identify it by its config.
      hash = createHash('sha256').update(readFileSync(join(bundleDir, 'config.json'))).digest('hex');
    }
    return { name: config.name, hash, experts: PrismerService.expertsOf(config) };
  }

  /** Imports photos (anywhere on disk) into the library through addFiles; their image ids, in order. */
  async importImages(paths: readonly string[]): Promise<number[]> {
    const absolute = paths.map((p) => resolve(p));
    for (const p of absolute) if (!existsSync(p)) throw new StudioError('not-found', `There is no file ${p}.`);
    const { jobId } = await this.#deps.library.addFiles(absolute);
    const job = await this.#deps.jobs.wait(jobId);
    if (job.state !== 'done') throw new StudioError('failed', `Importing the photos failed: ${job.error ?? job.state}`);
    return absolute.map((p) => {
      const known = findKnownFileByPath(this.#deps.db, p);
      if (!known || known.status !== 'ok') throw new StudioError('failed', `${p} could not be imported (is it a photo?).`);
      return known.id;
    });
  }

  /** The experts a bundle takes, as the studio names them. */
  static expertsOf(config: Pick<BundleConfig, 'experts'>): ExpertId[] {
    return config.experts.map((e) => expertOfInput[e] ?? expertOfInput[e.replace(/.*seg.*/, 'seg')]).filter((e): e is ExpertId => Boolean(e));
  }

  /** `signal`: a cancelled job's run ends at once (the worker is ended if it does not answer in a moment). */
  async run(imageId: number, bundleDir: string, request: PrismerTaskRequest, signal?: AbortSignal): Promise<PrismerServiceResult> {
    const started = performance.now();
    const image = getImagePath(this.#deps.db, imageId);
    if (!image) throw new StudioError('not-found', `There is no image ${imageId} in the library.`);
    const config = JSON.parse(readFileSync(join(bundleDir, 'config.json'), 'utf8')) as BundleConfig;
    const problem = labelTablesProblem(config, this.labelTablesDir);
    if (problem) throw new StudioError('unsupported', problem);

    const needed = PrismerService.expertsOf(config);
    const expertsStarted = performance.now();
    const expertsRun = await this.#ensureExperts(imageId, needed);
    const expertsMs = expertsRun.length > 0 ? performance.now() - expertsStarted : 0;
    const experts: NonNullable<PrismerRequest['experts']> = {};
    for (const output of this.#deps.experts.outputsFor(imageId)) {
      const expert = output.expert as ExpertId;
      if (!needed.includes(expert) || !output.mapPath || experts[expert]) continue;
      experts[expert] = { mapPath: output.mapPath, labelMeta: output.stats['labelMeta'] };
    }

    // OCR word features need the CLIP text model; without it the worker notes that OCR stays background.
    const clipText = needed.includes('ocr') ? resolveClipTextFiles((id) => this.#deps.models.resolve(id)) : null;
    const result = await this.#deps.worker.prismer({
      bundleDir,
      imagePath: image.path,
      request,
      ...(needed.length > 0 ? { experts, labelTablesDir: this.labelTablesDir, ...(clipText ? { clipText } : {}) } : {}),
    }, signal);
    return {
      ...result,
      imageId,
      imagePath: image.path,
      bundleDir,
      expertsRun,
      timings: { ...result.timings, experts: expertsMs, overall: performance.now() - started },
    };
  }

  /** Runs the 'experts' job for the needed experts with no stored output; refuses when one cannot run. */
  async #ensureExperts(imageId: number, needed: readonly ExpertId[]): Promise<ExpertId[]> {
    if (needed.length === 0) return [];
    const stored = new Set(this.#deps.experts.outputsFor(imageId).filter((o) => o.mapPath).map((o) => o.expert));
    const missing = needed.filter((e) => !stored.has(e));
    if (missing.length === 0) return [];
    const list = unavailableExperts(this.#deps.experts, missing);
    if (list !== null) {
      throw new StudioError('unsupported', `This Prismer model needs expert outputs that are not stored and cannot be computed: ${list}. Install their models with \`prismer-studio models install <id>\`.`);
    }
    const { jobId } = this.#deps.experts.run({ imageIds: [imageId], only: missing });
    const job = await this.#deps.jobs.wait(jobId);
    if (job.state !== 'done') throw new StudioError('failed', `Running the experts ${missing.join(', ')} failed: ${job.error ?? job.state}`);
    return missing;
  }
}
