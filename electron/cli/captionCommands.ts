// `prismer-studio caption <image...> [--model NAME|PATH] [--beams N] [--json]` and
// `prismer-studio ask <image> "<question>" [--mode generate|rank] [--answers FILE] [--model …] [--json]`:
// the photos are imported into the library first (so they have ids and stored expert outputs), the
// experts the model needs run if missing, and the results print with per-stage timings. Captions are
// not stored yet. Errors print one sentence; 2 is bad usage.
import { readFile } from 'node:fs/promises';
import type { PrismerServiceResult } from '../services/prismer/prismerService.ts';
import type { Studio } from '../studio.ts';
import type { PrismerTaskRequest } from '../worker/workerProtocol.ts';
import { fail, messageOf, positiveInt, UsageError } from './errors.ts';

export const captionUsage = `  prismer-studio caption <image...> [--model NAME|PATH] [--beams N] [--json]
      Caption photos with a Prismer model (running the experts it needs), with timings.
  prismer-studio ask <image> "<question>" [--mode generate|rank] [--answers FILE] [--model NAME|PATH] [--json]
      Answer a question about a photo; rank mode scores the answers in FILE (one per line).`;

export interface CaptionCommandOptions {
  readonly command: 'caption' | 'ask';
  readonly args: readonly string[];
  readonly model?: string;
  readonly beams?: string;
  readonly mode?: string;
  readonly answers?: string;
  readonly json: boolean;
}

const ms = (value: number) => `${value.toFixed(0)} ms`;

export function timingLine(t: PrismerServiceResult['timings']): string {
  const parts = [`decode ${ms(t.decode)}`, `preprocess ${ms(t.preprocess)}`];
  if (t.experts > 0) parts.push(`experts ${ms(t.experts)}`);
  if (t.expertInputs >= 0.5) parts.push(`expert inputs ${ms(t.expertInputs)}`);
  parts.push(`encoder ${ms(t.encoder)}`, `decoding ${ms(t.task)}`, `total ${ms(t.overall)}`);
  return `  (${parts.join(', ')})`;
}

function report(r: PrismerServiceResult): string {
  const lines = [`${r.imagePath}`];
  if (r.task === 'caption') lines.push(`  ${r.caption.caption}`);
  else if (r.task === 'ask') {
    lines.push(`  ${r.answer.answer}`);
    if (r.answer.mode === 'rank') for (const c of r.answer.candidates.slice(0, 5)) lines.push(`    ${c.score.toFixed(3).padStart(8)}  ${c.answer}`);
  } else lines.push(`  ${r.tags.map((t) => t.className).join(', ')}`);
  if (r.expertsRun.length) lines.push(`  ran the experts ${r.expertsRun.join(', ')}`);
  if (r.missingExperts.length) lines.push(`  missing expert outputs, replaced as the official code does: ${r.missingExperts.join(', ')}`);
  lines.push(timingLine(r.timings));
  return lines.join('\n');
}

async function requests(options: CaptionCommandOptions): Promise<{ images: string[]; request: PrismerTaskRequest }> {
  if (options.command === 'caption') {
    if (options.args.length === 0) throw new UsageError('Usage: prismer-studio caption <image...> [--model NAME|PATH] [--beams N] [--json]');
    const numBeams = positiveInt(options.beams, '--beams');
    return { images: [...options.args], request: { task: 'caption', ...(numBeams ? { options: { numBeams } } : {}) } };
  }
  if (options.args.length !== 2) throw new UsageError('Usage: prismer-studio ask <image> "<question>" [--mode generate|rank] [--answers FILE] [--model NAME|PATH] [--json]');
  const [image, question] = options.args as [string, string];
  const mode = options.mode ?? (options.answers ? 'rank' : 'generate');
  if (mode !== 'generate' && mode !== 'rank') throw new UsageError(`--mode must be generate or rank, not "${mode}"`);
  if (mode === 'generate') {
    if (options.answers) throw new UsageError('--answers is for --mode rank');
    return { images: [image], request: { task: 'ask', question } };
  }
  if (!options.answers) throw new UsageError('--mode rank needs --answers FILE (one answer per line)');
  const answers = (await readFile(options.answers, 'utf8')).split(/\r?\n/).map((a) => a.trim()).filter(Boolean);
  if (answers.length === 0) throw new UsageError(`${options.answers} holds no answers`);
  return { images: [image], request: { task: 'ask', question, options: { answers } } };
}

export async function captionCommand(studio: Studio, options: CaptionCommandOptions): Promise<number> {
  let parsed: Awaited<ReturnType<typeof requests>>;
  try {
    parsed = await requests(options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    return 2;
  }
  try {
    const bundleDir = studio.prismer.resolveBundle(options.model);
    const ids = await studio.prismer.importImages(parsed.images);
    const results: PrismerServiceResult[] = [];
    for (const id of ids) {
      const result = await studio.prismer.run(id, bundleDir, parsed.request);
      results.push(result);
      if (!options.json) console.log(report(result));
    }
    if (options.json) console.log(JSON.stringify({ model: results[0]?.model ?? null, bundleDir, stored: false, results }, null, 2));
    return 0;
  } catch (error) {
    return fail(options.json, messageOf(error));
  }
}
