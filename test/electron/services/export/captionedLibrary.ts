// A small scanned library with caption versions, tags, VQA answers and expert outputs inserted directly,
// for the export and import specifications (no model runs: the rows are what a model would have stored).
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { StudioDb } from '../../../../db/open.ts';
import type { Studio } from '../../../../electron/studio.ts';
import { writePhoto } from '../../../helpers/images.ts';
import { testStudio } from '../../../helpers/studio.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

export interface CaptionInput {
  readonly text: string;
  readonly source?: 'ai' | 'human' | 'imported';
  readonly status?: 'candidate' | 'draft' | 'accepted' | 'rejected';
  readonly modelId?: string | null;
  readonly score?: number | null;
  readonly createdAt?: number;
}

let clock = 1_700_000_000_000;

export function addCaption(db: StudioDb, imageId: number, input: CaptionInput): number {
  const source = input.source ?? 'ai';
  const info = db
    .prepare(
      `INSERT INTO captions (image_id, text, source, status, score, model_id, model_hash, decoding_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      imageId,
      input.text,
      source,
      input.status ?? 'candidate',
      input.score ?? null,
      input.modelId === undefined ? (source === 'ai' ? 'prismerz-base' : null) : input.modelId,
      source === 'ai' ? 'ab'.repeat(32) : null,
      source === 'ai' ? '{"numBeams":3}' : null,
      input.createdAt ?? clock++,
    );
  return Number(info.lastInsertRowid);
}

export function addTag(db: StudioDb, imageId: number, name: string, score: number | null = 0.9, source: 'ai' | 'human' = 'ai'): void {
  db.prepare('INSERT OR IGNORE INTO tags (name) VALUES (?)').run(name);
  const tagId = (db.prepare('SELECT id FROM tags WHERE name = ?').get(name) as { id: number }).id;
  db.prepare('INSERT INTO image_tags (image_id, tag_id, source, score, created_at) VALUES (?, ?, ?, ?, ?)').run(imageId, tagId, source, score, clock++);
}

export function addVqa(db: StudioDb, imageId: number, question: string, answer: string): void {
  db.prepare("INSERT INTO vqa (image_id, question, answer, mode, score, model_id, created_at) VALUES (?, ?, ?, 'generate', 0.5, 'prismerz-base', ?)").run(imageId, question, answer, clock++);
}

export interface CaptionedLibrary {
  readonly studio: Studio;
  readonly db: StudioDb;
  readonly root: string;
  /** Image id by path relative to the root ('a.jpg', 'trip/c.jpg'). */
  readonly ids: ReadonlyMap<string, number>;
  readonly paths: ReadonlyMap<number, string>;
}

/** Scans `files` (relative paths) as photos into a fresh studio. */
export async function photoLibrary(t: TestContext, files: readonly string[], options: { root?: string; dataDir?: string } = {}): Promise<CaptionedLibrary> {
  const root = options.root ?? join(tempDir(t, 'export-lib-'), 'photos');
  for (const [index, file] of files.entries()) await writePhoto(join(root, file), { seed: index + 1, width: 32 + index, height: 24 });
  const studio = testStudio(t, options.dataDir ? { dataDir: options.dataDir } : {});
  const job = await studio.jobs.wait((await studio.library.addFolder(root, { thumbnails: false })).jobId);
  if (job.state !== 'done') throw new Error(`scan ${job.state}: ${job.error}`);
  const ids = new Map<string, number>();
  const paths = new Map<number, string>();
  for (const row of studio.db.prepare('SELECT id, path FROM images').all() as { id: number; path: string }[]) {
    ids.set(row.path.slice(root.length + 1).split('\\').join('/'), row.id);
    paths.set(row.id, row.path);
  }
  return { studio, db: studio.db, root, ids, paths };
}

export function allImageIds(db: StudioDb): number[] {
  return (db.prepare('SELECT id FROM images ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}
