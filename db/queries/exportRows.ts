// The reads behind caption exports and sidecar imports: which images a scope holds (paged by id, so no
// iterator stays open while the caller awaits file I/O on the same connection), and one row per image of a
// batch with the caption chosen for export, its tags, its VQA answers and, on request, expert facts.
// Batches are read with .iterate() and the caller bounds their size, so memory never grows with the library.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export type CaptionSource = 'ai' | 'human' | 'imported';
export type CaptionStatus = 'candidate' | 'draft' | 'accepted' | 'rejected';
export type ImageStatus = 'ok' | 'failed' | 'missing';

/** Which images: all of them, or those whose path starts with a folder path (ending in a separator). */
export interface ImageScope {
  readonly pathPrefix?: string;
}

export interface ExportCaption {
  readonly id: number;
  readonly text: string;
  readonly source: CaptionSource;
  readonly status: CaptionStatus;
  readonly score: number | null;
  readonly modelId: string | null;
  readonly modelHash: string | null;
  readonly createdAt: number;
}

export interface ExportTag {
  readonly name: string;
  readonly source: CaptionSource;
  readonly score: number | null;
}

export interface ExportVqa {
  readonly question: string;
  readonly answer: string;
  readonly mode: 'generate' | 'rank';
  readonly score: number | null;
  readonly modelId: string | null;
}

/** Expert facts for VLM training records: classes the detector found, OCR text, depth statistics. */
export interface ExportFacts {
  readonly detections: readonly { readonly label: string; readonly count: number; readonly maxScore: number }[];
  readonly ocrText: string | null;
  readonly depth: Readonly<Record<string, unknown>> | null;
}

export interface ExportImageRow {
  readonly imageId: number;
  readonly path: string;
  readonly rootPath: string;
  readonly relDir: string;
  readonly fileName: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly contentHash: string | null;
  readonly imageStatus: ImageStatus;
  readonly excluded: boolean;
  /** The accepted caption, else (unless accepted-only) the latest one not rejected; null when none. */
  readonly caption: ExportCaption | null;
  readonly tags: readonly ExportTag[];
  readonly vqa: readonly ExportVqa[];
  readonly facts: ExportFacts | null;
}

export interface ExportReadOptions {
  readonly acceptedOnly: boolean;
  readonly withFacts: boolean;
}

interface RawRow {
  id: number;
  path: string;
  root_path: string;
  rel_dir: string;
  file_name: string;
  width: number | null;
  height: number | null;
  content_hash: string | null;
  image_status: ImageStatus;
  excluded: number;
  caption_id: number | null;
  text: string | null;
  source: CaptionSource | null;
  status: CaptionStatus | null;
  score: number | null;
  model_id: string | null;
  model_hash: string | null;
  created_at: number | null;
  tags_json: string;
  vqa_json: string;
  det_json?: string;
  ocr_text?: string | null;
  depth_json?: string | null;
}

const PAGE = 1000;

export function prefixBounds(prefix: string): [string, string] {
  // Every path that starts with the prefix sorts in [prefix, prefix with its last character incremented).
  const last = prefix.charCodeAt(prefix.length - 1);
  return [prefix, prefix.slice(0, -1) + String.fromCharCode(last + 1)];
}

function scopeClause(scope: ImageScope): { where: string; params: string[] } {
  if (!scope.pathPrefix) return { where: '', params: [] };
  return { where: 'AND path >= ? AND path < ?', params: prefixBounds(scope.pathPrefix) };
}

export function countScopeImages(db: StudioDb, scope: ImageScope = {}): number {
  const { where, params } = scopeClause(scope);
  return statement<string[], { n: number }>(db, `SELECT COUNT(*) AS n FROM images WHERE 1 = 1 ${where}`).get(...params)!.n;
}

/** The ids of a scope in id order, read a page at a time between yields. */
export function* scopeImageIds(db: StudioDb, scope: ImageScope = {}): Generator<number> {
  const { where, params } = scopeClause(scope);
  const page = statement<unknown[], { id: number }>(db, `SELECT id FROM images WHERE id > ? ${where} ORDER BY id LIMIT ${PAGE}`);
  let after = 0;
  for (;;) {
    const ids: number[] = [];
    for (const row of page.iterate(after, ...params)) ids.push(row.id);
    yield* ids;
    if (ids.length < PAGE) return;
    after = ids.at(-1)!;
  }
}

const latestOutput = (expert: string) =>
  `(SELECT id FROM expert_outputs WHERE content_hash = i.content_hash AND expert = '${expert}' ORDER BY created_at DESC, id DESC LIMIT 1)`;

function batchSql(options: ExportReadOptions): string {
  const chosen = options.acceptedOnly
    ? `SELECT id FROM captions WHERE image_id = i.id AND status = 'accepted'`
    : `SELECT id FROM captions WHERE image_id = i.id AND status <> 'rejected' ORDER BY status = 'accepted' DESC, created_at DESC, id DESC LIMIT 1`;
  const facts = options.withFacts
    ? `,
  (SELECT json_group_array(json_object('label', label, 'count', n, 'maxScore', s)) FROM (
     SELECT d.label AS label, COUNT(*) AS n, MAX(d.score) AS s FROM detections d
     WHERE d.output_id = ${latestOutput('det')} GROUP BY d.label ORDER BY n DESC, d.label)) AS det_json,
  (SELECT text FROM expert_outputs WHERE id = ${latestOutput('ocr')}) AS ocr_text,
  (SELECT stats_json FROM expert_outputs WHERE id = ${latestOutput('depth')}) AS depth_json`
    : '';
  return `
SELECT i.id, i.path, f.path AS root_path, i.rel_dir, i.file_name, i.width, i.height, i.content_hash,
  i.status AS image_status, i.excluded,
  c.id AS caption_id, c.text, c.source, c.status, c.score, c.model_id, c.model_hash, c.created_at,
  (SELECT json_group_array(json_object('name', name, 'source', source, 'score', score)) FROM (
     SELECT t.name AS name, it.source AS source, it.score AS score FROM image_tags it JOIN tags t ON t.id = it.tag_id
     WHERE it.image_id = i.id ORDER BY it.score IS NULL, it.score DESC, t.name)) AS tags_json,
  (SELECT json_group_array(json_object('question', question, 'answer', answer, 'mode', mode, 'score', score, 'modelId', model_id)) FROM (
     SELECT question, answer, mode, score, model_id FROM vqa WHERE image_id = i.id ORDER BY created_at, id)) AS vqa_json${facts}
FROM json_each(?) j
JOIN images i ON i.id = j.value
JOIN folders f ON f.id = i.folder_id
LEFT JOIN captions c ON c.id = (${chosen})`;
}

function toRow(raw: RawRow): ExportImageRow {
  const caption: ExportCaption | null =
    raw.caption_id === null
      ? null
      : {
          id: raw.caption_id,
          text: raw.text!,
          source: raw.source!,
          status: raw.status!,
          score: raw.score,
          modelId: raw.model_id,
          modelHash: raw.model_hash,
          createdAt: raw.created_at!,
        };
  // A question asked twice keeps its latest answer, in the order the questions were first asked.
  const vqa = new Map<string, ExportVqa>();
  for (const v of JSON.parse(raw.vqa_json) as ExportVqa[]) vqa.set(v.question, v);
  return {
    imageId: raw.id,
    path: raw.path,
    rootPath: raw.root_path,
    relDir: raw.rel_dir,
    fileName: raw.file_name,
    width: raw.width,
    height: raw.height,
    contentHash: raw.content_hash,
    imageStatus: raw.image_status,
    excluded: raw.excluded !== 0,
    caption,
    tags: JSON.parse(raw.tags_json) as ExportTag[],
    vqa: [...vqa.values()],
    facts:
      raw.det_json === undefined
        ? null
        : {
            detections: JSON.parse(raw.det_json) as ExportFacts['detections'],
            ocrText: raw.ocr_text ?? null,
            depth: raw.depth_json ? (JSON.parse(raw.depth_json) as Record<string, unknown>) : null,
          },
  };
}

/** One row per id that exists, in the order of `ids`; ids of deleted images are left out. */
export function readExportBatch(db: StudioDb, ids: readonly number[], options: ExportReadOptions): ExportImageRow[] {
  const byId = new Map<number, ExportImageRow>();
  for (const raw of statement<[string], RawRow>(db, batchSql(options)).iterate(JSON.stringify(ids))) byId.set(raw.id, toRow(raw));
  const rows: ExportImageRow[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) rows.push(row);
  }
  return rows;
}

/** Whether this text is one of the image's caption versions (any source or status). */
export function imageHasCaptionText(db: StudioDb, imageId: number, text: string): boolean {
  return statement<[number, string], { one: number }>(db, 'SELECT 1 AS one FROM captions WHERE image_id = ? AND text = ? LIMIT 1').get(imageId, text) !== undefined;
}
