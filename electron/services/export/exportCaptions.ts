// The export orchestrator: reads the chosen images from the database in bounded batches, keeps out the
// excluded, missing and caption-less ones, names each image inside the export folder, copies images when
// asked, and hands the rows to the format's writer. Streams (memory does not grow with the selection),
// reports progress after every batch, stops at the next batch boundary when its AbortSignal fires (the
// format's files are then discarded, sidecars already written stay whole), and writes nothing outside
// the export folder except sidecars beside the images, which must be asked for. The export folder is
// checked before anything is read (it can be made, is a folder, takes a file, has room); a file-system
// failure later ends the export with its cause in words, its temporary files removed and the folders it
// made removed again where it left them empty.
import { rm, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { imageHasCaptionText, readExportBatch } from '../../../db/queries/exportRows.ts';
import type { StudioDb } from '../../../db/open.ts';
import { FileProblem, plainCause } from '../files/fileErrors.ts';
import { checkWritableFolder } from '../files/writableFolder.ts';
import { cocoWriter } from './cocoFormat.ts';
import { copyImage } from './copyImage.ts';
import { csvWriter } from './csvFormat.ts';
import { ExportNamer, relativeRef } from './exportNames.ts';
import type { ExportOptions, ExportResult, ExportRow, ExportSkipReason, FormatWriter } from './exportTypes.ts';
import { imagefolderWriter } from './imagefolderFormat.ts';
import { jsonlWriter } from './jsonlFormat.ts';
import { mapConcurrently } from './mapConcurrently.ts';
import { txtWriter } from './txtFormat.ts';
import { xmpWriter } from './xmpFormat.ts';

export class ExportUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportUsageError';
  }
}

/** Options that contradict each other, refused before anything is read or written. */
export function checkExportOptions(options: Pick<ExportOptions, 'format' | 'besideImages' | 'copyImages' | 'withFacts'>): void {
  if (options.besideImages && options.format !== 'txt' && options.format !== 'xmp') {
    throw new ExportUsageError('Sidecars beside the images are for the txt and xmp formats only.');
  }
  if (options.besideImages && options.copyImages) throw new ExportUsageError('Copying the images and writing sidecars beside them exclude each other.');
  if (options.withFacts && options.format !== 'jsonl') throw new ExportUsageError('Expert facts are part of the jsonl format only.');
}

function openWriter(db: StudioDb, outDir: string, options: ExportOptions): Promise<FormatWriter> {
  switch (options.format) {
    case 'coco':
      return cocoWriter(outDir);
    case 'imagefolder':
      return imagefolderWriter(outDir);
    case 'jsonl':
      return jsonlWriter(outDir, options.withFacts ?? false);
    case 'csv':
      return csvWriter(outDir);
    case 'txt':
      return txtWriter(outDir, options.besideImages ?? false, (imageId, text) => imageHasCaptionText(db, imageId, text));
    case 'xmp':
      return xmpWriter(outDir, options.besideImages ?? false);
  }
}

async function copyAll(rows: readonly ExportRow[], outDir: string, concurrency = 4): Promise<void> {
  await mapConcurrently(rows, concurrency, async (row) => {
    const target = join(outDir, row.exportName);
    // An export folder that is the library folder itself must not rewrite the originals.
    if (resolve(target) !== resolve(row.path)) await copyImage(row.path, target, outDir);
  });
}

/** Innermost first; a folder that is not empty (or already gone) is left as it is. */
async function removeEmptyFolders(created: readonly string[]): Promise<void> {
  for (const dir of [...created].reverse()) await rmdir(dir).catch(() => undefined);
}

/** What a person reads when an export stops on a file-system error: the cause, and what was kept. */
function exportFailure(error: unknown, options: ExportOptions, outDir: string): Error {
  if (!(error instanceof Error) || error instanceof ExportUsageError) return error instanceof Error ? error : new Error(String(error));
  if (error instanceof FileProblem) return error;
  if (!('code' in error)) return error;
  const sidecars = options.format === 'txt' || options.format === 'xmp';
  const kept = sidecars
    ? 'The sidecars written before it are whole, and the manifest lists them where there was still room for it.'
    : 'Nothing of this export was kept; an earlier export in that folder is as it was.';
  const path = (error as NodeJS.ErrnoException).path;
  const where = path && !path.endsWith('.partial') ? ` (${path})` : '';
  return new FileProblem(`The export to ${outDir} failed: ${plainCause(error)}${where}. ${kept}`, path ?? outDir, (error as NodeJS.ErrnoException).code, { cause: error });
}

export async function exportCaptions(db: StudioDb, options: ExportOptions): Promise<ExportResult> {
  checkExportOptions(options);
  const started = performance.now();
  const outDir = resolve(options.outDir);
  const target = await checkWritableFolder(outDir, { what: 'the export folder' });
  const acceptedOnly = options.acceptedOnly ?? false;
  const copyImages = options.copyImages ?? false;
  const batchSize = options.batchSize ?? 256;
  const total = options.total ?? (Array.isArray(options.imageIds) ? options.imageIds.length : null);
  const namer = new ExportNamer();
  const skipped: Partial<Record<ExportSkipReason, number>> = {};
  const skip = (reason: ExportSkipReason, n = 1) => {
    if (n > 0) skipped[reason] = (skipped[reason] ?? 0) + n;
  };
  let done = 0;
  let exported = 0;
  let skippedCount = 0;

  let writer: FormatWriter;
  try {
    writer = await openWriter(db, outDir, options);
  } catch (error) {
    await removeEmptyFolders(target.created);
    throw exportFailure(error, options, outDir);
  }

  const processBatch = async (ids: number[]) => {
    const rows = readExportBatch(db, ids, { acceptedOnly, withFacts: options.withFacts ?? false });
    skip('not-found', ids.length - rows.length);
    skippedCount += ids.length - rows.length;
    const ready: ExportRow[] = [];
    for (const row of rows) {
      const reason: ExportSkipReason | null = row.excluded
        ? 'excluded'
        : row.imageStatus === 'missing'
          ? 'missing'
          : row.imageStatus === 'failed'
            ? 'unreadable'
            : row.caption === null
              ? 'no-caption'
              : null;
      if (reason) {
        skip(reason);
        skippedCount++;
        continue;
      }
      const exportName = namer.name(row);
      ready.push({ ...row, caption: row.caption!, exportName, fileRef: copyImages ? exportName : relativeRef(outDir, row.path) });
    }
    if (copyImages) await copyAll(ready, outDir);
    const outcome = await writer.write(ready);
    exported += outcome.exported;
    for (const s of outcome.skipped) skip(s.reason);
    skippedCount += outcome.skipped.length;
    done += ids.length;
    options.onProgress?.({ done, total, exported, skipped: skippedCount });
  };

  let files: string[];
  let cancelled = false;
  try {
    let batch: number[] = [];
    for await (const id of options.imageIds) {
      if (options.signal?.aborted) break;
      batch.push(id);
      if (batch.length >= batchSize) {
        await processBatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0 && !options.signal?.aborted) await processBatch(batch);
    cancelled = options.signal?.aborted ?? false;
    // An export with nothing in it writes nothing: an empty file must not replace an earlier good export.
    files = cancelled || exported === 0 ? await writer.abort() : await writer.commit();
    if (exported === 0 && !cancelled) {
      for (const file of files) await rm(file, { force: true });
      files = [];
      await removeEmptyFolders(target.created);
    }
  } catch (error) {
    await writer.abort().catch(() => undefined);
    await removeEmptyFolders(target.created);
    throw exportFailure(error, options, outDir);
  }
  const durationMs = performance.now() - started;
  return {
    format: options.format,
    outDir,
    acceptedOnly,
    besideImages: options.besideImages ?? false,
    copyImages,
    exported,
    skipped,
    files,
    cancelled,
    durationMs,
    imagesPerSecond: durationMs > 0 ? (exported * 1000) / durationMs : 0,
  };
}
