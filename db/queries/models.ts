// Installed models (one row per model file the studio downloaded or imported; files shipped in npm packages
// need none), the checksums recorded at each source's first download, and the latest install job per model.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';
import type { JobState } from './jobs.ts';

export interface InstalledModel {
  /** Catalog id, or the id given to an imported file. */
  readonly id: string;
  readonly task: string;
  /** Hub revision, 'local' for imported files. */
  readonly version: string;
  readonly path: string;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly licence: string | null;
  /** Where it came from ({hub: …} or {local: {importedFrom}}). */
  readonly source: unknown;
  /** The file's sha256 was compared with an expected value (catalog, first download, or the Hub's). */
  readonly verified: boolean;
  readonly installedAt: number;
}

interface ModelRow {
  id: string;
  task: string;
  version: string;
  path: string;
  sha256: string | null;
  size: number | null;
  licence: string | null;
  source_json: string;
  verified: number;
  installed_at: number;
}

function toModel(r: ModelRow): InstalledModel {
  return {
    id: r.id,
    task: r.task,
    version: r.version,
    path: r.path,
    sha256: r.sha256,
    size: r.size,
    licence: r.licence,
    source: JSON.parse(r.source_json),
    verified: r.verified === 1,
    installedAt: r.installed_at,
  };
}

export function listInstalledModels(db: StudioDb): InstalledModel[] {
  return statement<[], ModelRow>(db, `SELECT * FROM models ORDER BY id`).all().map(toModel);
}

export function getInstalledModel(db: StudioDb, id: string): InstalledModel | undefined {
  const row = statement<[string], ModelRow>(db, `SELECT * FROM models WHERE id = ?`).get(id);
  return row && toModel(row);
}

/** Inserts or replaces the row of a model. */
export function saveInstalledModel(db: StudioDb, model: InstalledModel): void {
  statement(
    db,
    `INSERT INTO models (id, task, version, path, sha256, size, licence, source_json, verified, installed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET task = excluded.task, version = excluded.version, path = excluded.path,
       sha256 = excluded.sha256, size = excluded.size, licence = excluded.licence, source_json = excluded.source_json,
       verified = excluded.verified, installed_at = excluded.installed_at`,
  ).run(
    model.id,
    model.task,
    model.version,
    model.path,
    model.sha256,
    model.size,
    model.licence,
    JSON.stringify(model.source ?? {}),
    model.verified ? 1 : 0,
    model.installedAt,
  );
}

export function deleteInstalledModel(db: StudioDb, id: string): boolean {
  return statement(db, `DELETE FROM models WHERE id = ?`).run(id).changes > 0;
}

export interface RecordedChecksum {
  readonly sourceKey: string;
  readonly modelId: string;
  readonly sha256: string;
  readonly size: number;
  readonly recordedAt: number;
}

interface ChecksumRow {
  source_key: string;
  model_id: string;
  sha256: string;
  size: number;
  recorded_at: number;
}

export function getRecordedChecksum(db: StudioDb, sourceKey: string): RecordedChecksum | undefined {
  const row = statement<[string], ChecksumRow>(db, `SELECT * FROM model_checksums WHERE source_key = ?`).get(sourceKey);
  return row && { sourceKey: row.source_key, modelId: row.model_id, sha256: row.sha256, size: row.size, recordedAt: row.recorded_at };
}

/** Records a source's checksum at its first download; a later call for the same source changes nothing. */
export function recordChecksumOnce(db: StudioDb, checksum: RecordedChecksum): boolean {
  const r = statement(
    db,
    `INSERT INTO model_checksums (source_key, model_id, sha256, size, recorded_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (source_key) DO NOTHING`,
  ).run(checksum.sourceKey, checksum.modelId, checksum.sha256, checksum.size, checksum.recordedAt);
  return r.changes > 0;
}

/** Drops one source's recorded checksum (a download that proved unusable must not become the reference). */
export function forgetChecksum(db: StudioDb, sourceKey: string): boolean {
  return statement(db, `DELETE FROM model_checksums WHERE source_key = ?`).run(sourceKey).changes > 0;
}

export function forgetChecksums(db: StudioDb, modelId: string): number {
  return statement(db, `DELETE FROM model_checksums WHERE model_id = ?`).run(modelId).changes;
}

export interface ModelJob {
  readonly modelId: string;
  readonly jobId: number;
  readonly state: JobState;
  readonly error: string | null;
}

/** The newest job of `kind` for each model id (jobs whose parameters carry `{id}`). */
export function latestModelJobs(db: StudioDb, kind: string): Map<string, ModelJob> {
  const rows = statement<[string, string], { model_id: string; id: number; state: ModelJob['state']; error: string | null }>(
    db,
    `SELECT json_extract(params_json, '$.id') AS model_id, id, state, error FROM jobs
      WHERE id IN (SELECT max(id) FROM jobs WHERE kind = ? GROUP BY json_extract(params_json, '$.id'))
        AND kind = ?`,
  ).all(kind, kind);
  return new Map(rows.filter((r) => typeof r.model_id === 'string').map((r) => [r.model_id, { modelId: r.model_id, jobId: r.id, state: r.state, error: r.error }]));
}
