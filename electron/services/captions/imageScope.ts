// Which images a batch job covers: a selection, a folder, a saved view, everything without an accepted
// caption, or the whole library. Resolved when the job runs (and again when it resumes: the job's items
// remember what was finished, so a view that changed in between is simply followed).
import { z } from 'zod';
import type { StudioDb } from '../../../db/open.ts';
import { listImagesToProcess, type ImageToProcess } from '../../../db/queries/images.ts';
import { StudioError } from '../../api/protocol.ts';

export const imageScopeSchema = z.union([
  z.object({ imageIds: z.array(z.number().int().positive()).min(1) }).strict(),
  z.object({ folderId: z.number().int().positive() }).strict(),
  z.object({ viewId: z.number().int().positive() }).strict(),
  z.object({ missing: z.literal(true), folderId: z.number().int().positive().optional() }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type ImageScope = z.infer<typeof imageScopeSchema>;

/** A saved view's image ids, in the view's order (provided by the search service). */
export type ViewResolver = (viewId: number) => number[];

export function describeScope(scope: ImageScope): string {
  if ('imageIds' in scope) return `${scope.imageIds.length} photo${scope.imageIds.length === 1 ? '' : 's'}`;
  if ('viewId' in scope) return `view #${scope.viewId}`;
  if ('missing' in scope) return scope.folderId !== undefined ? 'the photos of a folder without an accepted caption' : 'every photo without an accepted caption';
  if ('folderId' in scope) return 'a folder';
  return 'the library';
}

/**
 * The images of a scope, one row per image (unlike the experts, whose work is per content: two copies
 * of a photo share their maps but each keeps its own caption, since users review files).
 */
export function resolveScope(db: StudioDb, scope: ImageScope, resolveView?: ViewResolver): ImageToProcess[] {
  if ('viewId' in scope) {
    if (!resolveView) throw new StudioError('unsupported', 'Saved views cannot be resolved in this build.');
    return imagesByIds(db, resolveView(scope.viewId));
  }
  if ('imageIds' in scope) return imagesByIds(db, scope.imageIds);
  const where = [`status = 'ok'`, `content_hash IS NOT NULL`];
  const params: number[] = [];
  if ('folderId' in scope && scope.folderId !== undefined) {
    where.push('folder_id = ?');
    params.push(scope.folderId);
  }
  if ('missing' in scope) where.push(`review_status <> 'accepted'`, 'excluded = 0');
  return db
    .prepare<number[], { id: number; path: string; content_hash: string }>(`SELECT id, path, content_hash FROM images WHERE ${where.join(' AND ')} ORDER BY folder_id, rel_dir, file_name`)
    .all(...params)
    .map((r) => ({ id: r.id, path: r.path, contentHash: r.content_hash }));
}

function imagesByIds(db: StudioDb, ids: readonly number[]): ImageToProcess[] {
  const out: ImageToProcess[] = [];
  const seen = new Set<number>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    const [row] = listImagesToProcess(db, { imageIds: [id] });
    if (row) out.push(row);
  }
  return out;
}
