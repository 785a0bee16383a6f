// Duplicate groups in the database: the hashes the finder reads, the groups it writes (replacing the
// previous result whole), the group view (members with path, size and dimensions), and the "excluded
// from exports" mark that keeping one member of a group sets on the others.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export interface HashedImageRow {
  readonly id: number;
  readonly phash: string | null;
  readonly contentHash: string | null;
}

/** Readable images with what the finder compares (missing and unreadable files take no part). */
export function listHashedImages(db: StudioDb): HashedImageRow[] {
  return statement<[], { id: number; phash: string | null; content_hash: string | null }>(
    db,
    `SELECT id, phash, content_hash FROM images WHERE status = 'ok' AND (phash IS NOT NULL OR content_hash IS NOT NULL) ORDER BY id`,
  )
    .all()
    .map((r) => ({ id: r.id, phash: r.phash, contentHash: r.content_hash }));
}

/** Replaces the stored groups; each group's id is its smallest image id. */
export function replaceDuplicateGroups(db: StudioDb, groups: readonly (readonly number[])[]): void {
  db.transaction(() => {
    statement(db, `DELETE FROM duplicate_groups`).run();
    const insert = statement<[number, number]>(db, `INSERT INTO duplicate_groups (image_id, group_id) VALUES (?, ?)`);
    for (const group of groups) {
      const groupId = Math.min(...group);
      for (const id of group) insert.run(id, groupId);
    }
  })();
}

export type DuplicateKind = 'exact' | 'near';

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
  if (filter.kind === 'exact') conditions.push(`count(DISTINCT i.content_hash) = 1 AND count(i.content_hash) = count(*)`);
  if (filter.kind === 'near') conditions.push(`NOT (count(DISTINCT i.content_hash) = 1 AND count(i.content_hash) = count(*))`);
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
  for (const r of rows) {
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
    kind: members.every((m) => m.contentHash !== null && m.contentHash === members[0]!.contentHash) ? 'exact' : 'near',
    members,
  }));
}

const memberColumns = `g.group_id, i.id, i.path, i.file_name, i.size, i.width, i.height, i.content_hash, i.phash, i.excluded`;
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

/** The group an image belongs to, if any. */
export function groupOfImage(db: StudioDb, imageId: number): number | undefined {
  return statement<[number], { group_id: number }>(db, `SELECT group_id FROM duplicate_groups WHERE image_id = ?`).get(imageId)?.group_id;
}

/** Sets or clears the export exclusion on these images; returns how many rows changed. */
export function setExcluded(db: StudioDb, imageIds: readonly number[], excluded: boolean): number {
  const update = statement<[{ id: number; excluded: number }]>(db, `UPDATE images SET excluded = @excluded WHERE id = @id AND excluded != @excluded`);
  const value = excluded ? 1 : 0;
  return db.transaction(() => imageIds.reduce((changed, id) => changed + update.run({ id, excluded: value }).changes, 0))();
}
