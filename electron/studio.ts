// The composition root: opens the database and builds every service once. Electron's main process, web
// mode, the CLI and the tests all start the studio through this, so they run the same code.
import { makeFolderSync } from './services/files/makeFolder.ts';
import { dirname, resolve } from 'node:path';
import { openDatabase, type StudioDb } from '../db/open.ts';
import type { ModelFileResolver } from '../native-models/experts/pipeline.ts';
import type { Settings } from './api/settings.ts';
import { dataPaths, modelsDir, type DataPaths } from './dataDir.ts';
import { checkCaptions } from './services/captions/captionChecks.ts';
import { openCaptionsByContent } from '../db/queries/captions.ts';
import { PrismerJobs } from './services/captions/prismerJobs.ts';
import { QuestionService } from './services/captions/questionService.ts';
import { ReviewService } from './services/captions/reviewService.ts';
import { EventBus } from './services/eventBus.ts';
import { ExpertService } from './services/experts/expertService.ts';
import { ExpertWorkerClient } from './worker/expertWorkerClient.ts';
import type { SpawnWorker } from './worker/workerProcess.ts';
import { JobService } from './services/jobs/jobService.ts';
import { LibraryService } from './services/library/libraryService.ts';
import { ThumbnailStore } from './services/library/thumbnailStore.ts';
import { MediaService } from './services/media/mediaService.ts';
import { ModelManager } from './services/models/modelManager.ts';
import { PrismerService } from './services/prismer/prismerService.ts';
import { SettingsService } from './services/settings/settingsService.ts';
import { ExportService } from './services/export/exportService.ts';
import { savedViewImageIds } from './services/library/savedViewImages.ts';
import { SearchService } from './services/library/searchService.ts';

export interface StudioOptions {
  readonly dataDir: string;
  /** Database file; defaults to library.db in the data folder. */
  readonly database?: string;
  /** Resume jobs a previous run left unfinished (the app does; one-shot CLI commands do not). */
  readonly resumeJobs?: boolean;
  /** Where the experts find model files; defaults to the model manager (tests pass generated models). */
  readonly resolveModel?: ModelFileResolver;
  /** How the model worker is started (default child_process.fork; the desktop app uses utilityProcess). */
  readonly spawnWorker?: SpawnWorker;
}

export interface Studio {
  readonly paths: DataPaths;
  readonly db: StudioDb;
  readonly bus: EventBus;
  readonly jobs: JobService;
  readonly settings: SettingsService;
  readonly library: LibraryService;
  readonly media: MediaService;
  readonly models: ModelManager;
  readonly experts: ExpertService;
  readonly prismer: PrismerService;
  readonly search: SearchService;
  readonly exports: ExportService;
  readonly review: ReviewService;
  readonly prismerJobs: PrismerJobs;
  readonly questions: QuestionService;
  /** Cross-checks captions just stored for an image and tells the windows (the CLI's imports use it too). */
  captionsStored(imageId: number, captionIds: readonly number[]): void;
  close(): Promise<void>;
}

export function openStudio(options: StudioOptions): Studio {
  const dataDir = resolve(options.dataDir);
  const paths = dataPaths(dataDir, options.database && resolve(options.database));
  makeFolderSync(dataDir, { what: 'the data folder' });
  makeFolderSync(dirname(paths.database), { what: "the database's folder" });
  const db = openDatabase(paths.database);
  const bus = new EventBus();
  const jobs = new JobService(db, bus);
  const settings = new SettingsService(db, bus);
  const thumbnails = new ThumbnailStore(paths.thumbnails);
  const library = new LibraryService({ db, jobs, bus, settings, thumbnails, dataDir });
  const media = new MediaService(db, thumbnails, paths.previews);
  const models = new ModelManager({ db, jobs, modelsDir: modelsDir(paths) });
  const worker = new ExpertWorkerClient(options.spawnWorker ? { spawn: options.spawnWorker } : {});
  const configureWorker = (s: Settings) =>
    worker.configure({
      provider: s.executionProvider,
      intraOpThreads: s.inferenceThreads,
      memoryBudgetBytes: s.modelMemoryBudgetMB * 1024 * 1024,
      idleUnloadMs: s.modelIdleMinutes * 60_000,
    });
  configureWorker(settings.get());
  bus.on('settings.changed', configureWorker);
  let expertOutputsStored: (contentHash: string) => void = () => {};
  const experts = new ExpertService({
    db,
    jobs,
    bus,
    worker,
    mapsDir: paths.maps,
    resolveModel: options.resolveModel ?? ((id) => models.resolve(id)),
    importedImplementations: () => models.importedImplementations(),
    providerPreference: () => settings.get().executionProvider,
    onOutputsStored: (contentHash) => expertOutputsStored(contentHash),
  });
  const prismer = new PrismerService({ db, jobs, library, experts, models, worker, modelsDir: modelsDir(paths) });
  const search = new SearchService({ db, bus });
  const resolveView = (viewId: number) => savedViewImageIds(db, search, viewId);
  // Every caption is cross-checked when it is stored — AI, human or imported — and again when new expert
  // outputs arrive for its photo; the windows hear of it.
  const captionsStored = (imageId: number, captionIds: readonly number[]) => {
    checkCaptions(db, experts, imageId, captionIds);
    bus.emit('captions.changed', { imageIds: [imageId] });
  };
  expertOutputsStored = (contentHash) => {
    for (const { imageId, captionIds } of openCaptionsByContent(db, contentHash)) captionsStored(imageId, captionIds);
  };
  const exports = new ExportService({ db, jobs, resolveView, onCaptionsStored: captionsStored });
  const review = new ReviewService(db, bus, Date.now, (imageId, captionIds) => checkCaptions(db, experts, imageId, captionIds));
  const prismerJobs = new PrismerJobs({ db, jobs, experts, prismer, resolveView, onCaptionsStored: captionsStored });
  const questions = new QuestionService(db, prismer);
  if (options.resumeJobs) jobs.resumeUnfinished();
  let closed = false;
  return {
    paths,
    db,
    bus,
    jobs,
    settings,
    library,
    media,
    models,
    experts,
    prismer,
    search,
    exports,
    review,
    prismerJobs,
    questions,
    captionsStored,
    async close() {
      if (closed) return;
      closed = true;
      await jobs.close();
      await models.close();
      await worker.close();
      db.close();
    },
  };
}
