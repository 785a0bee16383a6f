// Tags on images: zero-shot tags from Prismer (source 'ai', with their score) and tags people set or
// imported. An AI run replaces only AI tags: a tag a person set is never overwritten or removed by it.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export interface ImageTag {
  readonly name: string;
  readonly source: 'ai' | 'human' | 'imported';
  readonly score: number | null;
}

function tagId(db: StudioDb, name: string): number {
  statement(db, `INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING`).run(name);
  return statement<[string], { id: number }>(db, `SELECT id FROM tags WHERE name = ?`).get(name)!.id;
}

/** Replaces the image's AI tags with these (human and imported tags stay). */
export function replaceAiTags(db: StudioDb, imageId: number, tags: readonly { name: string; score: number }[], now: number): void {
  statement(db, `DELETE FROM image_tags WHERE image_id = ? AND source = 'ai'`).run(imageId);
  const insert = statement(db, `INSERT INTO image_tags (image_id, tag_id, source, score, created_at) VALUES (?, ?, 'ai', ?, ?) ON CONFLICT(image_id, tag_id) DO NOTHING`);
  for (const t of tags) insert.run(imageId, tagId(db, t.name), t.score, now);
}

export function setTag(db: StudioDb, imageId: number, name: string, source: 'human' | 'imported', now: number): void {
  statement(
    db,
    `INSERT INTO image_tags (image_id, tag_id, source, score, created_at) VALUES (?, ?, ?, NULL, ?)
     ON CONFLICT(image_id, tag_id) DO UPDATE SET source = excluded.source, score = NULL`,
  ).run(imageId, tagId(db, name), source, now);
}

export function tagsOfImage(db: StudioDb, imageId: number): ImageTag[] {
  return statement<[number], ImageTag>(
    db,
    `SELECT t.name AS name, it.source AS source, it.score AS score FROM image_tags it JOIN tags t ON t.id = it.tag_id WHERE it.image_id = ? ORDER BY it.score IS NULL, it.score DESC, t.name`,
  ).all(imageId);
}
