// Creates a folder and its missing parents one level at a time. Node's `mkdir(…, { recursive: true })`
// (and mkdirSync) loops forever where a file system answers ENOENT for a parent that exists (/proc/x,
// some FUSE and network mounts) and reports a read-only mount as ENOENT; creating each level ourselves
// always ends and keeps the real cause, which `fileProblem` puts in words. The async form is for work
// that runs while the app serves (exports); the sync one for start-up (the data folder, the database).
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errorCode, FileProblem, fileProblem } from './fileErrors.ts';

export interface MakeFolderOptions {
  /** Names the folder in errors, e.g. "the export folder". */
  readonly what?: string;
  /**
   * A folder that must already exist and is never created again: the export folder, when a folder inside
   * it is made. Removed mid-export, it is an error, not something to recreate with half the files.
   */
  readonly inside?: string;
}

interface Plan {
  readonly what: string;
  readonly target: string;
  readonly inside: string | null;
}

function planFor(path: string, options: MakeFolderOptions): Plan {
  return { what: options.what ?? 'the folder', target: resolve(path), inside: options.inside === undefined ? null : resolve(options.inside) };
}

/** What stat said of one level on the way up: 'found' (a folder: stop), or 'missing' (go up); else throws. */
function walkStep(plan: Plan, current: string, outcome: { info: Stats } | { error: unknown }): 'found' | 'missing' {
  const { what, target, inside } = plan;
  if ('info' in outcome) {
    if (outcome.info.isDirectory()) return 'found';
    const message = current === target ? `Cannot use ${what} ${target}: it is a file, not a folder.` : `Cannot create ${what} ${target}: ${current} is a file, not a folder.`;
    throw new FileProblem(message, current, 'ENOTDIR');
  }
  const code = errorCode(outcome.error);
  // ENOTDIR: a file further up; walking up finds it and says which.
  if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fileProblem(outcome.error, `Cannot create ${what}`, target);
  if (current === inside) throw new FileProblem(`Cannot create ${what} ${target}: ${inside} was removed.`, inside, 'ENOENT', { cause: outcome.error });
  if (dirname(current) === current) throw fileProblem(outcome.error, `Cannot create ${what}`, target);
  return 'missing';
}

/** Why making one level failed; `null` when it is there after all (made meanwhile by someone else). */
function mkdirFailure(plan: Plan, dir: string, error: unknown, nowThere: Stats | null): FileProblem | null {
  const code = errorCode(error);
  if (code === 'EEXIST') return nowThere?.isDirectory() ? null : new FileProblem(`Cannot create ${plan.what} ${plan.target}: ${dir} is a file, not a folder.`, dir, 'ENOTDIR');
  // Its parent exists (the walk saw it), so this file system simply does not take new folders here.
  if (code === 'ENOENT') return new FileProblem(`Cannot create ${plan.what} ${plan.target}: the file system at ${dirname(dir)} does not allow new folders there.`, dir, code, { cause: error });
  return fileProblem(error, `Cannot create ${plan.what}`, dir);
}

/** Returns the folders it created, outermost first. */
export async function makeFolder(path: string, options: MakeFolderOptions = {}): Promise<string[]> {
  const plan = planFor(path, options);
  const missing: string[] = [];
  for (let current = plan.target; ; current = dirname(current)) {
    const outcome = await stat(current).then((info) => ({ info }), (error: unknown) => ({ error }));
    if (walkStep(plan, current, outcome) === 'found') break;
    missing.push(current);
  }
  const created: string[] = [];
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
      created.push(dir);
    } catch (error) {
      const problem = mkdirFailure(plan, dir, error, errorCode(error) === 'EEXIST' ? await stat(dir).catch(() => null) : null);
      if (problem) throw problem;
    }
  }
  return created;
}

/** The same, synchronously (start-up only: a hung drive would block the whole process). */
export function makeFolderSync(path: string, options: MakeFolderOptions = {}): string[] {
  const plan = planFor(path, options);
  const missing: string[] = [];
  for (let current = plan.target; ; current = dirname(current)) {
    let outcome: { info: Stats } | { error: unknown };
    try {
      outcome = { info: statSync(current) };
    } catch (error) {
      outcome = { error };
    }
    if (walkStep(plan, current, outcome) === 'found') break;
    missing.push(current);
  }
  const created: string[] = [];
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
      created.push(dir);
    } catch (error) {
      let nowThere: Stats | null = null;
      if (errorCode(error) === 'EEXIST') nowThere = statSync(dir, { throwIfNoEntry: false }) ?? null;
      const problem = mkdirFailure(plan, dir, error, nowThere);
      if (problem) throw problem;
    }
  }
  return created;
}
