// `prismer-studio scan <folder>`: imports a folder, or rescans it if already in the library, and prints
// what changed (added, updated, moved, removed, failed with reasons).
import { resolve } from 'node:path';
import type { ScanJobResult } from '../services/library/libraryService.ts';
import type { Studio } from '../studio.ts';
import { formatDuration, plural } from './format.ts';
import { followJob } from './followJob.ts';

export interface ScanCommandOptions {
  readonly folder: string;
  readonly json: boolean;
  readonly thumbnails: boolean | undefined;
}

export function scanReport(result: ScanJobResult): string {
  const lines: string[] = [];
  const where = result.folders.map((f) => f.path).join(', ');
  lines.push(
    `${result.cancelled ? 'Scan cancelled' : 'Scanned'} ${where} in ${formatDuration(result.durationMs / 1000)}` +
      ` (${result.filesPerSecond.toFixed(0)} files/s)`,
  );
  lines.push(
    [
      `${result.added} added`,
      `${result.updated} updated`,
      `${result.moved} moved`,
      `${result.removed} removed`,
      ...(result.restored > 0 ? [`${result.restored} back in place`] : []),
      `${result.unchanged} unchanged`,
      `${result.failed.length} failed`,
      `${plural(result.skipped, 'other file')} skipped (not photos)`,
    ].join(', '),
  );
  for (const failure of result.failed) lines.push(`  failed: ${failure.path}: ${failure.reason}`);
  for (const problem of result.unreadableFolders) lines.push(`  not read: ${problem.path}: ${problem.reason}`);
  return lines.join('\n');
}

export async function scanCommand(studio: Studio, options: ScanCommandOptions): Promise<number> {
  const path = resolve(options.folder);
  const { jobId } = await studio.library.addFolder(path, options.thumbnails === undefined ? {} : { thumbnails: options.thumbnails });
  const job = await followJob(studio, jobId, { json: options.json });
  if (job.state === 'failed') {
    if (options.json) console.log(JSON.stringify({ error: job.error }));
    else console.error(`Scan failed: ${job.error}`);
    return 1;
  }
  const result = job.result as ScanJobResult;
  if (options.json) console.log(JSON.stringify(result, null, 2));
  else console.log(scanReport(result));
  return result.cancelled || job.state === 'cancelled' ? 130 : 0;
}
