// Writes captions found in sidecar files (.txt, XMP) as caption versions with source 'imported': accepted
// when the image has no accepted caption yet, else a candidate; a text the image already has (in any
// version, any source) is not added again, so importing the same folder twice changes nothing.
// Also the paged read of the images a folder import looks at.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';
import { prefixBounds } from './exportRows.ts';

export interface ImportedCaption {
  readonly imageId: number;
  readonly text: string;
  /** The sidecar it came from, kept as provenance. */
  readonly sidecarPath: string;
  readonly sidecarFormat: 'txt' | 'xmp';
  readonly createdAt: number;
}

export type ImportOutcome = 'accepted' | 'candidate' | 'already-present';

export interface ImportCandidateImage {
  readonly imageId: number;
  readonly path: string;
  readonly fileName: string;
}

export function insertImportedCaption(db: StudioDb, caption: ImportedCaption): { outcome: ImportOutcome; captionId: number | null } {
  return db.transaction((): { outcome: ImportOutcome; captionId: number | null } => {
    const present = statement<[number, string], { id: number }>(db, 'SELECT id FROM captions WHERE image_id = ? AND text = ? LIMIT 1').get(caption.imageId, caption.text);
    if (present) return { outcome: 'already-present', captionId: present.id };
    const accepted = statement<[number], { id: number }>(db, "SELECT id FROM captions WHERE image_id = ? AND status = 'accepted'").get(caption.imageId);
    const status: 'candidate' | 'accepted' = accepted ? 'candidate' : 'accepted';
    const image = statement<[number], { content_hash: string | null }>(db, 'SELECT content_hash FROM images WHERE id = ?').get(caption.imageId);
    if (!image) throw new Error(`image ${caption.imageId} is not in the library`);
    const info = statement(
      db,
      `INSERT INTO captions (image_id, parent_id, text, source, status, score, content_hash, model_id, model_hash, experts_json, decoding_json, created_at)
       VALUES (?, NULL, ?, 'imported', ?, NULL, ?, NULL, NULL, NULL, ?, ?)`,
    ).run(
      caption.imageId,
      caption.text,
      status,
      image.content_hash,
      JSON.stringify({ importedFrom: caption.sidecarPath, format: caption.sidecarFormat }),
      caption.createdAt,
    );
    return { outcome: status, captionId: Number(info.lastInsertRowid) };
  }).immediate();
}

/** A page of the images whose path starts with `pathPrefix` (a folder path ending in a separator), by id. */
export function importCandidatePage(db: StudioDb, pathPrefix: string, afterId: number, limit: number): ImportCandidateImage[] {
  const [lower, upper] = prefixBounds(pathPrefix);
  const rows: ImportCandidateImage[] = [];
  const page = statement<[number, string, string, number], { id: number; path: string; file_name: string }>(
    db,
    `SELECT id, path, file_name FROM images WHERE id > ? AND path >= ? AND path < ? AND status <> 'missing' ORDER BY id LIMIT ?`,
  );
  for (const row of page.iterate(afterId, lower, upper, limit)) rows.push({ imageId: row.id, path: row.path, fileName: row.file_name });
  return rows;
}
