// How Prismer's answer and tag scores read. The backend stores them as the model gives them, on a log
// scale where higher is better (rank mode and tags: the answer's mean token log-probability; generate
// mode: the beam score, whose length penalty makes it no probability at all) — unlike captions, which
// are stored as 0–1 confidences. So: rank answers and tags show exp(score) as a percentage (the
// geometric-mean token probability, as captions do); generate answers show the beam score itself; and
// alternatives get bars by their softmax share, which compares them without pretending to more.

export type AnswerMode = 'generate' | 'rank';

/** A log-scale score as 0–1; a value already in (0, 1] (a confidence) is kept. */
export function confidenceOfLogScore(score: number): number {
  if (!Number.isFinite(score)) return 0;
  if (score > 0) return Math.min(1, score);
  return Math.exp(score);
}

/** "83%" for rank answers and tags, "−6.12" for a generated answer's beam score; null without a score. */
export function answerScoreText(mode: AnswerMode, score: number | null): string | null {
  if (score === null || !Number.isFinite(score)) return null;
  if (mode === 'generate') return score.toFixed(2).replace('-', '−');
  return `${Math.round(confidenceOfLogScore(score) * 100)}%`;
}

/** Each alternative's share of exp(score) among those listed (they sum to 1); uniform if all are equal. */
export function alternativeShares(scores: readonly number[]): number[] {
  if (scores.length === 0) return [];
  const finite = scores.map((s) => (Number.isFinite(s) ? s : -Infinity));
  const top = Math.max(...finite);
  if (top === -Infinity) return scores.map(() => 1 / scores.length);
  const weights = finite.map((s) => Math.exp(s - top));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
