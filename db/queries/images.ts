// Image rows: what the scanner writes (identity, file facts, EXIF) and what the grid and loupe read.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export type ImageStatus = 'ok' | 'failed' | 'missing';

/** The facts a scan learns about one file. */
export interface ImageFacts {
  readonly contentHash: string | null;
  /** 64-bit perceptual hash (16 hex digits) for near-duplicates; null when the pixels could not be read. */
  readonly phash: string | null;
  /** The same hash of the middle 90 % and 80 % (32 hex digits): trimmed copies are still candidates. */
  readonly phashCrops: string | null;
  readonly size: number;
  readonly mtimeMs: number;
  readonly format: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly orientation: number | null;
  readonly takenAt: number | null;
  readonly cameraMake: string | null;
  readonly cameraModel: string | null;
  readonly lens: string | null;
  readonly gpsLat: number | null;
  readonly gpsLon: number | null;
  readonly exifJson: string | null;
  readonly status: Exclude<ImageStatus, 'missing'>;
  readonly error: string | null;
  readonly thumbOk: boolean;
}

export interface ImageLocation {
  readonly folderId: number;
  readonly path: string;
  readonly relDir: string;
  readonly fileName: string;
}

export interface ImageRecord extends ImageLocation, Omit<ImageFacts, 'status'> {
  readonly id: number;
  readonly status: ImageStatus;
  readonly addedAt: number;
  readonly updatedAt: number;
  readonly missingSince: number | null;
}

/** What an incremental rescan compares against: enough to decide without reading the file. */
export interface KnownFile {
  readonly id: number;
  readonly folderId: number;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly contentHash: string | null;
  readonly status: ImageStatus;
}

interface ImageRow {
  id: number;
  folder_id: number;
  path: string;
  rel_dir: string;
  file_name: string;
  content_hash: string | null;
  phash: string | null;
  phash_crops: string | null;
  size: number;
  mtime_ms: number;
  format: string | null;
  width: number | null;
  height: number | null;
  orientation: number | null;
  taken_at: number | null;
  camera_make: string | null;
  camera_model: string | null;
  lens: string | null;
  gps_lat: number | null;
  gps_lon: number | null;
  exif_json: string | null;
  status: ImageStatus;
  error: string | null;
  thumb_ok: number;
  added_at: number;
  updated_at: number;
  missing_since: number | null;
}

function toRecord(r: ImageRow): ImageRecord {
  return {
    id: r.id,
    folderId: r.folder_id,
    path: r.path,
    relDir: r.rel_dir,
    fileName: r.file_name,
    contentHash: r.content_hash,
    phash: r.phash,
    phashCrops: r.phash_crops,
    size: r.size,
    mtimeMs: r.mtime_ms,
    format: r.format,
    width: r.width,
    height: r.height,
    orientation: r.orientation,
    takenAt: r.taken_at,
    cameraMake: r.camera_make,
    cameraModel: r.camera_model,
    lens: r.lens,
    gpsLat: r.gps_lat,
    gpsLon: r.gps_lon,
    exifJson: r.exif_json,
    status: r.status,
    error: r.error,
    thumbOk: r.thumb_ok === 1,
    addedAt: r.added_at,
    updatedAt: r.updated_at,
    missingSince: r.missing_since,
  };
}

function factParams(f: ImageFacts) {
  return {
    content_hash: f.contentHash,
    phash: f.phash,
    phash_crops: f.phashCrops,
    size: f.size,
    mtime_ms: Math.round(f.mtimeMs),
    format: f.format,
    width: f.width,
    height: f.height,
    orientation: f.orientation,
    taken_at: f.takenAt,
    camera_make: f.cameraMake,
    camera_model: f.cameraModel,
    lens: f.lens,
    gps_lat: f.gpsLat,
    gps_lon: f.gpsLon,
    exif_json: f.exifJson,
    status: f.status,
    error: f.error,
    thumb_ok: f.thumbOk ? 1 : 0,
  };
}

interface KnownFileRow {
  id: number;
  folder_id: number;
  path: string;
  size: number;
  mtime_ms: number;
  content_hash: string | null;
  status: ImageStatus;
}

function toKnownFile(r: KnownFileRow): KnownFile {
  return { id: r.id, folderId: r.folder_id, path: r.path, size: r.size, mtimeMs: r.mtime_ms, contentHash: r.content_hash, status: r.status };
}

export function knownFilesInFolder(db: StudioDb, folderId: number): KnownFile[] {
  return statement<[number], KnownFileRow>(
    db,
    `SELECT id, folder_id, path, size, mtime_ms, content_hash, status FROM images WHERE folder_id = ?`,
  )
    .all(folderId)
    .map(toKnownFile);
}

export function findKnownFileByPath(db: StudioDb, path: string): KnownFile | undefined {
  const r = statement<[string], KnownFileRow>(
    db,
    `SELECT id, folder_id, path, size, mtime_ms, content_hash, status FROM images WHERE path = ?`,
  ).get(path);
  return r && toKnownFile(r);
}

/** Rows with this content whose file may have moved away: candidates for a move. */
export function findByHash(db: StudioDb, contentHash: string): KnownFile[] {
  return statement<[string], KnownFileRow>(
    db,
    `SELECT id, folder_id, path, size, mtime_ms, content_hash, status FROM images WHERE content_hash = ?`,
  )
    .all(contentHash)
    .map(toKnownFile);
}

export function insertImage(db: StudioDb, location: ImageLocation, facts: ImageFacts, now: number): number {
  const result = statement(
    db,
    `INSERT INTO images (folder_id, path, rel_dir, file_name, content_hash, phash, phash_crops, size, mtime_ms, format, width, height,
       orientation, taken_at, camera_make, camera_model, lens, gps_lat, gps_lon, exif_json, status, error, thumb_ok,
       added_at, updated_at)
     VALUES (@folder_id, @path, @rel_dir, @file_name, @content_hash, @phash, @phash_crops, @size, @mtime_ms, @format, @width, @height,
       @orientation, @taken_at, @camera_make, @camera_model, @lens, @gps_lat, @gps_lon, @exif_json, @status, @error,
       @thumb_ok, @now, @now)`,
  ).run({
    folder_id: location.folderId,
    path: location.path,
    rel_dir: location.relDir,
    file_name: location.fileName,
    ...factParams(facts),
    now,
  });
  return Number(result.lastInsertRowid);
}

/** New content at a known path (the file was edited or replaced). */
export function updateImageFacts(db: StudioDb, id: number, facts: ImageFacts, now: number): void {
  statement(
    db,
    `UPDATE images SET content_hash = @content_hash, phash = @phash, phash_crops = @phash_crops, size = @size, mtime_ms = @mtime_ms, format = @format,
       width = @width, height = @height, orientation = @orientation, taken_at = @taken_at,
       camera_make = @camera_make, camera_model = @camera_model, lens = @lens, gps_lat = @gps_lat,
       gps_lon = @gps_lon, exif_json = @exif_json, status = @status, error = @error, thumb_ok = @thumb_ok,
       updated_at = @now, missing_since = NULL
     WHERE id = @id`,
  ).run({ id, ...factParams(facts), now });
}

/** Same content, new place: the row (and everything annotated on it) follows the file. */
export function moveImage(db: StudioDb, id: number, location: ImageLocation, size: number, mtimeMs: number, now: number): void {
  statement(
    db,
    `UPDATE images SET folder_id = ?, path = ?, rel_dir = ?, file_name = ?, size = ?, mtime_ms = ?,
       status = CASE WHEN status = 'missing' THEN 'ok' ELSE status END, missing_since = NULL, updated_at = ?
     WHERE id = ?`,
  ).run(location.folderId, location.path, location.relDir, location.fileName, size, Math.round(mtimeMs), now, id);
}

/** The file is back, unchanged (e.g. a drive was reconnected). */
export function touchImage(db: StudioDb, id: number, size: number, mtimeMs: number, now: number): void {
  statement(
    db,
    `UPDATE images SET size = ?, mtime_ms = ?, updated_at = ?,
       status = CASE WHEN status = 'missing' THEN (CASE WHEN error IS NULL THEN 'ok' ELSE 'failed' END) ELSE status END,
       missing_since = NULL
     WHERE id = ?`,
  ).run(size, Math.round(mtimeMs), now, id);
}

/** Files gone from disk keep their rows (and annotations) so a later move or reconnect finds them. */
export function markMissing(db: StudioDb, id: number, now: number): void {
  statement(db, `UPDATE images SET status = 'missing', missing_since = ?, updated_at = ? WHERE id = ? AND status != 'missing'`).run(now, now, id);
}

/** A missing row with nothing annotated on it can go; one with annotations stays. */
export function deleteImage(db: StudioDb, id: number): void {
  statement(db, `DELETE FROM images WHERE id = ?`).run(id);
}

export function hasAnnotations(db: StudioDb, id: number): boolean {
  return (
    statement<[number, number, number], { n: number }>(
      db,
      `SELECT (SELECT count(*) FROM captions WHERE image_id = ?) + (SELECT count(*) FROM vqa WHERE image_id = ?)
        + (SELECT count(*) FROM image_tags WHERE image_id = ?) AS n`,
    ).get(id, id, id)!.n > 0
  );
}

export function getImage(db: StudioDb, id: number): ImageRecord | undefined {
  const row = statement<[number], ImageRow>(db, `SELECT * FROM images WHERE id = ?`).get(id);
  return row && toRecord(row);
}

export function getImagePath(db: StudioDb, id: number): { path: string; folderId: number; status: ImageStatus } | undefined {
  const row = statement<[number], { path: string; folder_id: number; status: ImageStatus }>(
    db,
    `SELECT path, folder_id, status FROM images WHERE id = ?`,
  ).get(id);
  return row && { path: row.path, folderId: row.folder_id, status: row.status };
}

export function hasThumbnailForHash(db: StudioDb, contentHash: string): boolean {
  return statement<[string], { n: number }>(db, `SELECT count(*) AS n FROM images WHERE content_hash = ? AND thumb_ok = 1`).get(contentHash)!.n > 0;
}

// ---- the grid --------------------------------------------------------------------------------------

export type ImageSort = 'path' | 'name' | 'taken' | 'added' | 'size';
export type StatusFilter = 'all' | 'ok' | 'failed' | 'missing' | 'duplicates';

export interface ImageQuery {
  readonly folderId?: number | undefined;
  /** With folderId: only this sub-folder and below ('' = the whole root). */
  readonly relDir?: string | undefined;
  readonly status?: StatusFilter | undefined;
  /** Case-insensitive substring of the file name. */
  readonly nameContains?: string | undefined;
  readonly sort?: ImageSort | undefined;
  readonly descending?: boolean | undefined;
}

export interface ImageTile {
  readonly id: number;
  readonly fileName: string;
  readonly relDir: string;
  readonly folderId: number;
  readonly contentHash: string | null;
  readonly width: number | null;
  readonly height: number | null;
  readonly status: ImageStatus;
  readonly error: string | null;
  readonly thumbOk: boolean;
  readonly duplicateCount: number;
  /** Kept up by triggers from the image's captions (migration 30). */
  readonly reviewStatus: 'none' | 'pending' | 'accepted' | 'rejected';
  /** Left out of exports (a duplicate not kept). */
  readonly excluded: boolean;
}

const sortColumns: Record<ImageSort, string> = {
  path: 'i.folder_id, i.rel_dir, i.file_name',
  name: 'i.file_name',
  taken: 'i.taken_at',
  added: 'i.added_at',
  size: 'i.size',
};

function whereClause(q: ImageQuery): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  const status = q.status ?? 'all';
  if (status === 'all') parts.push(`i.status != 'missing'`);
  else if (status === 'duplicates')
    parts.push(`i.status = 'ok' AND i.content_hash IN (SELECT content_hash FROM images WHERE status = 'ok' AND content_hash IS NOT NULL GROUP BY content_hash HAVING count(*) > 1)`);
  else {
    parts.push(`i.status = @status`);
    params.status = status;
  }
  if (q.folderId !== undefined) {
    parts.push(`i.folder_id = @folderId`);
    params.folderId = q.folderId;
    if (q.relDir) {
      parts.push(`(i.rel_dir = @relDir OR substr(i.rel_dir, 1, length(@relDir) + 1) = @relDir || '/')`);
      params.relDir = q.relDir;
    }
  }
  if (q.nameContains) {
    parts.push(`i.file_name LIKE @name ESCAPE '\\'`);
    params.name = `%${q.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** A grid tile's columns as SQL gives them (`dupes`: other readable files of the same content, plus one). */
export interface ImageTileRow {
  id: number;
  file_name: string;
  rel_dir: string;
  folder_id: number;
  content_hash: string | null;
  width: number | null;
  height: number | null;
  status: ImageStatus;
  error: string | null;
  thumb_ok: number;
  review_status: ImageTile['reviewStatus'];
  excluded: number;
  dupes: number;
}

/** The columns of an ImageTileRow read from `images i` (all but `dupes`). */
export const tileColumns = `i.id, i.file_name, i.rel_dir, i.folder_id, i.content_hash, i.width, i.height, i.status, i.error, i.thumb_ok, i.review_status, i.excluded`;

/** ImageTileRow's `dupes` for the image row aliased `alias`: the other readable files of its content. */
export function tileDupesSql(alias: string): string {
  return `CASE WHEN ${alias}.content_hash IS NULL THEN 0
         ELSE (SELECT count(*) FROM images d INDEXED BY images_hash WHERE d.content_hash = ${alias}.content_hash AND d.status = 'ok') - 1 END AS dupes`;
}

export function tileFromRow(r: ImageTileRow): ImageTile {
  return {
    id: r.id,
    fileName: r.file_name,
    relDir: r.rel_dir,
    folderId: r.folder_id,
    contentHash: r.content_hash,
    width: r.width,
    height: r.height,
    status: r.status,
    error: r.error,
    thumbOk: r.thumb_ok === 1,
    duplicateCount: Math.max(0, r.dupes),
    reviewStatus: r.review_status,
    excluded: r.excluded === 1,
  };
}

export function countImages(db: StudioDb, q: ImageQuery): number {
  const { sql, params } = whereClause(q);
  return statement<[Record<string, unknown>], { n: number }>(db, `SELECT count(*) AS n FROM images i ${sql}`).get(params)!.n;
}

export function listImageTiles(db: StudioDb, q: ImageQuery, offset: number, limit: number): ImageTile[] {
  const { sql, params } = whereClause(q);
  const direction = q.descending ? 'DESC' : 'ASC';
  const order = sortColumns[q.sort ?? 'path']
    .split(', ')
    .map((c) => `${c} ${direction}`)
    .join(', ');
  const rows = statement<
    [Record<string, unknown>],
    ImageTileRow
  >(
    db,
    // The page is chosen first and the duplicate counts computed for its rows only: as one query, SQLite
    // may evaluate the correlated count for every row before sorting (1.6 s a page at 100,000 rows).
    `SELECT p.*, ${tileDupesSql('p')}
     FROM (SELECT ${tileColumns}
           FROM images i ${sql} ORDER BY ${order}, i.id ${direction} LIMIT @limit OFFSET @offset) p
     ORDER BY ${order.replaceAll('i.', 'p.')}, p.id ${direction}`,
  ).all({ ...params, limit, offset });
  return rows.map(tileFromRow);
}

/** Other files with the same content (exact duplicates). */
export function listDuplicatesOf(db: StudioDb, id: number): { id: number; path: string }[] {
  return statement<[number, number], { id: number; path: string }>(
    db,
    `SELECT d.id, d.path FROM images d JOIN images i ON i.content_hash = d.content_hash
     WHERE i.id = ? AND d.id != ? AND d.status = 'ok' ORDER BY d.path`,
  ).all(id, id);
}

/** Moves every row of one root under another (a parent folder added after its child). */
export function reassignFolder(db: StudioDb, fromFolderId: number, toFolderId: number, relPrefix: string): void {
  statement(
    db,
    `UPDATE images SET folder_id = @to,
       rel_dir = CASE WHEN rel_dir = '' THEN @prefix ELSE @prefix || '/' || rel_dir END
     WHERE folder_id = @from`,
  ).run({ from: fromFolderId, to: toFolderId, prefix: relPrefix });
}

export function countImagesInFolder(db: StudioDb, folderId: number): number {
  return statement<[number], { n: number }>(db, `SELECT count(*) AS n FROM images WHERE folder_id = ?`).get(folderId)!.n;
}

/** Readable images of one root without perceptual hashes yet (imported by a build that had none or fewer). */
export function listImagesWithoutPhash(db: StudioDb, folderId: number): { id: number; path: string; contentHash: string }[] {
  return statement<[number], { id: number; path: string; content_hash: string }>(
    db,
    `SELECT id, path, content_hash FROM images WHERE folder_id = ? AND status = 'ok' AND (phash IS NULL OR phash_crops IS NULL) AND content_hash IS NOT NULL`,
  )
    .all(folderId)
    .map((r) => ({ id: r.id, path: r.path, contentHash: r.content_hash }));
}

/** The hash is a function of the pixels, so every copy of the content gets it. */
export function setPhashForContent(db: StudioDb, contentHash: string, hashes: { full: string; crops: string }): void {
  statement(db, `UPDATE images SET phash = ?, phash_crops = ? WHERE content_hash = ?`).run(hashes.full, hashes.crops, contentHash);
}

export function setThumbnailReady(db: StudioDb, contentHash: string): void {
  statement(db, `UPDATE images SET thumb_ok = 1 WHERE content_hash = ?`).run(contentHash);
}

export interface ImageToProcess {
  readonly id: number;
  readonly path: string;
  readonly contentHash: string;
}

/** Readable images in a scope (given ids, one root, or the whole library), one per distinct content. */
export function listImagesToProcess(db: StudioDb, scope: { imageIds?: readonly number[]; folderId?: number }): ImageToProcess[] {
  const rows = scope.imageIds
    ? scope.imageIds.map((id) => statement<[number], { id: number; path: string; content_hash: string }>(db, `SELECT id, path, content_hash FROM images WHERE id = ? AND status = 'ok' AND content_hash IS NOT NULL`).get(id)).filter((r) => r !== undefined)
    : scope.folderId !== undefined
      ? statement<[number], { id: number; path: string; content_hash: string }>(db, `SELECT id, path, content_hash FROM images WHERE folder_id = ? AND status = 'ok' AND content_hash IS NOT NULL ORDER BY rel_dir, file_name`).all(scope.folderId)
      : statement<[], { id: number; path: string; content_hash: string }>(db, `SELECT id, path, content_hash FROM images WHERE status = 'ok' AND content_hash IS NOT NULL ORDER BY folder_id, rel_dir, file_name`).all();
  const seen = new Set<string>();
  const out: ImageToProcess[] = [];
  for (const r of rows) {
    if (seen.has(r.content_hash)) continue;
    seen.add(r.content_hash);
    out.push({ id: r.id, path: r.path, contentHash: r.content_hash });
  }
  return out;
}
