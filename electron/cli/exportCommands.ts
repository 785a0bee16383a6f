// `prismer-studio export --format coco|imagefolder|jsonl|csv|txt|xmp --out DIR [--folder DIR | --view NAME]
// [--accepted-only] [--beside-images] [--copy-images] [--with-facts] [--json]` and
// `prismer-studio import-captions <folder> [--json]`: the export and import services over the library (or
// one folder of it), with a progress bar on stderr (none with --json), Ctrl+C to cancel (exit 130),
// a summary or the JSON result on stdout. Errors print one sentence; 2 is bad usage.
import { resolve, sep } from 'node:path';
import { savedViewImageIds } from '../services/library/savedViewImages.ts';
import { countScopeImages, scopeImageIds, type ImageScope } from '../../db/queries/exportRows.ts';
import { findSavedViewByName } from '../../db/queries/savedViews.ts';
import type { JobInfo } from '../api/jobs.ts';
import { exportCaptions, ExportUsageError } from '../services/export/exportCaptions.ts';
import { exportSkipWords } from '../services/export/exportSummary.ts';
import { exportFormats, isExportFormat, type ExportResult, type ExportSkipReason } from '../services/export/exportTypes.ts';
import { importCaptions, type ImportCaptionsResult } from '../services/import/importCaptions.ts';
import { ProgressMeter } from '../services/jobs/progressMeter.ts';
import type { Studio } from '../studio.ts';
import { fail, messageOf } from './errors.ts';
import { formatDuration, plural } from './format.ts';
import { ProgressBar } from './progressBar.ts';

export const exportUsage = `  prismer-studio export --format coco|imagefolder|jsonl|csv|txt|xmp --out DIR [--folder DIR | --view NAME] [--accepted-only] [--copy-images] [--beside-images] [--with-facts] [--json]
      Export captions (accepted ones, or the best one each image has) of the library or one folder.
      --copy-images copies the images into DIR; --beside-images (txt, xmp) writes sidecars next to the
      images and only a manifest into DIR; --with-facts (jsonl) adds detected classes, OCR text, depth.
  prismer-studio import-captions <folder> [--json]
      Import captions from .txt and XMP sidecars beside the library's images under a folder.`;

export interface ExportCommandOptions {
  readonly format?: string;
  readonly out?: string;
  readonly folder?: string;
  /** A saved view's name: export its images, in its order. */
  readonly view?: string;
  readonly acceptedOnly: boolean;
  readonly besideImages: boolean;
  readonly copyImages: boolean;
  readonly withFacts: boolean;
  readonly json: boolean;
}

export interface ImportCaptionsCommandOptions {
  readonly args: readonly string[];
  readonly json: boolean;
}

/** Feeds a progress bar the way a job would, with a windowed rate and an ETA. */
class CliProgress {
  readonly #bar: ProgressBar | null;
  readonly #meter = new ProgressMeter();
  readonly #title: string;
  readonly #startedAt = Date.now();

  constructor(title: string, json: boolean) {
    this.#title = title;
    this.#bar = json ? null : new ProgressBar(process.stderr, { unit: 'images' });
  }

  update(done: number, total: number | null): void {
    if (!this.#bar) return;
    const now = Date.now();
    this.#meter.add(now, done);
    const job: JobInfo = {
      id: 0,
      kind: 'export',
      title: this.#title,
      state: 'running',
      done,
      failed: 0,
      total,
      rate: this.#meter.rate(),
      etaSeconds: this.#meter.etaSeconds(done, total),
      detail: null,
      error: null,
      result: null,
      createdAt: this.#startedAt,
      startedAt: this.#startedAt,
      finishedAt: null,
    };
    this.#bar.update(job);
  }

  done(): void {
    this.#bar?.done();
  }
}


export function exportReport(result: ExportResult): string {
  const lines = [
    `${result.cancelled ? 'Export cancelled after' : 'Exported'} ${plural(result.exported, 'image')} as ${result.format} to ${result.outDir}` +
      ` in ${formatDuration(result.durationMs / 1000)} (${result.imagesPerSecond.toFixed(0)} images/s)`,
  ];
  const skipped = Object.entries(result.skipped) as [ExportSkipReason, number][];
  if (skipped.length) lines.push(`Skipped ${skipped.map(([reason, n]) => `${n} ${exportSkipWords[reason]}`).join(', ')}`);
  for (const file of result.files) lines.push(`  ${file}`);
  return lines.join('\n');
}

export function importReport(result: ImportCaptionsResult): string {
  const lines = [
    `${result.cancelled ? 'Import cancelled after' : 'Looked at'} ${plural(result.images, 'image')} under ${result.folder} in ${formatDuration(result.durationMs / 1000)}:` +
      ` ${plural(result.sidecars, 'sidecar')} with a caption, ${result.accepted} imported as accepted, ${result.candidates} as candidates,` +
      ` ${result.alreadyPresent} already present`,
  ];
  for (const f of result.failed) lines.push(`  not read: ${f.path}: ${f.reason}`);
  return lines.join('\n');
}

function withSigint<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  return run(controller.signal).finally(() => process.off('SIGINT', interrupt));
}

export async function exportCommand(studio: Studio, options: ExportCommandOptions): Promise<number> {
  const usage = `Usage: prismer-studio export --format ${exportFormats.join('|')} --out DIR [--folder DIR | --view NAME] [--accepted-only] [--copy-images] [--beside-images] [--with-facts] [--json]`;
  if (!options.format || !options.out) return fail(options.json, usage, 2);
  if (!isExportFormat(options.format)) return fail(options.json, `--format must be one of ${exportFormats.join(', ')}, not "${options.format}"`, 2);
  const format = options.format;
  if (options.folder && options.view) return fail(options.json, 'Choose --folder or --view, not both.', 2);
  let viewIds: number[] | null = null;
  if (options.view) {
    const view = findSavedViewByName(studio.db, options.view);
    if (!view) return fail(options.json, `There is no saved view "${options.view}".`, 2);
    try {
      viewIds = savedViewImageIds(studio.db, studio.search, view.id);
    } catch (error) {
      return fail(options.json, messageOf(error), 1);
    }
  }
  const scope: ImageScope = options.folder ? { pathPrefix: resolve(options.folder) + sep } : {};
  const total = viewIds ? viewIds.length : countScopeImages(studio.db, scope);
  const progress = new CliProgress(`Export ${format}`, options.json);
  try {
    const result = await withSigint((signal) =>
      exportCaptions(studio.db, {
        format,
        outDir: resolve(options.out!),
        imageIds: viewIds ?? scopeImageIds(studio.db, scope),
        total,
        acceptedOnly: options.acceptedOnly,
        besideImages: options.besideImages,
        copyImages: options.copyImages,
        withFacts: options.withFacts,
        signal,
        onProgress: (p) => progress.update(p.done, p.total),
      }),
    );
    progress.done();
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else console.log(exportReport(result));
    if (result.cancelled) return 130;
    if (result.exported === 0) {
      // Not a success: say why nothing went out (the report lists what was left out and why).
      console.error(`Nothing was exported, so no file was written${total === 0 ? ': there is no photo in that scope' : ''}.`);
      return 1;
    }
    return 0;
  } catch (error) {
    progress.done();
    if (error instanceof ExportUsageError) return fail(options.json, error.message, 2);
    return fail(options.json, messageOf(error), 1);
  }
}

export async function importCaptionsCommand(studio: Studio, options: ImportCaptionsCommandOptions): Promise<number> {
  if (options.args.length !== 1) return fail(options.json, 'Usage: prismer-studio import-captions <folder> [--json]', 2);
  const progress = new CliProgress('Import captions', options.json);
  try {
    const result = await withSigint((signal) => importCaptions(studio.db, options.args[0]!, { signal, onProgress: (p) => progress.update(p.done, p.total), onImported: (imageId, ids) => studio.captionsStored(imageId, ids) }));
    progress.done();
    if (options.json) console.log(JSON.stringify(result, null, 2));
    else console.log(importReport(result));
    return result.cancelled ? 130 : 0;
  } catch (error) {
    progress.done();
    return fail(options.json, messageOf(error), 1);
  }
}
