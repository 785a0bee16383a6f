// Runs the cross-checks (services/review/flags) on stored AI captions against the expert outputs stored
// for their image, and stores the flags, so the review queue can be filtered by them. Experts that never
// ran for the image are passed as null: their checks are skipped, not failed.
import type { StudioDb } from '../../../db/open.ts';
import { getCaption, replaceCaptionFlags } from '../../../db/queries/captions.ts';
import { getImage } from '../../../db/queries/images.ts';
import type { ExpertService } from '../experts/expertService.ts';
import { flagCaption, type FlagInput } from '../review/flags/captionFlags.ts';

type Box = readonly [number, number, number, number];

function boxOfPolygon(points: readonly (readonly [number, number])[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** What the checks read about an image, from its stored outputs. */
export function flagInputFor(db: StudioDb, experts: Pick<ExpertService, 'outputsFor'>, imageId: number): Omit<FlagInput, 'caption'> | null {
  const image = getImage(db, imageId);
  if (!image || !image.width || !image.height) return null;
  const outputs = experts.outputsFor(imageId);
  const det = outputs.find((o) => o.expert === 'det');
  const seg = outputs.find((o) => o.expert === 'seg');
  const ocr = outputs.find((o) => o.expert === 'ocr');
  const shares = seg?.stats['classShares'];
  const words = ocr?.stats['words'];
  return {
    detections: det ? det.detections.map((d) => ({ label: d.label, score: d.score, box: d.box })) : null,
    segments: seg && Array.isArray(shares) ? (shares as { label: string; share: number }[]).map((s) => ({ label: s.label, share: s.share })) : null,
    ocr:
      ocr && Array.isArray(words)
        ? (words as { text: string; polygon: [number, number][] }[]).filter((w) => w.polygon.length > 0).map((w) => ({ text: w.text, box: boxOfPolygon(w.polygon) }))
        : null,
    imageSize: { width: image.width, height: image.height },
  };
}

/** Checks these captions of one image and stores their flags (replacing earlier ones). */
export function checkCaptions(db: StudioDb, experts: Pick<ExpertService, 'outputsFor'>, imageId: number, captionIds: readonly number[]): number {
  const input = flagInputFor(db, experts, imageId);
  if (!input) return 0;
  let flagged = 0;
  db.transaction(() => {
    for (const id of captionIds) {
      const caption = getCaption(db, id);
      if (!caption) continue;
      const flags = flagCaption({ ...input, caption: caption.text });
      replaceCaptionFlags(db, id, imageId, flags);
      flagged += flags.length;
    }
  })();
  return flagged;
}
