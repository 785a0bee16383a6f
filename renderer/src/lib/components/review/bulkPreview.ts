// "Accept candidates above a score": the preview before applying. The rule matches the backend's
// bulk accept (captions.bulkAccept): a pending image is accepted when its best candidate scores at least
// the threshold. Computed here from the reviews the queue has loaded, so the dialog needs no count method.
import type { ImageReview } from '../../api/types.ts';

/** The best candidate's score of a pending image; null when the image would not be bulk-accepted at any threshold. */
export function bestCandidateScore(review: Pick<ImageReview, 'reviewStatus' | 'captions'>): number | null {
  if (review.reviewStatus !== 'pending') return null;
  let best: number | null = null;
  for (const c of review.captions) {
    if (c.status !== 'candidate' || c.score === null) continue;
    if (best === null || c.score > best) best = c.score;
  }
  return best;
}

/** How many of these best scores reach `minScore` (scores compared as the backend does: >=). */
export function countAtLeast(bestScores: Iterable<number | null>, minScore: number): number {
  let n = 0;
  for (const s of bestScores) if (s !== null && s >= minScore) n++;
  return n;
}

/** Ten bars (0–10%, …, 90–100%) of best scores, for the slider's background. */
export function scoreHistogram(bestScores: Iterable<number | null>): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const s of bestScores) {
    if (s === null) continue;
    bins[Math.min(9, Math.max(0, Math.floor(s * 10)))]! += 1;
  }
  return bins;
}
