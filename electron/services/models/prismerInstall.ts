// Installing a released Prismer checkpoint, as the body of its 'model-install' job: download the RoBERTa
// tokenizer files (skipped when installed) and the checkpoint with the downloader's resume and integrity
// checks, then convert it into `<modelsDir>/prismer/<id>/` and record the bundle. One progress bar covers
// it all: the download bytes, then a conversion share (a quarter of the bytes, a fifth of the bar), with a
// detail line naming the step. A file that is no Prismer checkpoint fails the job, is deleted with its
// first-download checksum, and leaves no bundle; the checkpoint is kept after success unless asked not to
// (it is 1.5–4 GB to download again, and converting at another resolution needs it). A cancel stops the
// conversion at its next step; an install of the same bundle started meanwhile waits for that to happen
// rather than write into the same folder.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { InstalledModel } from '../../../db/queries/models.ts';
import type { HubSource, PrismerFacts } from '../../../native-models/catalog/catalog.ts';
import { ConversionCancelledError, ConversionError, convertCheckpoint } from '../../../native-models/prismer/convert/convertCheckpoint.ts';
import type { ModelInstallJobResult } from '../../api/models.ts';
import type { JobContext } from '../jobs/jobService.ts';
import { formatBytesOf } from '../files/byteSizes.ts';
import type { DownloadResult } from './downloader.ts';
import type { ModelEntry } from './modelManager.ts';

export type HubModelEntry = ModelEntry & { readonly source: HubSource };
export type PrismerEntry = HubModelEntry & { readonly prismer: PrismerFacts };

/** A finished download and whether its checksum was recorded now (first download of an unverified entry). */
export interface FetchedFile {
  readonly result: DownloadResult;
  readonly recorded: boolean;
  readonly sourceKey: string;
}

/** What the model manager lends the installer. */
export interface PrismerInstallSteps {
  readonly modelsDir: string;
  readonly entry: (id: string) => ModelEntry | undefined;
  /** The installed file of a catalog entry, or null. */
  readonly installedPath: (id: string) => string | null;
  /** Downloads a Hub entry into `<modelsDir>/<id>/` (resume, integrity, first-download checksum). */
  readonly fetch: (entry: HubModelEntry, signal: AbortSignal, onProgress: (done: number, total: number | null) => void) => Promise<FetchedFile>;
  /** Records a downloaded tokenizer file as installed. */
  readonly saveFile: (entry: HubModelEntry, fetched: FetchedFile) => void;
  readonly saveBundle: (row: InstalledModel) => void;
  /** Drops a checksum recorded by this install (the file proved not to be a checkpoint). */
  readonly unrecord: (sourceKey: string) => void;
  readonly now: () => number;
}

/** Conversions still running per bundle folder (a cancelled job's may outlive it by one step). */
const conversions = new Map<string, Promise<unknown>>();

/** Conversion's share of the bar, in units of the download's bytes. */
const conversionUnits = (downloadBytes: number) => Math.max(1, Math.round(downloadBytes / 4));

export function prismerBundleDir(modelsDir: string, id: string): string {
  return join(modelsDir, 'prismer', id);
}

export function isPrismerEntry(entry: ModelEntry): entry is PrismerEntry {
  return entry.prismer !== undefined && 'hub' in entry.source;
}

export async function installPrismer(
  steps: PrismerInstallSteps,
  entry: PrismerEntry,
  options: { deleteCheckpoint: boolean },
  context: JobContext,
): Promise<ModelInstallJobResult> {
  const tokenizer = entry.prismer.tokenizer.map((id) => {
    const file = steps.entry(id);
    if (!file || !('hub' in file.source)) throw new Error(`${entry.name} needs the tokenizer file "${id}", which is not in the catalog.`);
    return file as HubModelEntry;
  });
  const missing = tokenizer.filter((t) => steps.installedPath(t.id) === null);
  const downloads = [...missing, entry];
  const planned = new Map(downloads.map((d) => [d.id, d.size ?? d.approxSize ?? 0]));
  const downloadTotal = () => [...planned.values()].reduce((a, b) => a + b, 0);
  let finished = 0;

  let checkpoint: FetchedFile | null = null;
  for (const [index, d] of downloads.entries()) {
    if (context.signal.aborted) throw new Error(`The install of ${entry.name} was cancelled.`);
    const name = basename(d.source.hub.file);
    const step = `Downloading ${name} (${index + 1}/${downloads.length})`;
    const fetched = await steps.fetch(d, context.signal, (done, total) => {
      if (total !== null) planned.set(d.id, total);
      const all = downloadTotal();
      context.report({ done: finished + done, failed: 0, total: all + conversionUnits(all), detail: `${step}: ${formatBytesOf(done, total)}` });
    });
    planned.set(d.id, fetched.result.size);
    finished += fetched.result.size;
    if (d === entry) checkpoint = fetched;
    else steps.saveFile(d, fetched);
  }
  const downloaded = checkpoint!;
  const bytes = downloadTotal();
  const total = bytes + conversionUnits(bytes);
  const outDir = prismerBundleDir(steps.modelsDir, entry.id);
  const staging = join(steps.modelsDir, 'prismer', `.tokenizer-${randomUUID()}`);
  let converted;
  const earlier = conversions.get(outDir);
  if (earlier) {
    context.report({ done: bytes, failed: 0, total, detail: `Waiting for a cancelled install of ${entry.name} to stop…` });
    await earlier.catch(() => undefined);
  }
  let finishedConversion = () => {};
  const running = new Promise<void>((resolve) => (finishedConversion = resolve));
  conversions.set(outDir, running);
  try {
    await mkdir(staging, { recursive: true });
    for (const t of tokenizer) await copyFile(steps.installedPath(t.id)!, join(staging, basename(t.source.hub.file)));
    converted = await convertCheckpoint({
      checkpoint: downloaded.result.path,
      outDir,
      name: entry.id,
      variant: entry.prismer.variant,
      ...(entry.prismer.visionHeads === undefined ? { size: entry.prismer.size } : { visionHeads: entry.prismer.visionHeads }),
      ...(entry.prismer.decoderHeads === undefined ? {} : { decoderHeads: entry.prismer.decoderHeads }),
      tokenizerDir: staging,
      overwrite: true,
      signal: context.signal,
      onProgress: (p) => context.report({ done: bytes + Math.round(p.fraction * (total - bytes)), failed: 0, total, detail: `Converting ${entry.name}: ${p.detail}` }),
    });
    if (context.signal.aborted) throw new ConversionCancelledError();
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    if (error instanceof ConversionCancelledError) throw new Error(`The install of ${entry.name} was cancelled; the download is kept at ${downloaded.result.path}.`, { cause: error });
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ConversionError) {
      await rm(dirname(downloaded.result.path), { recursive: true, force: true });
      if (downloaded.recorded) steps.unrecord(downloaded.sourceKey);
      throw new Error(`${entry.source.hub.repo}/${entry.source.hub.file} could not be converted: ${message}. Nothing was installed and the download was deleted.`, { cause: error });
    }
    throw new Error(`Converting ${entry.name} failed: ${message}. Nothing was installed; the download is kept at ${downloaded.result.path}.`, { cause: error });
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (conversions.get(outDir) === running) conversions.delete(outDir);
    finishedConversion();
  }

  if (options.deleteCheckpoint) await rm(dirname(downloaded.result.path), { recursive: true, force: true });
  const kept = options.deleteCheckpoint ? null : downloaded.result.path;
  const { result } = downloaded;
  steps.saveBundle({
    id: entry.id,
    task: entry.task,
    version: `sha256:${result.sha256.slice(0, 12)}`,
    path: converted.dir,
    sha256: result.sha256,
    size: result.size,
    licence: entry.licence.name,
    source: {
      hub: { ...entry.source.hub, commit: result.commit },
      checkpoint: kept,
      bundle: { resolution: converted.config.resolution, converterVersion: converted.manifest.converterVersion, variant: converted.config.variant, size: converted.config.size },
    },
    verified: result.checkedAgainst !== null,
    installedAt: steps.now(),
  });
  context.report({ done: total, failed: 0, total, detail: `${entry.name}: installed` });
  const files = 'files' in converted.config.tokenizer ? converted.config.tokenizer.files : [];
  return {
    id: entry.id,
    path: converted.dir,
    size: result.size,
    sha256: result.sha256,
    checkedAgainst: result.checkedAgainst,
    recorded: downloaded.recorded,
    resumedFrom: result.resumedFrom,
    transferred: result.transferred,
    commit: result.commit,
    bundle: { dir: converted.dir, resolution: converted.config.resolution, converterVersion: converted.manifest.converterVersion, checkpoint: kept, tokenizer: files },
  };
}
