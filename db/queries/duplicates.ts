// Duplicate groups in the database: the hashes the finder reads, the pixel checks it remembers and the
// pairs a user marked "not a duplicate", the groups it writes (replacing the previous result whole, exact
// and near apart), the group view (members with path, size and dimensions), and the "excluded from
// exports" mark that keeping one member of a group sets on the others.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export interface HashedImageRow {
  readonly id: number;
  readonly path: string;
  readonly phash: string | null;
  readonly phashCrops: string | null;
  readonly contentHash: string | null;
}

/** Readable images with what the finder compares (missing and unreadable files take no part). */
export function listHashedImages(db: StudioDb): HashedImageRow[] {
  return statement<[], { id: number; path: string; phash: string | null; phash_crops: string | null; content_hash: string | null }>(
    db,
    `SELECT id, path, phash, phash_crops, content_hash FROM images WHERE status = 'ok' AND content_hash IS NOT NULL ORDER BY id`,
  )
    .all()
    .map((r) => ({ id: r.id, path: r.path, phash: r.phash, phashCrops: r.phash_crops, contentHash: r.content_hash }));
}

/** Every remembered pixel check, keyed `contentA contentB` (a < b). */
export function listNearDuplicateChecks(db: StudioDb): Map<string, number> {
  const rows = statement<[], { content_a: string; content_b: string; difference: number }>(db, `SELECT content_a, content_b, difference FROM near_duplicate_checks`).all();
  return new Map(rows.map((r) => [`${r.content_a} ${r.content_b}`, r.difference]));
}

export function insertNearDuplicateCheck(db: StudioDb, contentA: string, contentB: string, difference: number): void {
  statement(db, `INSERT OR REPLACE INTO near_duplicate_checks (content_a, content_b, difference) VALUES (?, ?, ?)`).run(contentA, contentB, difference);
}

/** The pairs marked "not a duplicate", keyed `contentA contentB` (a < b). */
export function listNotDuplicatePairs(db: StudioDb): Set<string> {
  const rows = statement<[], { content_a: string; content_b: string }>(db, `SELECT content_a, content_b FROM not_duplicate_pairs`).all();
  return new Set(rows.map((r) => `${r.content_a} ${r.content_b}`));
}

/** Marks each pair as different photos; returns how many were new. */
export function insertNotDuplicatePairs(db: StudioDb, pairs: readonly (readonly [string, string])[], at: number): number {
  const insert = statement<[string, string, number]>(db, `INSERT OR IGNORE INTO not_duplicate_pairs (content_a, content_b, decided_at) VALUES (?, ?, ?)`);
  return db.transaction(() =>
    pairs.reduce((added, [x, y]) => added + insert.run(x < y ? x : y, x < y ? y : x, at).changes, 0),
  )();
}

export type DuplicateKind = 'exact' | 'near';

/** Replaces the stored groups: exact groups first, then near ones, numbered from 1 in that order. */
export function replaceDuplicateGroups(db: StudioDb, groups: { readonly exact: readonly (readonly number[])[]; readonly near: readonly (readonly number[])[] }): void {
  db.transaction(() => {
    statement(db, `DELETE FROM duplicate_groups`).run();
    const insert = statement<[number, number, DuplicateKind]>(db, `INSERT INTO duplicate_groups (group_id, image_id, kind) VALUES (?, ?, ?)`);
    let groupId = 0;
    for (const kind of ['exact', 'near'] as const) {
      for (const group of groups[kind]) {
        groupId++;
        for (const id of group) insert.run(groupId, id, kind);
      }
    }
  })();
}

export interface DuplicateMember {
  readonly id: number;
  readonly path: string;
  readonly fileName: string;
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly contentHash: string | null;
  readonly phash: string | null;
  readonly excluded: boolean;
}

export interface DuplicateGroup {
  readonly groupId: number;
  /** 'exact': every member has the same bytes; 'near': the pixels look the same. */
  readonly kind: DuplicateKind;
  /** Largest first (most pixels, then most bytes): the usual one to keep. */
  readonly members: DuplicateMember[];
}

export interface GroupFilter {
  readonly kind?: DuplicateKind | undefined;
  /** Only groups where nothing is excluded yet (still to be curated). */
  readonly unresolvedOnly?: boolean | undefined;
}

function groupHaving(filter: GroupFilter): string {
  const conditions: string[] = [];
  if (filter.kind) conditions.push(`min(g.kind) = '${filter.kind}'`);
  if (filter.unresolvedOnly) conditions.push(`sum(i.excluded) = 0`);
  return conditions.length ? `HAVING ${conditions.join(' AND ')}` : '';
}

export function countDuplicateGroups(db: StudioDb, filter: GroupFilter = {}): number {
  return statement<[], { n: number }>(
    db,
    `SELECT count(*) AS n FROM (SELECT g.group_id FROM duplicate_groups g JOIN images i ON i.id = g.image_id GROUP BY g.group_id ${groupHaving(filter)})`,
  ).get()!.n;
}

interface MemberRow {
  group_id: number;
  kind: DuplicateKind;
  id: number;
  path: string;
  file_name: string;
  size: number;
  width: number | null;
  height: number | null;
  content_hash: string | null;
  phash: string | null;
  excluded: number;
}

function toGroups(rows: MemberRow[]): DuplicateGroup[] {
  const byGroup = new Map<number, DuplicateMember[]>();
  const kinds = new Map<number, DuplicateKind>();
  for (const r of rows) {
    kinds.set(r.group_id, r.kind);
    const members = byGroup.get(r.group_id) ?? [];
    members.push({
      id: r.id,
      path: r.path,
      fileName: r.file_name,
      size: r.size,
      width: r.width,
      height: r.height,
      contentHash: r.content_hash,
      phash: r.phash,
      excluded: r.excluded === 1,
    });
    byGroup.set(r.group_id, members);
  }
  return [...byGroup].map(([groupId, members]) => ({
    groupId,
    kind: kinds.get(groupId)!,
    members,
  }));
}

const memberColumns = `g.group_id, g.kind, i.id, i.path, i.file_name, i.size, i.width, i.height, i.content_hash, i.phash, i.excluded`;
const memberOrder = `coalesce(i.width * i.height, 0) DESC, i.size DESC, i.id`;

/** One page of groups, by group id. */
export function listDuplicateGroups(db: StudioDb, filter: GroupFilter, offset: number, limit: number): DuplicateGroup[] {
  const rows = statement<[{ offset: number; limit: number }], MemberRow>(
    db,
    `WITH page AS (
       SELECT g.group_id FROM duplicate_groups g JOIN images i ON i.id = g.image_id
       GROUP BY g.group_id ${groupHaving(filter)} ORDER BY g.group_id LIMIT @limit OFFSET @offset)
     SELECT ${memberColumns} FROM page p JOIN duplicate_groups g ON g.group_id = p.group_id JOIN images i ON i.id = g.image_id
     ORDER BY g.group_id, ${memberOrder}`,
  ).all({ offset, limit });
  return toGroups(rows);
}

export function getDuplicateGroup(db: StudioDb, groupId: number): DuplicateGroup | undefined {
  const rows = statement<[number], MemberRow>(
    db,
    `SELECT ${memberColumns} FROM duplicate_groups g JOIN images i ON i.id = g.image_id WHERE g.group_id = ? ORDER BY ${memberOrder}`,
  ).all(groupId);
  return toGroups(rows)[0];
}

/** The groups an image belongs to (an exact one, a near one, both or none), exact first. */
export function groupsOfImage(db: StudioDb, imageId: number): { groupId: number; kind: DuplicateKind }[] {
  return statement<[number], { group_id: number; kind: DuplicateKind }>(db, `SELECT group_id, kind FROM duplicate_groups WHERE image_id = ? ORDER BY kind, group_id`)
    .all(imageId)
    .map((r) => ({ groupId: r.group_id, kind: r.kind }));
}

/** Every readable image holding one of these contents (what "keep one" of a near group excludes). */
export function imagesWithContents(db: StudioDb, contentHashes: readonly string[]): number[] {
  const select = statement<[string], { id: number }>(db, `SELECT id FROM images WHERE content_hash = ?`);
  return contentHashes.flatMap((c) => select.all(c).map((r) => r.id));
}

/** Sets or clears the export exclusion on these images; returns how many rows changed. */
export function setExcluded(db: StudioDb, imageIds: readonly number[], excluded: boolean): number {
  const update = statement<[{ id: number; excluded: number }]>(db, `UPDATE images SET excluded = @excluded WHERE id = @id AND excluded != @excluded`);
  const value = excluded ? 1 : 0;
  return db.transaction(() => imageIds.reduce((changed, id) => changed + update.run({ id, excluded: value }).changes, 0))();
}
