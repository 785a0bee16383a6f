// Caption versions and their review: AI candidates written with provenance, human edits as new rows
// whose parent is the version edited, status changes (at most one accepted caption per image, enforced
// by an index), the flags cross-checks raise, and the review history undo and redo walk.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export type CaptionSource = 'ai' | 'human' | 'imported';
export type CaptionStatus = 'candidate' | 'draft' | 'accepted' | 'rejected';

export interface CaptionProvenance {
  readonly modelId: string;
  readonly modelHash: string | null;
  /** The experts whose stored outputs fed the model, with their model versions. */
  readonly experts: Readonly<Record<string, string>>;
  /** Decoding settings, and anything else needed to reproduce the run. */
  readonly decoding: Readonly<Record<string, unknown>>;
}

export interface CaptionRecord {
  readonly id: number;
  readonly imageId: number;
  readonly parentId: number | null;
  readonly text: string;
  readonly source: CaptionSource;
  readonly status: CaptionStatus;
  /** AI candidates: the geometric-mean token probability of the beam (0–1); null for human text. */
  readonly score: number | null;
  readonly contentHash: string | null;
  readonly provenance: CaptionProvenance | null;
  readonly createdAt: number;
}

export interface NewCaption {
  readonly imageId: number;
  readonly parentId?: number | null;
  readonly text: string;
  readonly source: CaptionSource;
  readonly status: CaptionStatus;
  readonly score?: number | null;
  readonly contentHash?: string | null;
  readonly provenance?: CaptionProvenance | null;
  readonly createdAt: number;
  /** Re-inserting a row undo removed keeps its id, so history and redo stay consistent. */
  readonly id?: number;
}

interface CaptionRow {
  id: number;
  image_id: number;
  parent_id: number | null;
  text: string;
  source: CaptionSource;
  status: CaptionStatus;
  score: number | null;
  content_hash: string | null;
  model_id: string | null;
  model_hash: string | null;
  experts_json: string | null;
  decoding_json: string | null;
  created_at: number;
}

function toRecord(r: CaptionRow): CaptionRecord {
  return {
    id: r.id,
    imageId: r.image_id,
    parentId: r.parent_id,
    text: r.text,
    source: r.source,
    status: r.status,
    score: r.score,
    contentHash: r.content_hash,
    provenance:
      r.model_id === null
        ? null
        : {
            modelId: r.model_id,
            modelHash: r.model_hash,
            experts: r.experts_json ? (JSON.parse(r.experts_json) as Record<string, string>) : {},
            decoding: r.decoding_json ? (JSON.parse(r.decoding_json) as Record<string, unknown>) : {},
          },
    createdAt: r.created_at,
  };
}

export function insertCaption(db: StudioDb, c: NewCaption): number {
  const p = c.provenance ?? null;
  const info = statement(
    db,
    `INSERT INTO captions (id, image_id, parent_id, text, source, status, score, content_hash, model_id, model_hash, experts_json, decoding_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.id ?? null,
    c.imageId,
    c.parentId ?? null,
    c.text,
    c.source,
    c.status,
    c.score ?? null,
    c.contentHash ?? null,
    p?.modelId ?? null,
    p?.modelHash ?? null,
    p ? JSON.stringify(p.experts) : null,
    p ? JSON.stringify(p.decoding) : null,
    c.createdAt,
  );
  return Number(info.lastInsertRowid);
}

export function getCaption(db: StudioDb, id: number): CaptionRecord | undefined {
  const row = statement<[number], CaptionRow>(db, `SELECT * FROM captions WHERE id = ?`).get(id);
  return row && toRecord(row);
}

/** Every version for an image, oldest first. */
export function captionsOfImage(db: StudioDb, imageId: number): CaptionRecord[] {
  return statement<[number], CaptionRow>(db, `SELECT * FROM captions WHERE image_id = ? ORDER BY created_at, id`).all(imageId).map(toRecord);
}

/** The captions not rejected of every image with this content (copies share expert outputs), per image. */
export function openCaptionsByContent(db: StudioDb, contentHash: string): { imageId: number; captionIds: number[] }[] {
  const rows = statement<[string], { image_id: number; id: number }>(
    db,
    `SELECT c.image_id, c.id FROM captions c JOIN images i ON i.id = c.image_id WHERE i.content_hash = ? AND c.status <> 'rejected' ORDER BY c.image_id, c.id`,
  ).all(contentHash);
  const byImage = new Map<number, number[]>();
  for (const r of rows) byImage.set(r.image_id, [...(byImage.get(r.image_id) ?? []), r.id]);
  return [...byImage].map(([imageId, captionIds]) => ({ imageId, captionIds }));
}

export function acceptedCaption(db: StudioDb, imageId: number): CaptionRecord | undefined {
  const row = statement<[number], CaptionRow>(db, `SELECT * FROM captions WHERE image_id = ? AND status = 'accepted'`).get(imageId);
  return row && toRecord(row);
}

export function setCaptionStatus(db: StudioDb, id: number, status: CaptionStatus): void {
  statement(db, `UPDATE captions SET status = ? WHERE id = ?`).run(status, id);
}

export function deleteCaption(db: StudioDb, id: number): void {
  statement(db, `DELETE FROM captions WHERE id = ?`).run(id);
}

/** Whether an AI caption of this model (by bundle hash) already exists for the image's current pixels. */
export function hasAiCaptionFrom(db: StudioDb, imageId: number, contentHash: string, modelHash: string): boolean {
  return (
    statement<[number, string, string], { n: number }>(
      db,
      `SELECT 1 AS n FROM captions WHERE image_id = ? AND content_hash = ? AND model_hash = ? AND source = 'ai' LIMIT 1`,
    ).get(imageId, contentHash, modelHash) !== undefined
  );
}

export function imageReviewStatus(db: StudioDb, imageId: number): string | undefined {
  return statement<[number], { review_status: string }>(db, `SELECT review_status FROM images WHERE id = ?`).get(imageId)?.review_status;
}

// ---- flags --------------------------------------------------------------------------------------

export interface StoredFlag {
  readonly captionId: number;
  readonly kind: string;
  readonly message: string;
  readonly evidence: Record<string, unknown>;
}

export function replaceCaptionFlags(db: StudioDb, captionId: number, imageId: number, flags: readonly Omit<StoredFlag, 'captionId'>[]): void {
  statement(db, `DELETE FROM caption_flags WHERE caption_id = ?`).run(captionId);
  const insert = statement(db, `INSERT INTO caption_flags (caption_id, image_id, kind, message, evidence_json) VALUES (?, ?, ?, ?, ?)`);
  for (const f of flags) insert.run(captionId, imageId, f.kind, f.message, JSON.stringify(f.evidence));
}

export function flagsOfImage(db: StudioDb, imageId: number): StoredFlag[] {
  return statement<[number], { caption_id: number; kind: string; message: string; evidence_json: string }>(
    db,
    `SELECT caption_id, kind, message, evidence_json FROM caption_flags WHERE image_id = ? ORDER BY id`,
  )
    .all(imageId)
    .map((r) => ({ captionId: r.caption_id, kind: r.kind, message: r.message, evidence: JSON.parse(r.evidence_json) as Record<string, unknown> }));
}

// ---- the review queue -----------------------------------------------------------------------------

export interface QueueFilter {
  readonly status?: readonly ('none' | 'pending' | 'accepted' | 'rejected')[];
  readonly flag?: string;
  readonly folderId?: number;
}

/** Image ids in the review queue, in library order; `afterId` pages. */
export function reviewQueue(db: StudioDb, filter: QueueFilter, limit: number): number[] {
  const where: string[] = [`i.status = 'ok'`];
  const params: (string | number)[] = [];
  const statuses = filter.status ?? ['pending'];
  where.push(`i.review_status IN (${statuses.map(() => '?').join(', ')})`);
  params.push(...statuses);
  if (filter.folderId !== undefined) {
    where.push(`i.folder_id = ?`);
    params.push(filter.folderId);
  }
  if (filter.flag) {
    where.push(`EXISTS (SELECT 1 FROM caption_flags f JOIN captions c ON c.id = f.caption_id WHERE f.image_id = i.id AND f.kind = ? AND c.status <> 'rejected')`);
    params.push(filter.flag);
  }
  return db
    .prepare<(string | number)[], { id: number }>(`SELECT i.id FROM images i WHERE ${where.join(' AND ')} ORDER BY i.folder_id, i.rel_dir, i.file_name LIMIT ${Math.max(1, Math.floor(limit))}`)
    .all(...params)
    .map((r) => r.id);
}

/** Counts per flag kind over captions that are not rejected, for the queue's filter chips. */
export function flagCounts(db: StudioDb): Record<string, number> {
  const rows = statement<[], { kind: string; n: number }>(
    db,
    `SELECT f.kind, COUNT(DISTINCT f.image_id) AS n FROM caption_flags f JOIN captions c ON c.id = f.caption_id WHERE c.status <> 'rejected' GROUP BY f.kind`,
  ).all();
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** Pending images whose best candidate scores at least `minScore`: [imageId, captionId] pairs. */
export function bestCandidatesAbove(db: StudioDb, minScore: number, imageIds: readonly number[] | null): { imageId: number; captionId: number }[] {
  const rows = statement<[number], { image_id: number; id: number }>(
    db,
    `SELECT c.image_id, c.id FROM captions c JOIN images i ON i.id = c.image_id
     WHERE i.review_status = 'pending' AND c.status = 'candidate' AND c.score >= ?
       AND c.score = (SELECT MAX(score) FROM captions c2 WHERE c2.image_id = c.image_id AND c2.status = 'candidate')
     GROUP BY c.image_id ORDER BY c.image_id`,
  ).all(minScore);
  const wanted = imageIds ? new Set(imageIds) : null;
  return rows.filter((r) => !wanted || wanted.has(r.image_id)).map((r) => ({ imageId: r.image_id, captionId: r.id }));
}

// ---- review history --------------------------------------------------------------------------------

export type ReviewAction = 'accept' | 'reject' | 'edit' | 'reopen' | 'bulk-accept';

/** Caption id → status before / after; `null` = the row does not exist (an edit's new version before it). */
export type StatusMap = Record<string, CaptionStatus | null>;

export interface ReviewEvent {
  readonly id: number;
  readonly imageId: number;
  readonly captionId: number | null;
  readonly action: ReviewAction;
  readonly before: StatusMap;
  readonly after: StatusMap;
  /** For edits: the new row, so redo can re-create it with the same id. */
  readonly created?: NewCaption;
  readonly undone: boolean;
  readonly at: number;
}

interface EventRow {
  id: number;
  image_id: number;
  caption_id: number | null;
  action: ReviewAction;
  before_json: string;
  after_json: string;
  undone: number;
  at: number;
}

function toEvent(r: EventRow): ReviewEvent {
  const after = JSON.parse(r.after_json) as { statuses: StatusMap; created?: NewCaption };
  return {
    id: r.id,
    imageId: r.image_id,
    captionId: r.caption_id,
    action: r.action,
    before: JSON.parse(r.before_json) as StatusMap,
    after: after.statuses,
    ...(after.created ? { created: after.created } : {}),
    undone: r.undone === 1,
    at: r.at,
  };
}

export function recordReviewEvent(db: StudioDb, e: Omit<ReviewEvent, 'id' | 'undone'>): number {
  // A new action forgets what was undone before it, as every editor's redo does.
  statement(db, `DELETE FROM review_events WHERE undone = 1`).run();
  const info = statement(db, `INSERT INTO review_events (image_id, caption_id, action, before_json, after_json, at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    e.imageId,
    e.captionId,
    e.action,
    JSON.stringify(e.before),
    JSON.stringify({ statuses: e.after, ...(e.created ? { created: e.created } : {}) }),
    e.at,
  );
  return Number(info.lastInsertRowid);
}

export function lastDoneEvent(db: StudioDb): ReviewEvent | undefined {
  const row = statement<[], EventRow>(db, `SELECT * FROM review_events WHERE undone = 0 ORDER BY id DESC LIMIT 1`).get();
  return row && toEvent(row);
}

export function firstUndoneEvent(db: StudioDb): ReviewEvent | undefined {
  const row = statement<[], EventRow>(db, `SELECT * FROM review_events WHERE undone = 1 ORDER BY id ASC LIMIT 1`).get();
  return row && toEvent(row);
}

export function setEventUndone(db: StudioDb, id: number, undone: boolean): void {
  statement(db, `UPDATE review_events SET undone = ? WHERE id = ?`).run(undone ? 1 : 0, id);
}

export function eventsOfImage(db: StudioDb, imageId: number): ReviewEvent[] {
  return statement<[number], EventRow>(db, `SELECT * FROM review_events WHERE image_id = ? AND undone = 0 ORDER BY id`).all(imageId).map(toEvent);
}
