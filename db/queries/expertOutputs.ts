// Expert outputs per content hash × expert × model version: the saved label map's path, statistics,
// searchable text (OCR), and detections as rows so the library can be filtered by detected class.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export type ExpertName = 'depth' | 'normal' | 'edge' | 'seg' | 'det' | 'ocr';

export interface StoredDetection {
  readonly classId: number;
  readonly label: string;
  readonly score: number;
  readonly box: readonly [number, number, number, number];
}

export interface ExpertOutputRecord {
  readonly id: number;
  readonly contentHash: string;
  readonly expert: ExpertName;
  readonly modelId: string;
  readonly modelVersion: string;
  readonly mapPath: string | null;
  readonly stats: Record<string, unknown>;
  readonly text: string | null;
  readonly isFallback: boolean;
  readonly createdAt: number;
}

export interface NewExpertOutput extends Omit<ExpertOutputRecord, 'id' | 'createdAt'> {
  readonly detections?: readonly StoredDetection[];
}

interface Row {
  id: number;
  content_hash: string;
  expert: ExpertName;
  model_id: string;
  model_version: string;
  map_path: string | null;
  stats_json: string;
  text: string | null;
  is_fallback: number;
  created_at: number;
}

function toRecord(r: Row): ExpertOutputRecord {
  return {
    id: r.id,
    contentHash: r.content_hash,
    expert: r.expert,
    modelId: r.model_id,
    modelVersion: r.model_version,
    mapPath: r.map_path,
    stats: JSON.parse(r.stats_json) as Record<string, unknown>,
    text: r.text,
    isFallback: r.is_fallback === 1,
    createdAt: r.created_at,
  };
}

/** Replaces any earlier output of the same expert and model version for this content. */
export function saveExpertOutput(db: StudioDb, output: NewExpertOutput, now: number): number {
  return db.transaction(() => {
    statement(db, `DELETE FROM expert_outputs WHERE content_hash = ? AND expert = ? AND model_version = ?`).run(output.contentHash, output.expert, output.modelVersion);
    const id = Number(
      statement(
        db,
        `INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, map_path, stats_json, text, is_fallback, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(output.contentHash, output.expert, output.modelId, output.modelVersion, output.mapPath, JSON.stringify(output.stats), output.text, output.isFallback ? 1 : 0, now)
        .lastInsertRowid,
    );
    for (const d of output.detections ?? []) {
      statement(db, `INSERT INTO detections (output_id, class_id, label, score, x0, y0, x1, y1) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(id, d.classId, d.label, d.score, ...d.box);
    }
    return id;
  })();
}

export function hasExpertOutput(db: StudioDb, contentHash: string, expert: ExpertName, modelVersion: string): boolean {
  return (
    statement<[string, string, string], { n: number }>(db, `SELECT count(*) AS n FROM expert_outputs WHERE content_hash = ? AND expert = ? AND model_version = ?`).get(
      contentHash,
      expert,
      modelVersion,
    )!.n > 0
  );
}

/** The newest output of each expert for this content. */
export function latestExpertOutputs(db: StudioDb, contentHash: string): ExpertOutputRecord[] {
  return statement<[string], Row>(
    db,
    `SELECT * FROM expert_outputs o WHERE content_hash = ?
       AND id = (SELECT id FROM expert_outputs p WHERE p.content_hash = o.content_hash AND p.expert = o.expert ORDER BY created_at DESC, id DESC LIMIT 1)
     ORDER BY expert`,
  )
    .all(contentHash)
    .map(toRecord);
}

export function detectionsOf(db: StudioDb, outputId: number): StoredDetection[] {
  return statement<[number], { class_id: number; label: string; score: number; x0: number; y0: number; x1: number; y1: number }>(
    db,
    `SELECT class_id, label, score, x0, y0, x1, y1 FROM detections WHERE output_id = ? ORDER BY score DESC`,
  )
    .all(outputId)
    .map((r) => ({ classId: r.class_id, label: r.label, score: r.score, box: [r.x0, r.y0, r.x1, r.y1] as const }));
}
