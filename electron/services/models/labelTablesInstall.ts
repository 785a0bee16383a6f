// Installing Prismer's official label tables and OCR PCA, which every Prismer (non-Z) model needs: the
// four `dataset/*_features.pt` files and `dataset/clip_pca.pkl` of the official repository at a pinned
// commit (so their bytes cannot change), downloaded from GitHub — or read from a local clone's `dataset/`
// folder for machines without internet. Each file's size must match the official one; its sha256 is
// recorded at the first install and checked from then on. The .pt files are read by the restricted
// unpickler (never executed) and written as the JSON tables the runner loads; the PCA pickle is checked
// and kept. Everything is staged and swapped in at the end: a failed install leaves the previous tables.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadClipPca } from '../../../native-models/prismer/inputs/loadClipPca.ts';
import { loadLabelTablesFromPt } from '../../../native-models/prismer/inputs/loadLabelTablesFromPt.ts';
import { FEATURE_DIM, type FeatureTable } from '../../../native-models/prismer/inputs/labelTables.ts';
import { DownloadError, networkFailure } from './downloader.ts';

export const officialRepository = 'NVlabs/prismer';
/** The official repository's commit the files are taken from (its `main` when this was written). */
export const officialCommit = '05c3a0575b06ce2441febbfaf102d4e66a889b4b';
export const defaultRawBaseUrl = 'https://raw.githubusercontent.com';

/** The official files and their sizes in bytes at the pinned commit. */
export const labelTableSources = [
  { file: 'coco_features.pt', size: 36_651 },
  { file: 'ade_features.pt', size: 41_899 },
  { file: 'detection_features.pt', size: 198_443 },
  { file: 'background_features.pt', size: 1_003 },
  { file: 'clip_pca.pkl', size: 401_612 },
] as const;

/** Where the official files are downloaded from: PRISMER_STUDIO_GITHUB_RAW_URL, else GitHub's raw host. */
export const labelTablesBaseUrl = (): string => process.env.PRISMER_STUDIO_GITHUB_RAW_URL ?? defaultRawBaseUrl;

export const labelTablesDirOf = (modelsDir: string): string => join(modelsDir, 'prismer', 'label-tables');

export const labelTablesLicence =
  'Prismer\'s label tables come from its official repository (NVlabs/prismer), under the NVIDIA Source Code License-NC: non-commercial use only.';

/** Where the first install's hashes are kept (the model_checksums table, in the app). */
export interface ChecksumRecord {
  get(sourceKey: string): { sha256: string; size: number } | undefined;
  record(sourceKey: string, sha256: string, size: number): void;
}

export interface LabelTablesInstallOptions {
  /** The label-table folder the runner reads (`<models>/prismer/label-tables`). */
  readonly targetDir: string;
  /** A local folder holding the five official files (e.g. a clone's `dataset/`), instead of downloading. */
  readonly from?: string;
  /** GitHub's raw-file address (tests use a stand-in server); PRISMER_STUDIO_GITHUB_RAW_URL overrides the default. */
  readonly baseUrl?: string;
  readonly checksums?: ChecksumRecord;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, detail: string) => void;
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** The expected files and sizes (default: the official ones; tests use their own). */
  readonly sources?: readonly { readonly file: string; readonly size: number }[];
}

export interface LabelTablesInstallResult {
  readonly dir: string;
  readonly source: 'download' | 'folder';
  readonly files: { file: string; size: number; sha256: string; checkedAgainst: 'first install' | null }[];
  readonly rows: { coco: number; ade: number; detection: number };
}

export class LabelTablesInstallError extends Error {
  override name = 'LabelTablesInstallError';
}

export const sourceKeyOf = (file: string) => `github:${officialRepository}/dataset/${file}@${officialCommit}`;

export function rawFileUrl(baseUrl: string, file: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${officialRepository}/${officialCommit}/dataset/${file}`;
}

function tableJson(table: FeatureTable): string {
  const features: number[][] = [];
  for (let r = 0; r < table.rows; r++) features.push(Array.from(table.features.subarray(r * FEATURE_DIM, (r + 1) * FEATURE_DIM)));
  return JSON.stringify({ labels: table.labels, features });
}

async function download(url: string, options: LabelTablesInstallOptions): Promise<Uint8Array> {
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { ...(options.signal ? { signal: options.signal } : {}), redirect: 'follow' });
  } catch (error) {
    if (options.signal?.aborted) throw new LabelTablesInstallError('The install of the label tables was cancelled; the previous tables (if any) are unchanged.');
    throw networkFailure(error, host, process.env.HTTPS_PROXY ?? null);
  }
  if (response.status === 404) throw new DownloadError('not-found', `${url} was not found (404): the official repository may have moved; install from a local copy with --from DIR.`);
  if (!response.ok) throw new DownloadError('http', `Downloading ${url} failed: the server answered ${response.status} ${response.statusText}.`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Downloads (or copies) the official files, checks them, converts the tables and swaps the folder in. */
export async function installLabelTables(options: LabelTablesInstallOptions): Promise<LabelTablesInstallResult> {
  const staging = join(dirname(options.targetDir), `.label-tables-${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  const baseUrl = options.baseUrl ?? labelTablesBaseUrl();
  const files: LabelTablesInstallResult['files'] = [];
  const sources = options.sources ?? labelTableSources;
  const totalBytes = sources.reduce((a, s) => a + s.size, 0);
  try {
    let done = 0;
    for (const source of sources) {
      if (options.signal?.aborted) throw new LabelTablesInstallError('The install of the label tables was cancelled; the previous tables (if any) are unchanged.');
      options.onProgress?.(done, totalBytes, options.from ? `Reading ${source.file}` : `Downloading ${source.file}`);
      let bytes: Uint8Array;
      if (options.from) {
        const path = join(options.from, source.file);
        if (!existsSync(path)) throw new LabelTablesInstallError(`${options.from} has no ${source.file}: give the official repository's dataset/ folder.`);
        bytes = new Uint8Array(await readFile(path));
      } else bytes = await download(rawFileUrl(baseUrl, source.file), options);
      if (bytes.length !== source.size) {
        throw new LabelTablesInstallError(
          `${source.file} is ${bytes.length.toLocaleString('en')} bytes, but the official file at commit ${officialCommit.slice(0, 7)} is ${source.size.toLocaleString('en')}: it is not the official file, so nothing was installed.`,
        );
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const key = sourceKeyOf(source.file);
      const recorded = options.checksums?.get(key);
      if (recorded && recorded.sha256 !== sha256) {
        throw new LabelTablesInstallError(
          `${source.file} differs from the copy installed first (sha256 ${sha256.slice(0, 12)}… instead of ${recorded.sha256.slice(0, 12)}…): refused, nothing was changed.`,
        );
      }
      await writeFile(join(staging, source.file), bytes);
      files.push({ file: source.file, size: bytes.length, sha256, checkedAgainst: recorded ? 'first install' : null });
      done += source.size;
    }
    options.onProgress?.(done, totalBytes, 'Reading the tables');

    let tables;
    try {
      tables = await loadLabelTablesFromPt(staging);
    } catch (error) {
      throw new LabelTablesInstallError(`The label tables could not be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    try {
      await loadClipPca(join(staging, 'clip_pca.pkl'));
    } catch (error) {
      throw new LabelTablesInstallError(`clip_pca.pkl could not be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    await writeFile(join(staging, 'coco.json'), tableJson(tables.coco));
    await writeFile(join(staging, 'ade.json'), tableJson(tables.ade));
    await writeFile(join(staging, 'detection.json'), tableJson(tables.detection));
    await writeFile(join(staging, 'background.json'), JSON.stringify({ features: Array.from(tables.background) }));
    await writeFile(
      join(staging, 'source.json'),
      `${JSON.stringify({ repository: officialRepository, commit: officialCommit, from: options.from ? 'folder' : rawFileUrl(baseUrl, ''), files, installedAt: new Date().toISOString() }, null, 2)}\n`,
    );
    for (const f of sources) if (f.file.endsWith('.pt')) await rm(join(staging, f.file));

    // Swap: the old folder is moved aside first, so a failure here still leaves one complete folder.
    const old = `${options.targetDir}.old-${randomUUID()}`;
    if (existsSync(options.targetDir)) await rename(options.targetDir, old);
    await rename(staging, options.targetDir);
    await rm(old, { recursive: true, force: true });
    for (const f of files) if (f.checkedAgainst === null) options.checksums?.record(sourceKeyOf(f.file), f.sha256, f.size);
    options.onProgress?.(totalBytes, totalBytes, 'Installed');
    return { dir: options.targetDir, source: options.from ? 'folder' : 'download', files, rows: { coco: tables.coco.rows, ade: tables.ade.rows, detection: tables.detection.rows } };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
