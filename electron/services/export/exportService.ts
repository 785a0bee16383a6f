// Exports and sidecar imports as jobs, for the app: an export of a selection, a folder, a saved view or
// the library runs in the background with progress and ETA in the jobs panel and can be cancelled
// (whole-file formats then keep the previous export); an import of .txt / XMP sidecar captions likewise.
// The CLI runs the same functions directly.
import { isAbsolute, resolve } from 'node:path';
import type { StudioDb } from '../../../db/open.ts';
import { StudioError } from '../../api/protocol.ts';
import { describeScope, resolveScope, type ImageScope, type ViewResolver } from '../captions/imageScope.ts';
import { importCaptions, type ImportCaptionsResult } from '../import/importCaptions.ts';
import type { JobContext, JobService } from '../jobs/jobService.ts';
import { FileProblem } from '../files/fileErrors.ts';
import { checkWritableFolder } from '../files/writableFolder.ts';
import { checkExportOptions, exportCaptions, ExportUsageError } from './exportCaptions.ts';
import { exportSummary } from './exportSummary.ts';
import type { ExportFormat, ExportResult } from './exportTypes.ts';

export interface ExportJobParams {
  readonly scope: ImageScope;
  readonly format: ExportFormat;
  readonly outDir: string;
  readonly acceptedOnly?: boolean;
  readonly besideImages?: boolean;
  readonly copyImages?: boolean;
  readonly withFacts?: boolean;
}

export class ExportService {
  readonly #db: StudioDb;
  readonly #jobs: JobService;
  readonly #resolveView: ViewResolver | undefined;

  readonly #onCaptionsStored: ((imageId: number, captionIds: number[]) => void) | undefined;

  constructor(deps: { db: StudioDb; jobs: JobService; resolveView?: ViewResolver; onCaptionsStored?: (imageId: number, captionIds: number[]) => void }) {
    this.#db = deps.db;
    this.#jobs = deps.jobs;
    this.#resolveView = deps.resolveView;
    this.#onCaptionsStored = deps.onCaptionsStored;
    deps.jobs.register('export', (p, c) => this.#runExport(p as ExportJobParams, c));
    deps.jobs.register('import-captions', (p, c) => this.#runImport(p as { folder: string }, c));
  }

  /** Refuses at once (before a job exists) contradicting options and a folder that cannot take the export. */
  async export(params: ExportJobParams): Promise<{ jobId: number }> {
    if (!isAbsolute(params.outDir)) throw new StudioError('invalid', `The export folder must be a full path, not "${params.outDir}".`);
    try {
      checkExportOptions(params);
      await checkWritableFolder(params.outDir, { what: 'the export folder' });
    } catch (error) {
      if (error instanceof ExportUsageError || error instanceof FileProblem) throw new StudioError('invalid', error.message);
      throw error;
    }
    return { jobId: this.#jobs.enqueue('export', `Exporting ${describeScope(params.scope)} as ${params.format}`, { ...params, outDir: resolve(params.outDir) }) };
  }

  importCaptions(folder: string): { jobId: number } {
    if (!isAbsolute(folder)) throw new StudioError('invalid', `The folder must be a full path, not "${folder}".`);
    return { jobId: this.#jobs.enqueue('import-captions', `Importing captions from ${folder}`, { folder: resolve(folder) }) };
  }

  async #runExport(params: ExportJobParams, context: JobContext): Promise<ExportResult & { summary: string }> {
    const ids = resolveScope(this.#db, params.scope, this.#resolveView).map((t) => t.id);
    const result = await exportCaptions(this.#db, {
      format: params.format,
      outDir: params.outDir,
      imageIds: ids,
      total: ids.length,
      acceptedOnly: params.acceptedOnly ?? false,
      besideImages: params.besideImages ?? false,
      copyImages: params.copyImages ?? false,
      withFacts: params.withFacts ?? false,
      signal: context.signal,
      onProgress: (p) => context.report({ done: p.done, failed: 0, total: p.total, detail: params.outDir }),
    });
    return { ...result, summary: exportSummary(result) };
  }

  async #runImport(params: { folder: string }, context: JobContext): Promise<ImportCaptionsResult & { summary: string }> {
    const result = await importCaptions(this.#db, params.folder, {
      signal: context.signal,
      ...(this.#onCaptionsStored ? { onImported: this.#onCaptionsStored } : {}),
      onProgress: (p) => context.report({ done: p.done, failed: 0, total: p.total, detail: `${p.imported} imported` }),
    });
    const unread = result.failed.length ? `; ${result.failed.length} sidecar${result.failed.length === 1 ? '' : 's'} not read` : '';
    const summary = `${result.cancelled ? 'Cancelled: ' : ''}${result.images} photo${result.images === 1 ? '' : 's'} looked at: ${result.accepted} captions imported as accepted, ${result.candidates} as candidates, ${result.alreadyPresent} already present${unread}`;
    return { ...result, summary };
  }
}
