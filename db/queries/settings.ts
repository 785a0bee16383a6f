// Key/value settings stored as JSON; the schema of each value is owned by the settings service.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export function readSettings(db: StudioDb): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of statement<[], { key: string; value_json: string }>(db, `SELECT key, value_json FROM settings`).all()) {
    out[row.key] = JSON.parse(row.value_json);
  }
  return out;
}

export function writeSetting(db: StudioDb, key: string, value: unknown): void {
  statement(db, `INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json`).run(
    key,
    JSON.stringify(value),
  );
}
