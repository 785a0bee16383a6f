// `prismer-studio experts`: runs the experts headless over the library or one folder (importing it
// first if needed), with a progress bar, and prints per-expert counts, failures, images/s and the
// execution provider actually used. Experts that cannot run are named with the reason; when none of those
// asked for can run, nothing starts and the exit code is 1.
import type { ExpertId } from '../../native-models/experts/expert.ts';
import { allExperts, type ExpertJobResult, type ExpertService } from '../services/experts/expertService.ts';
import type { Studio } from '../studio.ts';
import { StudioError } from '../api/protocol.ts';
import { fail } from './errors.ts';
import { followJob } from './followJob.ts';
import { libraryFolderId } from './libraryFolder.ts';

export interface ExpertsCommandOptions {
  readonly only: string | undefined;
  readonly folder: string | undefined;
  readonly json: boolean;
}

export function parseOnly(only: string | undefined): ExpertId[] {
  if (!only) return [...allExperts];
  const names = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(allExperts as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`Unknown expert${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Choose from ${allExperts.join(', ')}.`);
  return names as ExpertId[];
}

export function expertsReport(result: ExpertJobResult): string {
  const lines: string[] = [];
  lines.push(`${result.cancelled ? 'Cancelled after' : 'Processed'} ${result.images} photo${result.images === 1 ? '' : 's'}: ${result.imagesDone} done, ${result.imagesSkipped} already up to date, ${result.imagesFailed.length} failed (${result.imagesPerSecond.toFixed(2)} images/s)`);
  const notRun = Object.keys(result.missing);
  if (notRun.length > 0) lines.push(`Not run: ${notRun.join(', ')} (see below)`);
  if (result.provider) lines.push(`Execution provider: ${result.provider.provider}${result.provider.fallbackReason ? ` — ${result.provider.fallbackReason}` : ''}`);
  for (const [expert, c] of Object.entries(result.perExpert)) {
    lines.push(`  ${expert.padEnd(7)} ${c.done} done, ${c.skipped} skipped, ${c.failed} failed${c.missing ? `, not run: ${result.missing[expert] ?? 'no model'}` : ''}`);
  }
  for (const f of result.imagesFailed) lines.push(`  failed: ${f.path}: ${f.reason}`);
  return lines.join('\n');
}

export async function expertsCommand(studio: Studio & { experts: ExpertService }, options: ExpertsCommandOptions): Promise<number> {
  const only = parseOnly(options.only);
  const scope = options.folder ? { folderId: await libraryFolderId(studio, options.folder) } : {};
  if (!options.json) {
    for (const entry of studio.experts.status().plan.filter((p) => only.includes(p.expert))) {
      console.log(`  ${entry.expert.padEnd(7)} ${entry.label ?? `not available — ${entry.missing}`}`);
    }
  }
  let jobId: number;
  try {
    ({ jobId } = studio.experts.run({ ...scope, only }));
  } catch (error) {
    if (error instanceof StudioError) return fail(options.json, error.message, 1);
    throw error;
  }
  const job = await followJob(studio, jobId, { json: options.json, unit: 'images' });
  if (job.state === 'failed') {
    console.error(`Running the experts failed: ${job.error}`);
    return 1;
  }
  const result = job.result as ExpertJobResult;
  if (options.json) console.log(JSON.stringify(result, null, 2));
  else console.log(expertsReport(result));
  return result.cancelled ? 130 : 0;
}
