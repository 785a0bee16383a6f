// An export's outcome in words, for the jobs panel and the CLI: how many captions were written where, and
// what was left out and why — so "43 of 43 done" never stands for 4 exported and 39 without a caption.
import type { ExportResult, ExportSkipReason } from './exportTypes.ts';

export const exportSkipWords: Record<ExportSkipReason, string> = {
  'not-found': 'not in the library',
  excluded: 'excluded from exports',
  missing: 'file missing',
  unreadable: 'unreadable',
  'no-caption': 'without a caption',
  'sidecar-not-ours': "beside a sidecar we didn't write (left alone)",
  'sidecar-name-taken': 'sharing a sidecar name with another image',
};

export function exportSummary(result: ExportResult): string {
  const skipped = (Object.entries(result.skipped) as [ExportSkipReason, number][]).filter(([, n]) => n > 0);
  const head = `${result.cancelled ? 'Cancelled: ' : ''}${result.exported} caption${result.exported === 1 ? '' : 's'} exported as ${result.format} to ${result.outDir}`;
  return skipped.length ? `${head}; left out ${skipped.map(([reason, n]) => `${n} ${exportSkipWords[reason]}`).join(', ')}` : head;
}
