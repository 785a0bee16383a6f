// Saved views: a named search query stored as JSON. This module stores and reads the text; the search
// service validates the JSON on every read, because a view saved by an older build (or edited by hand)
// may no longer be a valid query.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export interface SavedViewRow {
  readonly id: number;
  readonly name: string;
  readonly queryJson: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

interface Row {
  id: number;
  name: string;
  query_json: string;
  created_at: number;
  updated_at: number;
}

const toRow = (r: Row): SavedViewRow => ({ id: r.id, name: r.name, queryJson: r.query_json, createdAt: r.created_at, updatedAt: r.updated_at });

export function listSavedViews(db: StudioDb): SavedViewRow[] {
  return statement<[], Row>(db, `SELECT * FROM saved_views ORDER BY name COLLATE NOCASE, id`).all().map(toRow);
}

export function getSavedView(db: StudioDb, id: number): SavedViewRow | undefined {
  const r = statement<[number], Row>(db, `SELECT * FROM saved_views WHERE id = ?`).get(id);
  return r && toRow(r);
}

export function findSavedViewByName(db: StudioDb, name: string): SavedViewRow | undefined {
  const r = statement<[string], Row>(db, `SELECT * FROM saved_views WHERE name = ?`).get(name);
  return r && toRow(r);
}

export function insertSavedView(db: StudioDb, name: string, queryJson: string, now: number): number {
  return Number(statement(db, `INSERT INTO saved_views (name, query_json, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(name, queryJson, now, now).lastInsertRowid);
}

/** Returns false when there is no such view. */
export function updateSavedView(db: StudioDb, id: number, change: { name?: string; queryJson?: string }, now: number): boolean {
  return (
    statement(db, `UPDATE saved_views SET name = coalesce(@name, name), query_json = coalesce(@query, query_json), updated_at = @now WHERE id = @id`).run({
      id,
      name: change.name ?? null,
      query: change.queryJson ?? null,
      now,
    }).changes > 0
  );
}

export function deleteSavedView(db: StudioDb, id: number): boolean {
  return statement(db, `DELETE FROM saved_views WHERE id = ?`).run(id).changes > 0;
}
