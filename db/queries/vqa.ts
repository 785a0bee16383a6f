// Questions asked about images and the answers given (generate or rank mode), newest last; and the
// latest answer per image to one question, which is what "ask across a selection" turns into a column.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

export interface VqaAlternative {
  readonly answer: string;
  readonly score: number;
}

export interface VqaRecord {
  readonly id: number;
  readonly imageId: number;
  readonly question: string;
  readonly answer: string;
  readonly mode: 'generate' | 'rank';
  readonly score: number | null;
  readonly alternatives: VqaAlternative[];
  readonly modelId: string | null;
  readonly modelHash: string | null;
  readonly createdAt: number;
}

interface Row {
  id: number;
  image_id: number;
  question: string;
  answer: string;
  mode: 'generate' | 'rank';
  score: number | null;
  alternatives_json: string | null;
  model_id: string | null;
  model_hash: string | null;
  created_at: number;
}

const toRecord = (r: Row): VqaRecord => ({
  id: r.id,
  imageId: r.image_id,
  question: r.question,
  answer: r.answer,
  mode: r.mode,
  score: r.score,
  alternatives: r.alternatives_json ? (JSON.parse(r.alternatives_json) as VqaAlternative[]) : [],
  modelId: r.model_id,
  modelHash: r.model_hash,
  createdAt: r.created_at,
});

export function insertVqa(db: StudioDb, v: Omit<VqaRecord, 'id'>): number {
  const info = statement(
    db,
    `INSERT INTO vqa (image_id, question, answer, mode, score, alternatives_json, model_id, model_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(v.imageId, v.question, v.answer, v.mode, v.score, JSON.stringify(v.alternatives), v.modelId, v.modelHash, v.createdAt);
  return Number(info.lastInsertRowid);
}

export function vqaOfImage(db: StudioDb, imageId: number): VqaRecord[] {
  return statement<[number], Row>(db, `SELECT * FROM vqa WHERE image_id = ? ORDER BY created_at, id`).all(imageId).map(toRecord);
}

/** The newest answer of each image to exactly this question. */
export function answersTo(db: StudioDb, question: string): VqaRecord[] {
  return statement<[string], Row>(
    db,
    `SELECT v.* FROM vqa v WHERE v.question = ? AND v.id = (SELECT MAX(id) FROM vqa w WHERE w.question = v.question AND w.image_id = v.image_id) ORDER BY v.image_id`,
  )
    .all(question)
    .map(toRecord);
}

export function hasAnswer(db: StudioDb, imageId: number, question: string, modelHash: string | null, mode: 'generate' | 'rank'): boolean {
  return (
    statement<[number, string, string | null, string], { n: number }>(
      db,
      `SELECT 1 AS n FROM vqa WHERE image_id = ? AND question = ? AND model_hash IS ? AND mode = ? LIMIT 1`,
    ).get(imageId, question, modelHash, mode) !== undefined
  );
}

/** Distinct questions asked, most recent first, with how many images have an answer. */
export function askedQuestions(db: StudioDb, limit = 50): { question: string; images: number; lastAskedAt: number }[] {
  return statement<[number], { question: string; images: number; last: number }>(
    db,
    `SELECT question, COUNT(DISTINCT image_id) AS images, MAX(created_at) AS last FROM vqa GROUP BY question ORDER BY last DESC LIMIT ?`,
  )
    .all(limit)
    .map((r) => ({ question: r.question, images: r.images, lastAskedAt: r.last }));
}
