// The library as the rest of the app sees it: add folders or files, rescan, remove, and the queries
// behind the sidebar, grid and loupe. Scans run as 'scan' jobs on the job queue.
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { StudioDb } from '../../../db/open.ts';
import {
  deleteFolder,
  ensureFolder,
  getFolder,
  getFolderRoot,
  listFolders,
  listSubfolders,
  type Folder,
  type SubfolderCount,
} from '../../../db/queries/folders.ts';
import {
  countImages,
  countImagesInFolder,
  findKnownFileByPath,
  getImage,
  listDuplicatesOf,
  listImageTiles,
  reassignFolder,
} from '../../../db/queries/images.ts';
import { StudioError } from '../../api/protocol.ts';
import type { BrowseResult, ImageDetail, ImagePage, ImageQuery } from '../../api/library.ts';
import type { EventBus } from '../eventBus.ts';
import type { JobContext, JobService } from '../jobs/jobService.ts';
import type { SettingsService } from '../settings/settingsService.ts';
import { cameraName } from './cameraName.ts';
import { hasImageExtension } from './imageFormats.ts';
import { scanRoot, type ScanSummary } from './scanRoot.ts';
import type { ThumbnailStore } from './thumbnailStore.ts';
import { describeFsError } from './walkFolder.ts';

export interface ScanTarget {
  readonly folderId: number;
  readonly files?: string[];
}

export interface ScanJobParams {
  readonly targets: ScanTarget[];
  /** Overrides the generate-thumbnails setting for this job (the CLI's --no-thumbnails). */
  readonly thumbnails?: boolean;
}

export interface ScanRequest {
  readonly thumbnails?: boolean;
}

/** Several roots scanned by one job report one summary. */
export interface ScanJobResult extends Omit<ScanSummary, 'folderId' | 'folderPath'> {
  readonly folders: { id: number; path: string }[];
}

export interface LibraryDeps {
  readonly db: StudioDb;
  readonly jobs: JobService;
  readonly bus: EventBus;
  readonly settings: SettingsService;
  readonly thumbnails: ThumbnailStore;
  /** The studio's data folder: never imported, never scanned. */
  readonly dataDir: string;
  readonly now?: () => number;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function mergeSummaries(summaries: ScanSummary[]): ScanJobResult {
  const sum = (pick: (s: ScanSummary) => number) => summaries.reduce((n, s) => n + pick(s), 0);
  const durationMs = sum((s) => s.durationMs);
  const examined = summaries.reduce((n, s) => n + (s.filesPerSecond * s.durationMs) / 1000, 0);
  return {
    folders: summaries.map((s) => ({ id: s.folderId, path: s.folderPath })),
    added: sum((s) => s.added),
    updated: sum((s) => s.updated),
    moved: sum((s) => s.moved),
    restored: sum((s) => s.restored),
    removed: sum((s) => s.removed),
    unchanged: sum((s) => s.unchanged),
    failed: summaries.flatMap((s) => s.failed),
    skipped: sum((s) => s.skipped),
    unreadableFolders: summaries.flatMap((s) => s.unreadableFolders),
    cancelled: summaries.some((s) => s.cancelled),
    durationMs,
    filesPerSecond: durationMs > 0 ? (examined * 1000) / durationMs : 0,
  };
}

export class LibraryService {
  readonly #deps: LibraryDeps;
  readonly #now: () => number;

  constructor(deps: LibraryDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    deps.jobs.register('scan', (params, context) => this.#runScanJob(params as ScanJobParams, context));
  }

  // ---- changing the library ---------------------------------------------------------------------

  async addFolder(input: string, request: ScanRequest = {}): Promise<{ folderId: number; jobId: number }> {
    const path = await this.#checkFolder(input);
    const { db } = this.#deps;
    const roots = listFolders(db).filter((f) => f.kind === 'folder');
    const container = roots.find((f) => f.path === path || isInside(path, f.path));
    if (container) {
      // Already in the library as (part of) another folder: rescan that one.
      return { folderId: container.id, jobId: this.#enqueueScan([{ folderId: container.id }], request) };
    }
    const folderId = db.transaction(() => {
      const id = ensureFolder(db, path, 'folder', this.#now());
      // Folders (and loose files) already imported below the new one become part of it.
      for (const child of listFolders(db)) {
        if (child.id === id) continue;
        if (isInside(child.path, path) || (child.kind === 'files' && child.path === path)) {
          reassignFolder(db, child.id, id, child.kind === 'files' && child.path === path ? '' : relative(path, child.path).split(sep).join('/'));
          deleteFolder(db, child.id);
        }
      }
      return id;
    })();
    this.#deps.bus.emit('library.changed', { folderIds: [folderId] });
    return { folderId, jobId: this.#enqueueScan([{ folderId }], request) };
  }

  async addFiles(inputs: readonly string[]): Promise<{ jobId: number }> {
    const { db } = this.#deps;
    const byRoot = new Map<number, string[]>();
    const roots = listFolders(db).filter((f) => f.kind === 'folder');
    for (const input of inputs) {
      if (!isAbsolute(input)) throw new StudioError('invalid-params', `"${input}" is not an absolute path.`);
      const path = resolve(input);
      if (isInside(path, this.#deps.dataDir)) throw new StudioError('invalid-params', `${path} is inside Prismer Studio's own data folder.`);
      const root = roots.find((f) => isInside(path, f.path)) ?? null;
      const folderId = root ? root.id : ensureFolder(db, dirname(path), 'files', this.#now());
      const list = byRoot.get(folderId) ?? [];
      list.push(path);
      byRoot.set(folderId, list);
    }
    const targets = [...byRoot].map(([folderId, files]) => ({ folderId, files }));
    return { jobId: this.#enqueueScan(targets) };
  }

  rescan(folderId?: number): { jobId: number } {
    const folders = folderId === undefined ? listFolders(this.#deps.db) : [this.#folder(folderId)];
    if (folders.length === 0) throw new StudioError('not-found', 'There are no folders in the library yet. Add a folder first.');
    return { jobId: this.#enqueueScan(folders.map((f) => ({ folderId: f.id }))) };
  }

  /** Forgets a folder and everything recorded about its photos. The files on disk are not touched. */
  removeFolder(folderId: number): { removedImages: number } {
    const { db } = this.#deps;
    this.#folder(folderId);
    const removedImages = countImagesInFolder(db, folderId);
    deleteFolder(db, folderId);
    this.#deps.bus.emit('library.changed', { folderIds: [folderId] });
    return { removedImages };
  }

  // ---- reading the library ----------------------------------------------------------------------

  folders(): Folder[] {
    return listFolders(this.#deps.db);
  }

  subfolders(folderId: number): SubfolderCount[] {
    this.#folder(folderId);
    return listSubfolders(this.#deps.db, folderId);
  }

  query(query: ImageQuery, offset: number, limit: number): ImagePage {
    const { db } = this.#deps;
    return { total: countImages(db, query), offset, tiles: listImageTiles(db, query, offset, limit) };
  }

  /** The library's image at a path (as given, made absolute), or null when the library does not hold it. */
  imageIdForPath(path: string): number | null {
    return findKnownFileByPath(this.#deps.db, resolve(path))?.id ?? null;
  }

  image(id: number): ImageDetail {
    const { db } = this.#deps;
    const record = getImage(db, id);
    if (!record) throw new StudioError('not-found', `There is no image ${id} in the library.`);
    const { exifJson, ...rest } = record;
    const entries = exifJson ? (JSON.parse(exifJson) as Record<string, string>) : {};
    const camera = cameraName(rest.cameraMake, rest.cameraModel);
    // Files read by earlier versions stored "Canon Canon EOS R6".
    if (camera && 'Camera' in entries) entries.Camera = camera;
    return {
      ...rest,
      camera,
      exif: Object.entries(entries).map(([label, value]) => ({ label, value })),
      duplicates: listDuplicatesOf(db, id),
      folderPath: getFolderRoot(db, record.folderId)?.path ?? '',
    };
  }

  /** Folder browser for web mode's "Add folder" dialog, where no native picker exists. */
  async browse(input?: string): Promise<BrowseResult> {
    const path = resolve(input ?? homedir());
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      throw new StudioError('not-found', `Cannot open ${path}: ${describeFsError(error)}.`);
    }
    const folders = entries
      .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink()))
      .map((e) => ({ name: e.name, path: join(path, e.name) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const imageFileCount = entries.filter((e) => e.isFile() && hasImageExtension(e.name)).length;
    const parent = dirname(path);
    return { path, parent: parent === path ? null : parent, folders, imageFileCount };
  }

  // ---- scanning ---------------------------------------------------------------------------------

  #enqueueScan(targets: ScanTarget[], request: ScanRequest = {}): number {
    const { db, jobs } = this.#deps;
    const names = targets.map((t) => basename(getFolderRoot(db, t.folderId)?.path ?? '') || '/');
    const fileCount = targets.reduce((n, t) => n + (t.files?.length ?? 0), 0);
    const title =
      fileCount > 0
        ? `Importing ${fileCount} file${fileCount === 1 ? '' : 's'}`
        : targets.length === 1
          ? `Scanning ${names[0]}`
          : `Scanning ${targets.length} folders`;
    return jobs.enqueue('scan', title, { targets, ...request } satisfies ScanJobParams);
  }

  async #runScanJob(params: ScanJobParams, context: JobContext): Promise<ScanJobResult> {
    const { db, bus, settings, thumbnails, dataDir } = this.#deps;
    const summaries: ScanSummary[] = [];
    let doneBefore = 0;
    let failedBefore = 0;
    let lastChanged = 0;
    for (const [index, target] of params.targets.entries()) {
      if (context.signal.aborted) break;
      const folder = getFolderRoot(db, target.folderId);
      if (!folder) continue; // removed while queued
      const prefix = params.targets.length > 1 ? `Folder ${index + 1} of ${params.targets.length}: ` : '';
      const { generateThumbnails, scanConcurrency } = settings.get();
      const withThumbnails = params.thumbnails ?? generateThumbnails;
      const summary = await scanRoot(
        { db, thumbnails: withThumbnails ? thumbnails : null, now: this.#now, exclude: [dataDir] },
        folder,
        {
          signal: context.signal,
          concurrency: scanConcurrency,
          files: target.files,
          onProgress: (p) => {
            context.report({
              done: doneBefore + p.done,
              failed: failedBefore + p.failed,
              total: p.total === null ? null : doneBefore + p.total,
              detail: prefix + p.detail,
            });
            const at = this.#now();
            if (p.phase === 'importing' && at - lastChanged > 1000) {
              lastChanged = at;
              bus.emit('library.changed', { folderIds: [folder.id] });
            }
          },
        },
      );
      summaries.push(summary);
      doneBefore += summary.added + summary.updated + summary.moved + summary.restored + summary.unchanged + summary.failed.length;
      failedBefore += summary.failed.length;
      bus.emit('library.changed', { folderIds: [folder.id] });
    }
    return mergeSummaries(summaries);
  }

  async #checkFolder(input: string): Promise<string> {
    if (!isAbsolute(input)) throw new StudioError('invalid-params', `"${input}" is not an absolute path.`);
    const path = resolve(input);
    try {
      const s = await stat(path);
      if (!s.isDirectory()) throw new StudioError('invalid-params', `${path} is a file, not a folder. Use "Add files" for single photos.`);
    } catch (error) {
      if (error instanceof StudioError) throw error;
      throw new StudioError('not-found', `Cannot open ${path}: ${describeFsError(error)}.`);
    }
    if (path === this.#deps.dataDir || isInside(path, this.#deps.dataDir)) {
      throw new StudioError('invalid-params', `${path} is Prismer Studio's own data folder; choose a folder of photos.`);
    }
    return path;
  }

  #folder(id: number): Folder {
    const folder = getFolder(this.#deps.db, id);
    if (!folder) throw new StudioError('not-found', `There is no folder ${id} in the library.`);
    return folder;
  }
}
