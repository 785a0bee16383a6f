// Prismer over many photos from the command line, as the same persisted jobs the app runs:
//   prismer-studio caption [--folder DIR | --view NAME | --missing] [--model M] [--beams N] [--redo]
//   prismer-studio ask --folder DIR "<question>" [--mode generate|rank] [--answers FILE]
//   prismer-studio tag --vocab FILE [--folder DIR | --view NAME] [--top N]
// Results are stored in the library (captions as candidates for review, answers, AI tags); a progress
// bar runs on stderr; Ctrl+C cancels and keeps what was done. `--json` prints the job's result.
import { readFile } from 'node:fs/promises';
import { acceptedCaption, captionsOfImage } from '../../db/queries/captions.ts';
import { answersTo } from '../../db/queries/vqa.ts';
import { findSavedViewByName } from '../../db/queries/savedViews.ts';
import { tagsOfImage } from '../../db/queries/imageTags.ts';
import type { ImageScope } from '../services/captions/imageScope.ts';
import type { BatchJobResult } from '../services/captions/prismerJobs.ts';
import type { Studio } from '../studio.ts';
import { fail, messageOf, positiveInt, UsageError } from './errors.ts';
import { followJob } from './followJob.ts';
import { libraryFolderId } from './libraryFolder.ts';

export const batchUsage = `  prismer-studio caption --folder DIR | --view NAME | --missing [--model NAME|PATH] [--beams N] [--redo] [--json]
      Caption many photos as a job; the candidates are stored for review (already captioned ones are skipped).
  prismer-studio ask --folder DIR "<question>" [--mode generate|rank] [--answers FILE] [--model …] [--json]
      Ask one question of every photo in a folder; the answers are stored (a column in the app).
  prismer-studio tag --vocab FILE [--folder DIR | --view NAME] [--top N] [--model …] [--json]
      Zero-shot tags: rank the names in FILE (one per line) for each photo and store the top N.`;

export interface BatchCommandOptions {
  readonly command: 'caption' | 'ask' | 'tag';
  readonly args: readonly string[];
  readonly folder?: string;
  readonly view?: string;
  readonly missing?: boolean;
  readonly model?: string;
  readonly beams?: string;
  readonly redo?: boolean;
  readonly mode?: string;
  readonly answers?: string;
  readonly vocab?: string;
  readonly top?: string;
  readonly json: boolean;
}

/** Whether a `caption` / `ask` invocation is a batch (otherwise it names photos). */
export function isBatchInvocation(o: Pick<BatchCommandOptions, 'command' | 'folder' | 'view' | 'missing'>): boolean {
  return o.command === 'tag' || Boolean(o.folder || o.view || o.missing);
}

async function lines(file: string, what: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${what} ${file}.`);
  }
  const out = [...new Set(text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith('#')))];
  if (out.length === 0) throw new UsageError(`${file} holds no ${what}.`);
  return out;
}

async function scopeOf(studio: Studio, o: BatchCommandOptions): Promise<ImageScope> {
  const chosen = [o.folder, o.view, o.missing ? 'missing' : undefined].filter(Boolean);
  if (chosen.length > 1) throw new UsageError('Choose one of --folder, --view and --missing.');
  if (o.view) {
    const row = findSavedViewByName(studio.db, o.view);
    if (!row) throw new UsageError(`There is no saved view "${o.view}".`);
    return { viewId: row.id };
  }
  if (o.folder) return { folderId: await libraryFolderId(studio, o.folder) };
  if (o.missing) return { missing: true };
  return { all: true };
}

function summary(verb: string, r: BatchJobResult): string {
  const lines = [
    `${r.cancelled ? 'Cancelled after' : verb} ${r.images} photo${r.images === 1 ? '' : 's'}: ${r.done} done, ${r.skipped} already done, ${r.failed.length} failed (${r.imagesPerSecond.toFixed(2)} images/s)`,
  ];
  if (r.expertsRun.length) lines.push(`  experts computed where missing: ${r.expertsRun.join(', ')}`);
  for (const f of r.failed) lines.push(`  failed: ${f.path}: ${f.reason}`);
  return lines.join('\n');
}

export async function batchCommand(studio: Studio, o: BatchCommandOptions): Promise<number> {
  let job: { jobId: number };
  let scope: ImageScope;
  let question = '';
  try {
    const bundleDir = studio.prismer.resolveBundle(o.model);
    scope = await scopeOf(studio, o);
    if (o.command === 'caption') {
      if (o.args.length > 0) throw new UsageError('Give photos or one of --folder, --view, --missing, not both.');
      const numBeams = positiveInt(o.beams, '--beams');
      job = studio.prismerJobs.caption({ scope, bundleDir, ...(numBeams ? { options: { numBeams, candidates: numBeams } } : {}), ...(o.redo ? { redo: true } : {}) });
    } else if (o.command === 'ask') {
      if (o.args.length !== 1) throw new UsageError('Usage: prismer-studio ask --folder DIR "<question>" [--mode generate|rank] [--answers FILE]');
      question = o.args[0]!.trim();
      const mode = o.mode ?? (o.answers ? 'rank' : 'generate');
      if (mode !== 'generate' && mode !== 'rank') throw new UsageError(`--mode must be generate or rank, not "${mode}"`);
      if (mode === 'rank' && !o.answers) throw new UsageError('--mode rank needs --answers FILE (one answer per line)');
      if (mode === 'generate' && o.answers) throw new UsageError('--answers is for --mode rank');
      const answers = mode === 'rank' ? await lines(o.answers!, 'answers') : undefined;
      job = studio.prismerJobs.ask({ scope, bundleDir, question, ...(answers ? { answers } : {}), ...(o.redo ? { redo: true } : {}) });
    } else {
      if (!o.vocab) throw new UsageError('Usage: prismer-studio tag --vocab FILE [--folder DIR | --view NAME] [--top N]');
      const top = positiveInt(o.top, '--top');
      job = studio.prismerJobs.tag({ scope, bundleDir, classNames: await lines(o.vocab, 'class names'), ...(top ? { top } : {}) });
    }
  } catch (error) {
    return fail(o.json, messageOf(error), error instanceof UsageError ? 2 : 1);
  }

  const finished = await followJob(studio, job.jobId, { json: o.json, unit: 'images' });
  if (finished.state === 'failed') {
    if (o.json) console.log(JSON.stringify({ error: finished.error }));
    console.error(`The job failed: ${finished.error}`);
    return 1;
  }
  const result = finished.result as BatchJobResult;
  const ids = studio.db
    .prepare<[number], { item_key: string }>(`SELECT item_key FROM job_items WHERE job_id = ? AND state <> 'failed' ORDER BY rowid`)
    .all(job.jobId)
    .map((r) => Number(r.item_key.replace('image:', '')));
  const pathStatement = studio.db.prepare<[number], { path: string }>(`SELECT path FROM images WHERE id = ?`);
  const pathOf = (id: number) => pathStatement.get(id)?.path ?? `#${id}`;

  if (o.command === 'caption') {
    const images = ids.map((id) => {
      const captions = captionsOfImage(studio.db, id).filter((c) => c.source === 'ai');
      const best = [...captions].sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
      return { imageId: id, path: pathOf(id), accepted: acceptedCaption(studio.db, id)?.text ?? null, best: best ? { text: best.text, score: best.score } : null, candidates: captions.length };
    });
    if (o.json) console.log(JSON.stringify({ jobId: job.jobId, stored: true, result, images }, null, 2));
    else {
      for (const i of images) if (i.best) console.log(`${i.path}\n  ${i.best.text}  (${(i.best.score ?? 0).toFixed(2)}; ${i.candidates} candidate${i.candidates === 1 ? '' : 's'} to review)`);
      console.log(summary('Captioned', result));
    }
  } else if (o.command === 'ask') {
    const asked = new Set(ids);
    const answers = answersTo(studio.db, question).filter((a) => asked.has(a.imageId));
    if (o.json) console.log(JSON.stringify({ jobId: job.jobId, question, result, answers: answers.map((a) => ({ imageId: a.imageId, path: pathOf(a.imageId), answer: a.answer, score: a.score, alternatives: a.alternatives })) }, null, 2));
    else {
      for (const a of answers) console.log(`${a.answer.padEnd(12)} ${a.score === null ? '' : a.score.toFixed(3).padStart(8)}  ${pathOf(a.imageId)}`);
      console.log(summary('Asked', result));
    }
  } else {
    const tags = ids.map((id) => ({ imageId: id, path: pathOf(id), tags: tagsOfImage(studio.db, id).filter((t) => t.source === 'ai') }));
    if (o.json) console.log(JSON.stringify({ jobId: job.jobId, result, images: tags }, null, 2));
    else {
      for (const t of tags) console.log(`${t.path}\n  ${t.tags.map((x) => `${x.name} (${(x.score ?? 0).toFixed(2)})`).join(', ')}`);
      console.log(summary('Tagged', result));
    }
  }
  return result.cancelled ? 130 : 0;
}
