// Rank mode (Prismer's VQA benchmark answers and zero-shot classification): run the question once, keep
// the k answers whose first token is most probable after it, then score each kept answer as
//   −(Σ label-smoothed cross-entropy over the answer's tokens, `</s>` included) ÷ (number of answer tokens)
// with PyTorch's `cross_entropy(label_smoothing=ε)`: (1−ε)·(−log p_target) + ε·mean_over_vocab(−log p).
// The kept answers share the question's decoder state (origins all 0), then advance together; a shorter
// answer is padded and its padded positions are ignored. Ties (first-token probability, score) keep the
// lower position first (torch.topk / argmax leave them unspecified).
import { logSoftmax, softmax } from './logProbabilities.ts';
import type { StepDecoder } from './stepDecoder.ts';

/** k of the official configurations: VQA (k_test) and classification. */
export const vqaRankK = 16;
export const classificationRankK = 32;
export const rankLabelSmoothing = 0.1;

export interface RankOptions {
  /** How many answers to score, chosen by first-token probability. */
  readonly k: number;
  /** ε of the label smoothing. Default 0.1. */
  readonly labelSmoothing?: number;
  /** Fed after an answer's last token while longer answers go on. Default 1 (`<pad>`). */
  readonly padTokenId?: number;
}

export interface RankedAnswer {
  /** Position in the answer list given. */
  readonly index: number;
  /** −mean label-smoothed cross-entropy over the answer's tokens; higher is better. */
  readonly score: number;
  readonly firstTokenProbability: number;
}

/** PyTorch's cross_entropy(logits, target, label_smoothing=ε) for one position. */
export function labelSmoothedCrossEntropy(logits: ArrayLike<number>, target: number, epsilon: number): number {
  const logProbs = logSoftmax(logits);
  let sum = 0;
  for (let i = 0; i < logProbs.length; i++) sum += logProbs[i]!;
  return (1 - epsilon) * -logProbs[target]! + epsilon * (-sum / logProbs.length);
}

/** Positions of the k answers with the most probable first token, most probable first (ties: lower position). */
export function topKByFirstToken(
  lastLogits: ArrayLike<number>,
  answers: readonly (readonly number[])[],
  k: number,
): { index: number; probability: number }[] {
  const probs = softmax(lastLogits);
  return answers
    .map((answer, index) => ({ index, probability: probs[answer[0]!]! }))
    .sort((a, b) => b.probability - a.probability || a.index - b.index)
    .slice(0, k);
}

/**
 * Scores the k answers (token ids, each ending in `</s>`) most likely after the question (token ids,
 * `<s>` first, no `</s>`); returns them best first.
 */
export async function rankAnswers<State>(
  decoder: StepDecoder<State>,
  question: readonly number[],
  answers: readonly (readonly number[])[],
  options: RankOptions,
): Promise<RankedAnswer[]> {
  const epsilon = options.labelSmoothing ?? rankLabelSmoothing;
  const pad = options.padTokenId ?? 1;
  if (!(options.k >= 1)) throw new RangeError('k must be at least 1');
  if (question.length === 0) throw new RangeError('the question is empty');
  if (answers.some((a) => a.length === 0)) throw new RangeError('an answer has no tokens');

  let { logits, state } = await decoder.start([question]);
  try {
    const lastLogits = logits[0]!;
    const kept = topKByFirstToken(lastLogits, answers, options.k);
    const tokens = kept.map((c) => answers[c.index]!);
    const losses = tokens.map((t) => labelSmoothedCrossEntropy(lastLogits, t[0]!, epsilon));
    const longest = Math.max(...tokens.map((t) => t.length));
    for (let position = 1; position < longest; position++) {
      const fed = tokens.map((t) => t[position - 1] ?? pad);
      const origins = position === 1 ? tokens.map(() => 0) : tokens.map((_, row) => row);
      ({ logits, state } = await decoder.step(state, fed, origins));
      for (const [row, t] of tokens.entries()) {
        if (position < t.length) losses[row]! += labelSmoothedCrossEntropy(logits[row]!, t[position]!, epsilon);
      }
    }
    return kept
      .map((c, row) => ({ index: c.index, score: -losses[row]! / tokens[row]!.length, firstTokenProbability: c.probability }))
      .sort((a, b) => b.score - a.score); // stable: ties keep the top-k order
  } finally {
    decoder.release?.(state);
  }
}
