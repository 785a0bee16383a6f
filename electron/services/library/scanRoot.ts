// One scan of one library root: compares what is on disk with what the database knows and brings the
// database up to date. Unchanged files (same size and mtime) are not read. New files are hashed; a hash
// that matches a file gone from its old place is a move, so the row — and everything annotated on it —
// follows the file. Files that vanished are marked missing, never deleted with their annotations.
// Readable images without a perceptual hash (imported before it existed) get one.
// One bad file is recorded with its reason and the scan goes on; a full disk stops it with what it did
// kept.
import { stat } from 'node:fs/promises';
import { basename, dirname, relative, sep } from 'node:path';
import type { StudioDb } from '../../../db/open.ts';
import type { FolderKind } from '../../../db/queries/folders.ts';
import {
  findByHash,
  findKnownFileByPath,
  getImage,
  insertImage,
  knownFilesInFolder,
  listImagesWithoutPhash,
  markMissing,
  moveImage,
  setPhashForContent,
  touchImage,
  updateImageFacts,
  type ImageFacts,
  type ImageLocation,
  type KnownFile,
} from '../../../db/queries/images.ts';
import { recordScan } from '../../../db/queries/folders.ts';
import { ImageFileError, inspectImage, readImageFile } from './inspectImage.ts';
import { perceptualHashes } from '../../../native-models/imageOps/perceptualHash.ts';
import type { ThumbnailStore } from './thumbnailStore.ts';
import { describeFsError, walkFolder, type FoundFile, type WalkOptions, type WalkProblem } from './walkFolder.ts';
import { hasImageExtension } from './imageFormats.ts';

export interface ScanRoot {
  readonly id: number;
  readonly path: string;
  readonly kind: FolderKind;
}

export interface FileProblem {
  readonly path: string;
  readonly reason: string;
}

export interface ScanSummary {
  readonly folderId: number;
  readonly folderPath: string;
  readonly added: number;
  readonly updated: number;
  readonly moved: number;
  readonly restored: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly failed: FileProblem[];
  readonly skipped: number;
  readonly unreadableFolders: WalkProblem[];
  readonly cancelled: boolean;
  readonly durationMs: number;
  /** Files examined per second (unchanged files included). */
  readonly filesPerSecond: number;
}

export interface ScanProgress {
  readonly phase: 'discovering' | 'importing';
  readonly done: number;
  readonly failed: number;
  readonly total: number | null;
  readonly detail: string;
}

export interface ScanDeps {
  readonly db: StudioDb;
  /** null: no thumbnails now (they are made on first view). */
  readonly thumbnails: ThumbnailStore | null;
  readonly now: () => number;
  /** Folders never scanned (the studio's own data folder). */
  readonly exclude?: readonly string[];
  /** Substitute file system for the folder walk (tests). */
  readonly fileSystem?: WalkOptions['fileSystem'];
}

export interface ScanOptions {
  readonly signal?: AbortSignal | undefined;
  readonly concurrency?: number | undefined;
  readonly onProgress?: ((progress: ScanProgress) => void) | undefined;
  /** Only these files (added one by one); otherwise the whole root. */
  readonly files?: readonly string[] | undefined;
}

/** A problem that stops the whole scan (full disk, unwritable cache, database error). */
export class ScanStoppedError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'ScanStoppedError';
  }
}

const stoppingCodes = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

function locationOf(root: ScanRoot, path: string): ImageLocation {
  const relDir = root.kind === 'folder' ? relative(root.path, dirname(path)).split(sep).join('/') : '';
  return { folderId: root.id, path, relDir, fileName: basename(path) };
}

async function statFiles(paths: readonly string[]): Promise<{ files: FoundFile[]; problems: FileProblem[] }> {
  const files: FoundFile[] = [];
  const problems: FileProblem[] = [];
  for (const path of paths) {
    try {
      const s = await stat(path);
      if (!s.isFile()) problems.push({ path, reason: 'Not a file.' });
      else files.push({ path, size: s.size, mtimeMs: s.mtimeMs });
    } catch (error) {
      problems.push({ path, reason: `Could not read the file: ${describeFsError(error)}.` });
    }
  }
  return { files, problems };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function emptySummary(root: ScanRoot, started: number, cancelled: boolean): ScanSummary {
  return {
    folderId: root.id,
    folderPath: root.path,
    added: 0,
    updated: 0,
    moved: 0,
    restored: 0,
    removed: 0,
    unchanged: 0,
    failed: [],
    skipped: 0,
    unreadableFolders: [],
    cancelled,
    durationMs: performance.now() - started,
    filesPerSecond: 0,
  };
}

export async function scanRoot(deps: ScanDeps, root: ScanRoot, options: ScanOptions = {}): Promise<ScanSummary> {
  const { db, thumbnails, now } = deps;
  const started = performance.now();
  const signal = options.signal;
  const report = options.onProgress ?? (() => {});
  const failed: FileProblem[] = [];
  const counts = { added: 0, updated: 0, moved: 0, restored: 0, removed: 0, unchanged: 0 };
  let skipped = 0;
  let unreadableFolders: WalkProblem[] = [];

  // 1. What is on disk.
  report({ phase: 'discovering', done: 0, failed: 0, total: null, detail: 'Looking for photos…' });
  let found: FoundFile[];
  let known: KnownFile[];
  if (options.files) {
    const wanted = options.files.filter((p) => {
      if (hasImageExtension(p)) return true;
      failed.push({ path: p, reason: 'Not a supported photo type (JPEG, PNG, WebP, TIFF, GIF, AVIF, HEIC).' });
      return false;
    });
    const listed = await statFiles(wanted);
    found = listed.files;
    failed.push(...listed.problems);
    const wantedSet = new Set(wanted);
    known = knownFilesInFolder(db, root.id).filter((k) => wantedSet.has(k.path));
  } else if (root.kind === 'files') {
    known = knownFilesInFolder(db, root.id);
    const listed = await statFiles(known.map((k) => k.path));
    found = listed.files; // files that vanished show up below as missing
  } else {
    // An unreachable root (an unplugged drive) must not mark the whole library missing.
    try {
      const s = await stat(root.path);
      if (!s.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    } catch (error) {
      throw new ScanStoppedError(`The folder ${root.path} cannot be reached (${describeFsError(error)}). Nothing was changed in the library.`, error);
    }
    let walked;
    try {
      walked = await walkFolder(root.path, {
        signal,
        exclude: deps.exclude,
        fileSystem: deps.fileSystem,
        onProgress: (n, folder) => report({ phase: 'discovering', done: 0, failed: 0, total: null, detail: `Found ${n} photos… ${folder}` }),
      });
    } catch (error) {
      if (signal?.aborted) return emptySummary(root, started, true);
      throw error;
    }
    found = walked.files;
    skipped = walked.skipped;
    unreadableFolders = walked.unreadable;
    known = knownFilesInFolder(db, root.id);
  }

  // 2. Compare with what the database knows.
  const knownByPath = new Map(known.map((k) => [k.path, k]));
  const seen = new Set<string>();
  const toRead: { file: FoundFile; knownAs: KnownFile | undefined }[] = [];
  const at = now();
  for (const file of found) {
    seen.add(file.path);
    const k = knownByPath.get(file.path);
    if (k && k.size === file.size && k.mtimeMs === Math.round(file.mtimeMs)) {
      if (k.status === 'missing') {
        touchImage(db, k.id, file.size, file.mtimeMs, at);
        counts.restored++;
      } else counts.unchanged++;
    } else {
      toRead.push({ file, knownAs: k });
    }
  }
  // Known files not on disk any more: candidates for moves until the end of the scan.
  const vanished = new Map<number, KnownFile>();
  const vanishedByHash = new Map<string, KnownFile[]>();
  for (const k of known) {
    if (seen.has(k.path) || k.status === 'missing') continue;
    vanished.set(k.id, k);
    if (k.contentHash) {
      const list = vanishedByHash.get(k.contentHash) ?? [];
      list.push(k);
      vanishedByHash.set(k.contentHash, list);
    }
  }

  const total = found.length;
  let done = counts.unchanged + counts.restored;
  let lastName = '';
  const progress = () =>
    report({ phase: 'importing', done, failed: failed.length, total, detail: lastName });
  progress();

  const claimMove = async (contentHash: string, root: ScanRoot): Promise<KnownFile | undefined> => {
    const local = vanishedByHash.get(contentHash);
    if (local && local.length > 0) {
      const k = local.shift()!;
      vanished.delete(k.id);
      return k;
    }
    for (const candidate of findByHash(db, contentHash)) {
      if (candidate.status === 'missing') return candidate;
      if (candidate.folderId !== root.id && !(await exists(candidate.path))) return candidate;
    }
    return undefined;
  };

  const factsOf = async (bytes: Buffer, contentHash: string, file: FoundFile): Promise<ImageFacts> => {
    // A second copy of known content reuses what the first taught us (and its thumbnail).
    const twin = findByHash(db, contentHash).find((r) => r.status === 'ok');
    const twinRecord = twin && getImage(db, twin.id);
    if (twinRecord && (twinRecord.thumbOk || !thumbnails)) {
      return { ...twinRecord, status: 'ok', size: file.size, mtimeMs: file.mtimeMs };
    }
    const inspection = await inspectImage(bytes, { thumbnail: thumbnails ? (b) => thumbnails.render(b) : null });
    let thumbOk = false;
    if (thumbnails && inspection.thumbnail) {
      try {
        await thumbnails.write(contentHash, inspection.thumbnail);
        thumbOk = true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (stoppingCodes.has(code)) {
          throw new ScanStoppedError(
            code === 'ENOSPC' || code === 'EDQUOT'
              ? `The disk holding the thumbnail cache (${thumbnails.dir}) is full. The scan stopped; everything imported so far is kept. Free some space and rescan.`
              : `The thumbnail cache (${thumbnails.dir}) cannot be written (${describeFsError(error)}). The scan stopped; everything imported so far is kept.`,
            error,
          );
        }
        throw error;
      }
    }
    const { exif } = inspection;
    return {
      contentHash,
      phash: inspection.phash?.full ?? null,
      phashCrops: inspection.phash?.crops ?? null,
      size: file.size,
      mtimeMs: file.mtimeMs,
      format: inspection.format,
      width: inspection.width,
      height: inspection.height,
      orientation: inspection.orientation,
      takenAt: exif.takenAt,
      cameraMake: exif.cameraMake,
      cameraModel: exif.cameraModel,
      lens: exif.lens,
      gpsLat: exif.gpsLat,
      gpsLon: exif.gpsLon,
      exifJson: Object.keys(exif.entries).length > 0 ? JSON.stringify(exif.entries) : null,
      status: 'ok',
      error: null,
      thumbOk,
    };
  };

  const failedFacts = (file: FoundFile, contentHash: string | null, reason: string): ImageFacts => ({
    contentHash,
    phash: null,
    phashCrops: null,
    size: file.size,
    mtimeMs: file.mtimeMs,
    format: null,
    width: null,
    height: null,
    orientation: null,
    takenAt: null,
    cameraMake: null,
    cameraModel: null,
    lens: null,
    gpsLat: null,
    gpsLon: null,
    exifJson: null,
    status: 'failed',
    error: reason,
    thumbOk: false,
  });

  const processOne = async (file: FoundFile, knownAs: KnownFile | undefined): Promise<void> => {
    const location = locationOf(root, file.path);
    // A path known under another root (a parent folder added after its child) is adopted as is.
    const elsewhere = knownAs ? undefined : findKnownFileByPath(db, file.path);
    const existing = knownAs ?? elsewhere;
    let contentHash: string | null = null;
    try {
      const { bytes, contentHash: hash } = await readImageFile(file.path);
      contentHash = hash;
      signal?.throwIfAborted();
      if (existing && existing.contentHash === hash) {
        if (elsewhere) moveImage(db, existing.id, location, file.size, file.mtimeMs, now());
        else touchImage(db, existing.id, file.size, file.mtimeMs, now());
        counts.unchanged++;
        return;
      }
      if (!existing) {
        const movedFrom = await claimMove(hash, root);
        if (movedFrom) {
          moveImage(db, movedFrom.id, location, file.size, file.mtimeMs, now());
          counts.moved++;
          return;
        }
      }
      const facts = await factsOf(bytes, hash, file);
      if (existing) {
        updateImageFacts(db, existing.id, facts, now());
        if (elsewhere) moveImage(db, existing.id, location, file.size, file.mtimeMs, now());
        counts.updated++;
      } else {
        insertImage(db, location, facts, now());
        counts.added++;
      }
    } catch (error) {
      if (!(error instanceof ImageFileError)) throw error;
      failed.push({ path: file.path, reason: error.message });
      const facts = failedFacts(file, contentHash, error.message);
      if (existing) updateImageFacts(db, existing.id, facts, now());
      else insertImage(db, location, facts, now());
    }
  };

  // 3. Read what is new or changed, a few files at a time (sharp decodes on its own thread pool).
  const concurrency = Math.max(1, options.concurrency ?? 4);
  let next = 0;
  let cancelled = false;
  const worker = async () => {
    while (next < toRead.length) {
      if (signal?.aborted) {
        cancelled = true;
        return;
      }
      const item = toRead[next++]!;
      lastName = item.file.path;
      await processOne(item.file, item.knownAs);
      done++;
      progress();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, toRead.length)) }, worker));
  } catch (error) {
    if (signal?.aborted && (error as Error).name === 'AbortError') cancelled = true;
    else if (error instanceof ScanStoppedError) throw error;
    else if ((error as { code?: string }).code?.startsWith('SQLITE_')) {
      throw new ScanStoppedError(`The library database could not be written (${(error as Error).message}). The scan stopped; everything imported so far is kept.`, error);
    } else throw error;
  }

  // 3b. Backfill: readable images with no perceptual hash (imported by an older build, or the hash
  // failed once). One read per distinct content; a file that cannot be read now just stays without.
  if (!cancelled) {
    const hashed = new Set<string>();
    for (const image of listImagesWithoutPhash(db, root.id)) {
      if (signal?.aborted) {
        cancelled = true;
        break;
      }
      if (hashed.has(image.contentHash)) continue;
      hashed.add(image.contentHash);
      report({ phase: 'importing', done, failed: failed.length, total, detail: `Perceptual hash: ${image.path}` });
      const hashes = await readImageFile(image.path)
        .then(({ bytes, contentHash }) => (contentHash === image.contentHash ? perceptualHashes(bytes) : null))
        .catch(() => null);
      if (hashes) setPhashForContent(db, image.contentHash, hashes);
    }
  }

  // 4. What vanished and was not found elsewhere. Skipped on cancel: unscanned files may be its moves.
  if (!cancelled) {
    const at2 = now();
    for (const k of vanished.values()) {
      markMissing(db, k.id, at2);
      counts.removed++;
    }
    const problem =
      unreadableFolders.length > 0
        ? `${unreadableFolders.length === 1 ? '1 folder' : `${unreadableFolders.length} folders`} could not be read (${unreadableFolders[0]!.path}: ${unreadableFolders[0]!.reason}).`
        : null;
    recordScan(db, root.id, at2, problem);
  } else {
    recordScan(db, root.id, null, 'The last scan was cancelled before it finished; rescan to complete it.');
  }

  const durationMs = performance.now() - started;
  const examined = done;
  return {
    folderId: root.id,
    folderPath: root.path,
    ...counts,
    failed,
    skipped,
    unreadableFolders,
    cancelled,
    durationMs,
    filesPerSecond: durationMs > 0 ? (examined * 1000) / durationMs : 0,
  };
}
