// The values the search panel offers to pick from, with how many images have each: cameras, detected
// and segmented classes, caption flag kinds and VQA questions asked. Counts are of rows, capped lists.
import type { StudioDb } from '../open.ts';
import { statement } from '../statements.ts';

const cap = 500;

export function cameraFacets(db: StudioDb): { make: string | null; model: string | null; count: number }[] {
  return statement<[], { make: string | null; model: string | null; count: number }>(
    db,
    `SELECT camera_make AS make, camera_model AS model, count(*) AS count FROM images
     WHERE status != 'missing' AND (camera_make IS NOT NULL OR camera_model IS NOT NULL)
     GROUP BY camera_model, camera_make ORDER BY count DESC LIMIT ${cap}`,
  ).all();
}

export function detectedLabelFacets(db: StudioDb): { label: string; count: number }[] {
  return statement<[], { label: string; count: number }>(
    db,
    `SELECT label, count(DISTINCT output_id) AS count FROM detections GROUP BY label ORDER BY count DESC, label LIMIT ${cap}`,
  ).all();
}

export function segmentationLabelFacets(db: StudioDb): { label: string; count: number }[] {
  return statement<[], { label: string; count: number }>(
    db,
    `SELECT label, count(*) AS count FROM seg_class_shares GROUP BY label ORDER BY count DESC, label LIMIT ${cap}`,
  ).all();
}

export function flagKindFacets(db: StudioDb): { kind: string; count: number }[] {
  return statement<[], { kind: string; count: number }>(
    db,
    `SELECT kind, count(DISTINCT image_id) AS count FROM caption_flags GROUP BY kind ORDER BY count DESC, kind`,
  ).all();
}

export function questionFacets(db: StudioDb): { question: string; count: number }[] {
  return statement<[], { question: string; count: number }>(
    db,
    `SELECT question, count(DISTINCT image_id) AS count FROM vqa GROUP BY question ORDER BY count DESC, question LIMIT ${cap}`,
  ).all();
}
