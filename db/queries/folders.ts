// Library roots: folders scanned recursively, and the per-parent "files" roots of files added one by one.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export type FolderKind = 'folder' | 'files';

export interface Folder {
  readonly id: number;
  readonly path: string;
  readonly kind: FolderKind;
  readonly addedAt: number;
  readonly lastScanAt: number | null;
  readonly lastError: string | null;
  readonly imageCount: number;
  readonly failedCount: number;
  readonly missingCount: number;
}

interface FolderRow {
  id: number;
  path: string;
  kind: FolderKind;
  added_at: number;
  last_scan_at: number | null;
  last_error: string | null;
  image_count: number;
  failed_count: number;
  missing_count: number;
}

const selectWithCounts = `
  SELECT f.*,
    (SELECT count(*) FROM images i WHERE i.folder_id = f.id AND i.status = 'ok') AS image_count,
    (SELECT count(*) FROM images i WHERE i.folder_id = f.id AND i.status = 'failed') AS failed_count,
    (SELECT count(*) FROM images i WHERE i.folder_id = f.id AND i.status = 'missing') AS missing_count
  FROM folders f`;

function toFolder(row: FolderRow): Folder {
  return {
    id: row.id,
    path: row.path,
    kind: row.kind,
    addedAt: row.added_at,
    lastScanAt: row.last_scan_at,
    lastError: row.last_error,
    imageCount: row.image_count,
    failedCount: row.failed_count,
    missingCount: row.missing_count,
  };
}

export function listFolders(db: StudioDb): Folder[] {
  return statement<[], FolderRow>(db, `${selectWithCounts} ORDER BY f.path`).all().map(toFolder);
}

export function getFolder(db: StudioDb, id: number): Folder | undefined {
  const row = statement<[number], FolderRow>(db, `${selectWithCounts} WHERE f.id = ?`).get(id);
  return row && toFolder(row);
}

export interface FolderRoot {
  readonly id: number;
  readonly path: string;
  readonly kind: FolderKind;
}

/** A root without its image counts: for the hot paths (serving media, scanning). */
export function getFolderRoot(db: StudioDb, id: number): FolderRoot | undefined {
  return statement<[number], FolderRoot>(db, `SELECT id, path, kind FROM folders WHERE id = ?`).get(id);
}

export function findFolderByPath(db: StudioDb, path: string): Folder | undefined {
  const row = statement<[string], FolderRow>(db, `${selectWithCounts} WHERE f.path = ?`).get(path);
  return row && toFolder(row);
}

/** Returns the id of the root at `path`, creating it when new. */
export function ensureFolder(db: StudioDb, path: string, kind: FolderKind, now: number): number {
  statement(db, `INSERT INTO folders (path, kind, added_at) VALUES (?, ?, ?) ON CONFLICT(path) DO NOTHING`).run(path, kind, now);
  return statement<[string], { id: number }>(db, `SELECT id FROM folders WHERE path = ?`).get(path)!.id;
}

/** `at` null: the scan did not finish, so the last complete scan's time stays. */
export function recordScan(db: StudioDb, id: number, at: number | null, error: string | null): void {
  statement(db, `UPDATE folders SET last_scan_at = coalesce(?, last_scan_at), last_error = ? WHERE id = ?`).run(at, error, id);
}

export function deleteFolder(db: StudioDb, id: number): void {
  statement(db, `DELETE FROM folders WHERE id = ?`).run(id);
}

export interface SubfolderCount {
  readonly relDir: string;
  readonly count: number;
}

/** Image counts per sub-folder of a root, for the sidebar tree. */
export function listSubfolders(db: StudioDb, folderId: number): SubfolderCount[] {
  return statement<[number], { rel_dir: string; count: number }>(
    db,
    `SELECT rel_dir, count(*) AS count FROM images WHERE folder_id = ? AND status != 'missing' GROUP BY rel_dir ORDER BY rel_dir`,
  )
    .all(folderId)
    .map((r) => ({ relDir: r.rel_dir, count: r.count }));
}
