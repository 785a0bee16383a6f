// Library search: one query object (full text over captions, OCR text and tags, plus filters on review
// status, flags, expert facts, dates, camera, folder, duplicates and VQA answers) turned into one SQL
// WHERE clause and ORDER BY, answered as a count and an offset page of image ids — the same paging the
// virtualised grid uses. Every piece of user text reaches SQLite as a bound parameter, and full-text
// terms are quoted for FTS5 (see ftsTerms), so no input can change the query's shape.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';
import { tileColumns, tileDupesSql, tileFromRow, type ImageStatus, type ImageTile, type ImageTileRow } from './images.ts';

export type ReviewStatus = 'none' | 'pending' | 'accepted' | 'rejected';
export type TextSource = 'captions' | 'ocr' | 'tags';
export type DepthStat = 'min' | 'max' | 'median' | 'normalisedMedian';
export type SearchSort = 'path' | 'name' | 'taken' | 'added' | 'size' | 'review' | 'detections' | 'vqaAnswer' | 'vqaScore';

export interface SearchQuery {
  /** Words (each must be found), "quoted phrases", and word* prefixes; everything else is literal text. */
  readonly text?: string | undefined;
  /** Where the words are looked for; all three by default. */
  readonly textIn?: readonly TextSource[] | undefined;
  /** 'all' keeps missing files too; by default they are left out, as in the grid. */
  readonly status?: ImageStatus | 'all' | undefined;
  readonly folderId?: number | undefined;
  /** With folderId: this sub-folder and below. */
  readonly relDir?: string | undefined;
  readonly reviewStatus?: readonly ReviewStatus[] | undefined;
  /** Images with a caption flag of any of these kinds ('unseen-object', 'count-mismatch', …). */
  readonly flagKinds?: readonly string[] | undefined;
  /** true: some caption flag; false: none. */
  readonly flagged?: boolean | undefined;
  /** Each entry must hold: the detector found that class (at least minCount boxes, each ≥ minScore). */
  readonly detected?: readonly { label: string; minCount?: number | undefined; minScore?: number | undefined }[] | undefined;
  /** Each entry must hold: the segmenter gave that class a share of the image in [minShare, maxShare]. */
  readonly segmentation?: readonly { label: string; minShare?: number | undefined; maxShare?: number | undefined }[] | undefined;
  /** true: OCR found text; false: OCR ran and found none, or never ran. */
  readonly hasText?: boolean | undefined;
  /** Each entry must hold for the image's depth output. */
  readonly depth?: readonly { stat: DepthStat; min?: number | undefined; max?: number | undefined }[] | undefined;
  /** EXIF date taken, ms since the epoch, inclusive. */
  readonly takenFrom?: number | undefined;
  readonly takenTo?: number | undefined;
  readonly addedFrom?: number | undefined;
  readonly addedTo?: number | undefined;
  /** Camera model (exact, case-insensitive); any of these. */
  readonly cameraModels?: readonly string[] | undefined;
  readonly cameraMakes?: readonly string[] | undefined;
  /**
   * 'exact': another file has the same bytes; 'near': in a near-duplicate group (exact copies included);
   * 'none': neither. Answered from the stored groups, which the search service keeps current.
   */
  readonly duplicates?: 'exact' | 'near' | 'none' | undefined;
  readonly duplicateGroupId?: number | undefined;
  /** true: only images excluded from exports; false: only included ones. */
  readonly excluded?: boolean | undefined;
  /** Each entry must hold for the latest answer to that exact question (answer compared case-insensitively). */
  readonly vqa?: readonly { question: string; answers?: readonly string[] | undefined; minScore?: number | undefined }[] | undefined;
  readonly sort?: SearchSort | undefined;
  /** The question whose answers sort the results (sort 'vqaAnswer' / 'vqaScore'). */
  readonly sortQuestion?: string | undefined;
  readonly descending?: boolean | undefined;
}

/**
 * User text as FTS5 terms, each safe to pass to MATCH: a word or "phrase" becomes a double-quoted FTS5
 * string (inner quotes doubled), so AND/OR/NOT/NEAR, column filters, ^, -, + and parentheses are plain
 * text; a trailing * outside the quotes keeps its prefix meaning. Terms with no letter or digit (which
 * the tokenizer would drop, leaving an invalid empty query) are ignored.
 */
export function ftsTerms(text: string): string[] {
  const terms: string[] = [];
  const pattern = /"([^"]*)"?|(\S+)/gu;
  for (const match of text.matchAll(pattern)) {
    const phrase = match[1];
    let word = phrase ?? match[2]!;
    let prefix = false;
    if (phrase === undefined) {
      word = word.replaceAll('"', '');
      if (word.endsWith('*')) {
        prefix = true;
        word = word.replace(/\*+$/u, '');
      }
    }
    if (!/[\p{L}\p{N}]/u.test(word)) continue;
    terms.push(`"${word.replaceAll('"', '""')}"${prefix ? '*' : ''}`);
  }
  return terms;
}

interface Built {
  readonly where: string;
  readonly params: Record<string, unknown>;
}

function buildWhere(q: SearchQuery): Built {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  let n = 0;
  const param = (value: unknown): string => {
    const name = `p${n++}`;
    params[name] = value;
    return `@${name}`;
  };
  const list = (values: readonly unknown[]): string => values.map(param).join(', ');

  if (q.status === undefined) parts.push(`i.status != 'missing'`);
  else if (q.status !== 'all') parts.push(`i.status = ${param(q.status)}`);

  const sources = new Set<TextSource>(q.textIn && q.textIn.length > 0 ? q.textIn : ['captions', 'ocr', 'tags']);
  for (const term of ftsTerms(q.text ?? '')) {
    const t = param(term);
    const found: string[] = [];
    if (sources.has('captions')) found.push(`SELECT c.image_id FROM caption_fts f JOIN captions c ON c.id = f.rowid WHERE caption_fts MATCH ${t} AND c.status != 'rejected'`);
    if (sources.has('ocr')) found.push(`SELECT im.id FROM ocr_fts f JOIN expert_outputs e ON e.id = f.rowid JOIN images im ON im.content_hash = e.content_hash WHERE ocr_fts MATCH ${t}`);
    if (sources.has('tags')) found.push(`SELECT it.image_id FROM tag_fts f JOIN image_tags it ON it.tag_id = f.rowid WHERE tag_fts MATCH ${t}`);
    parts.push(`i.id IN (${found.join(' UNION ')})`);
  }

  if (q.folderId !== undefined) {
    parts.push(`i.folder_id = ${param(q.folderId)}`);
    if (q.relDir) {
      const d = param(q.relDir);
      parts.push(`(i.rel_dir = ${d} OR substr(i.rel_dir, 1, length(${d}) + 1) = ${d} || '/')`);
    }
  }
  if (q.reviewStatus && q.reviewStatus.length > 0) parts.push(`i.review_status IN (${list(q.reviewStatus)})`);
  if (q.flagKinds && q.flagKinds.length > 0) parts.push(`i.id IN (SELECT image_id FROM caption_flags WHERE kind IN (${list(q.flagKinds)}))`);
  if (q.flagged !== undefined) parts.push(`${q.flagged ? '' : 'NOT '}EXISTS (SELECT 1 FROM caption_flags cf WHERE cf.image_id = i.id)`);

  // Expert facts come from image_facts (migration 40): integer image ids from one index range.
  const fact = (expert: string, label: string, min: number | undefined, max: number | undefined): string => {
    const conditions = [`f.expert = '${expert}'`, `f.label = ${param(label)}`];
    if (min !== undefined) conditions.push(`f.value >= ${param(min)}`);
    if (max !== undefined) conditions.push(`f.value <= ${param(max)}`);
    return `i.id IN (SELECT f.image_id FROM image_facts f WHERE ${conditions.join(' AND ')})`;
  };
  for (const d of q.detected ?? []) {
    if (d.minScore === undefined) {
      parts.push(fact('det', d.label, d.minCount ?? 1, undefined));
      continue;
    }
    // Boxes above a score are only in the detections table.
    const having = d.minCount !== undefined && d.minCount > 1 ? ` GROUP BY d.output_id HAVING count(*) >= ${param(d.minCount)}` : '';
    parts.push(`i.content_hash IN (SELECT e.content_hash FROM detections d JOIN expert_outputs e ON e.id = d.output_id WHERE d.label = ${param(d.label)} AND d.score >= ${param(d.minScore)}${having})`);
  }
  for (const s of q.segmentation ?? []) parts.push(fact('seg', s.label, s.minShare, s.maxShare));
  if (q.hasText !== undefined) parts.push(`${q.hasText ? '' : 'NOT '}${fact('ocr', 'text', undefined, undefined)}`);
  for (const d of q.depth ?? []) parts.push(fact('depth', d.stat, d.min, d.max));
  if (q.takenFrom !== undefined) parts.push(`i.taken_at >= ${param(q.takenFrom)}`);
  if (q.takenTo !== undefined) parts.push(`i.taken_at <= ${param(q.takenTo)}`);
  if (q.addedFrom !== undefined) parts.push(`i.added_at >= ${param(q.addedFrom)}`);
  if (q.addedTo !== undefined) parts.push(`i.added_at <= ${param(q.addedTo)}`);
  if (q.cameraModels && q.cameraModels.length > 0) parts.push(`i.camera_model COLLATE NOCASE IN (${list(q.cameraModels)})`);
  if (q.cameraMakes && q.cameraMakes.length > 0) parts.push(`i.camera_make COLLATE NOCASE IN (${list(q.cameraMakes)})`);

  // The stored groups are kept by kind (exact: the same bytes), so no case groups a million rows by
  // content hash. 'near' is any group: an exact copy is the nearest duplicate there is.
  if (q.duplicates === 'exact') parts.push(`i.id IN (SELECT image_id FROM duplicate_groups WHERE kind = 'exact')`);
  if (q.duplicates === 'near') parts.push(`i.id IN (SELECT image_id FROM duplicate_groups)`);
  if (q.duplicates === 'none') parts.push(`i.id NOT IN (SELECT image_id FROM duplicate_groups)`);
  if (q.duplicateGroupId !== undefined) parts.push(`i.id IN (SELECT image_id FROM duplicate_groups WHERE group_id = ${param(q.duplicateGroupId)})`);
  if (q.excluded !== undefined) parts.push(`i.excluded = ${q.excluded ? 1 : 0}`);

  for (const v of q.vqa ?? []) {
    const question = param(v.question);
    const conditions = [`v.question = ${question}`, `v.id = (SELECT max(id) FROM vqa w WHERE w.question = ${question} AND w.image_id = v.image_id)`];
    if (v.answers && v.answers.length > 0) conditions.push(`v.answer COLLATE NOCASE IN (${list(v.answers)})`);
    if (v.minScore !== undefined) conditions.push(`v.score >= ${param(v.minScore)}`);
    parts.push(`i.id IN (SELECT v.image_id FROM vqa v WHERE ${conditions.join(' AND ')})`);
  }
  return { where: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * ORDER BY for a sort. Every order ends with status and id: status matches the search indexes of
 * migration 40 (so the "not missing" check stays inside the index), id makes pages never overlap.
 * VQA sorts are answered in two parts (see searchImageIds) and order here by id only.
 */
function buildOrder(q: SearchQuery): string {
  const direction = q.descending ? 'DESC' : 'ASC';
  const by = (columns: string[]) => [...columns, 'i.status', 'i.id'].map((c) => `${c} ${direction}`).join(', ');
  switch (q.sort ?? 'path') {
    case 'path':
      return by(['i.folder_id', 'i.rel_dir', 'i.file_name']);
    case 'name':
      return by(['i.file_name']);
    case 'taken':
      return by(['i.taken_at']);
    case 'added':
      return by(['i.added_at']);
    case 'size':
      return by(['i.size']);
    case 'review':
      return by([reviewOrder]);
    case 'detections':
      return by(['i.detection_count']);
    case 'vqaAnswer':
    case 'vqaScore':
      return `i.id ${direction}`;
  }
}

/** Needs review first, then not captioned, accepted, rejected (matched by an index in migration 40). */
export const reviewOrder = `(CASE i.review_status WHEN 'pending' THEN 0 WHEN 'none' THEN 1 WHEN 'accepted' THEN 2 ELSE 3 END)`;

export function countSearch(db: StudioDb, q: SearchQuery): number {
  const { where, params } = buildWhere(q);
  return statement<[Record<string, unknown>], { n: number }>(db, `SELECT count(*) AS n FROM images i ${where}`).get(params)!.n;
}

function isVqaSort(q: SearchQuery): boolean {
  return q.sort === 'vqaAnswer' || q.sort === 'vqaScore';
}

/**
 * One page of ids. A VQA sort is two queries: the images with an answer to the sort question, sorted by
 * it (usually a small set), then every other match by id — computing the latest answer for each of a
 * million images just to put the unanswered ones last took ~1 s.
 */
export function searchImageIds(db: StudioDb, q: SearchQuery, offset: number, limit: number): number[] {
  if (!isVqaSort(q)) {
    const { sql, params } = searchSql(q);
    return statement<[Record<string, unknown>], { id: number }>(db, sql)
      .all({ ...params, limit, offset })
      .map((r) => r.id);
  }
  const { where, params } = buildWhere(q);
  const direction = q.descending ? 'DESC' : 'ASC';
  const column = q.sort === 'vqaAnswer' ? 'v.answer COLLATE NOCASE' : 'v.score';
  // `v` is the latest answer of its image to the sort question.
  const latestAnswer = `v.question = @sortQuestion AND v.id = (SELECT max(w.id) FROM vqa w WHERE w.question = @sortQuestion AND w.image_id = v.image_id)`;
  const andWhere = where ? `${where} AND` : 'WHERE';
  const sortParams = { ...params, sortQuestion: q.sortQuestion ?? '' };
  const first = statement<[Record<string, unknown>], { id: number }>(
    db,
    `SELECT i.id FROM vqa v JOIN images i ON i.id = v.image_id ${andWhere} ${latestAnswer}
     ORDER BY ${column} ${direction}, i.id ${direction} LIMIT @limit OFFSET @offset`,
  )
    .all({ ...sortParams, limit, offset })
    .map((r) => r.id);
  if (first.length === limit) return first;
  const answeredCount =
    first.length > 0
      ? offset + first.length
      : statement<[Record<string, unknown>], { n: number }>(db, `SELECT count(*) AS n FROM vqa v JOIN images i ON i.id = v.image_id ${andWhere} ${latestAnswer}`).get(sortParams)!.n;
  const rest = statement<[Record<string, unknown>], { id: number }>(
    db,
    `SELECT i.id FROM images i ${andWhere} i.id NOT IN (SELECT v.image_id FROM vqa v WHERE ${latestAnswer}) ORDER BY i.id ${direction} LIMIT @limit OFFSET @offset`,
  )
    .all({ ...sortParams, limit: limit - first.length, offset: Math.max(0, offset - answeredCount) })
    .map((r) => r.id);
  return [...first, ...rest];
}

/** The SQL a (non-VQA-sorted) query runs, for EXPLAIN QUERY PLAN in benchmarks and tests. */
export function searchSql(q: SearchQuery): { sql: string; params: Record<string, unknown> } {
  const { where, params } = buildWhere(q);
  return { sql: `SELECT i.id FROM images i ${where} ORDER BY ${buildOrder(q)} LIMIT @limit OFFSET @offset`, params };
}

/** A search result's grid tile: the grid's tile (review status and export exclusion included). */
export type SearchTile = ImageTile;

/** Grid tiles for a page of ids, in the order given. */
export function searchTiles(db: StudioDb, ids: readonly number[]): SearchTile[] {
  if (ids.length === 0) return [];
  const rows = statement<[string], ImageTileRow>(
    db,
    `SELECT ${tileColumns}, ${tileDupesSql('i')}
     FROM images i WHERE i.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [tileFromRow(r)];
  });
}
