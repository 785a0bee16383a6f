// The export dialog's logic, apart from its markup: which options a format offers, the `exports.run`
// parameters the form's choices make (or the reason they cannot be sent yet), and reading a finished
// export or caption-import job's `result` (typed `unknown` in the contract) into the summary it shows.
import type { MethodParams } from '../../api/types.ts';
import { isAbsolutePath } from '../../utils/paths.ts';

export const exportFormatChoices = [
  { value: 'coco', label: 'COCO captions (captions.json)' },
  { value: 'imagefolder', label: 'Hugging Face imagefolder (metadata.jsonl)' },
  { value: 'jsonl', label: 'JSONL for VLM training (caption + VQA)' },
  { value: 'csv', label: 'CSV' },
  { value: 'txt', label: '.txt sidecars (one caption per file)' },
  { value: 'xmp', label: 'XMP sidecars (photo managers)' },
] as const;

export type ExportFormatChoice = (typeof exportFormatChoices)[number]['value'];
export type ExportParams = MethodParams<'exports.run'>;
export type ExportScope = ExportParams['scope'];

export interface ExportForm {
  readonly scope: ExportScope | null;
  readonly format: ExportFormatChoice;
  readonly outDir: string;
  readonly acceptedOnly: boolean;
  readonly besideImages: boolean;
  readonly copyImages: boolean;
  readonly withFacts: boolean;
}

/** Which of the options make sense for a format (the others are hidden, and never sent). */
export function formatOptions(format: ExportFormatChoice): { besideImages: boolean; copyImages: boolean; withFacts: boolean } {
  const sidecars = format === 'txt' || format === 'xmp';
  return { besideImages: sidecars, copyImages: true, withFacts: format === 'jsonl' };
}

/** The parameters of `exports.run`, or what is still wrong with the form. */
export function exportParams(form: ExportForm): { params: ExportParams } | { problem: string } {
  if (form.scope === null) return { problem: 'Choose what to export.' };
  const outDir = form.outDir.trim();
  if (!outDir) return { problem: 'Type the folder to export into.' };
  if (!isAbsolutePath(outDir)) return { problem: `The export folder must be a full path (for example /home/you/export), not “${outDir}”.` };
  const options = formatOptions(form.format);
  const beside = options.besideImages && form.besideImages;
  const params: ExportParams = { scope: form.scope, format: form.format, outDir, acceptedOnly: form.acceptedOnly };
  if (beside) params.besideImages = true;
  // Copies go into the export folder; sidecars beside the originals do not need them.
  if (options.copyImages && form.copyImages && !beside) params.copyImages = true;
  if (options.withFacts && form.withFacts) params.withFacts = true;
  return { params };
}

const skipReasonLabels: Record<string, string> = {
  'not-found': 'no longer in the library',
  excluded: 'excluded from exports',
  missing: 'file missing',
  unreadable: 'file unreadable',
  'no-caption': 'no caption',
  'sidecar-not-ours': 'another tool’s sidecar in the way',
  'sidecar-name-taken': 'sidecar name used by another photo',
};

export interface ExportSummary {
  readonly exported: number;
  readonly skipped: { reason: string; label: string; count: number }[];
  readonly files: string[];
  readonly outDir: string;
  readonly cancelled: boolean;
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function readExportSummary(result: unknown): ExportSummary | null {
  const r = record(result);
  if (!r || !('exported' in r)) return null;
  const skipped = Object.entries(record(r.skipped) ?? {})
    .map(([reason, count]) => ({ reason, label: skipReasonLabels[reason] ?? reason, count: num(count) }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count);
  return {
    exported: num(r.exported),
    skipped,
    files: Array.isArray(r.files) ? r.files.filter((f): f is string => typeof f === 'string') : [],
    outDir: typeof r.outDir === 'string' ? r.outDir : '',
    cancelled: r.cancelled === true,
  };
}

export interface ImportSummary {
  readonly images: number;
  readonly sidecars: number;
  readonly accepted: number;
  readonly candidates: number;
  readonly alreadyPresent: number;
  readonly failed: { path: string; reason: string }[];
  readonly cancelled: boolean;
}

export function readImportSummary(result: unknown): ImportSummary | null {
  const r = record(result);
  if (!r || !('sidecars' in r)) return null;
  const failed = Array.isArray(r.failed)
    ? r.failed.map((item: unknown) => {
        const f = record(item) ?? {};
        return { path: typeof f.path === 'string' ? f.path : '', reason: typeof f.reason === 'string' ? f.reason : '' };
      })
    : [];
  return {
    images: num(r.images),
    sidecars: num(r.sidecars),
    accepted: num(r.accepted),
    candidates: num(r.candidates),
    alreadyPresent: num(r.alreadyPresent),
    failed,
    cancelled: r.cancelled === true,
  };
}
