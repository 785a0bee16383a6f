// Sampling one sequence, transformers 4.26 `sample` with its warpers in 4.26's order: temperature, then
// top-k (ties with the k-th value kept), then top-p (the smallest tokens are dropped while their
// cumulative probability, in ascending order, is ≤ 1 − top_p; the most probable token always stays).
// 4.26's defaults: temperature 1, top_k 50, top_p 1 (off). The draw uses our seeded generator, not torch's.
import { decodeTokenByToken, type Generated, type PickToken, type TokenByTokenOptions } from './greedy.ts';
import { softmax } from './logProbabilities.ts';
import type { StepDecoder } from './stepDecoder.ts';

export interface SamplingOptions extends TokenByTokenOptions {
  /** Default 1. Must be > 0. */
  readonly temperature?: number;
  /** Keep the k highest logits (0: off). Default 50, as 4.26. */
  readonly topK?: number;
  /** Keep the most probable tokens up to this cumulative probability (1: off). Default 1. */
  readonly topP?: number;
  /** Uniform numbers in [0, 1), e.g. `seededRandom(seed)`. */
  readonly random: () => number;
}

/** TemperatureLogitsWarper, TopKLogitsWarper and TopPLogitsWarper (min_tokens_to_keep 1), in place. */
export function warpLogits(logits: Float32Array, temperature = 1, topK = 50, topP = 1): Float32Array {
  if (!(temperature > 0)) throw new RangeError('temperature must be > 0');
  if (temperature !== 1) for (let i = 0; i < logits.length; i++) logits[i] = logits[i]! / temperature;
  if (topK !== 0) {
    const k = Math.min(Math.max(topK, 1), logits.length);
    const threshold = [...logits].sort((a, b) => b - a)[k - 1]!;
    for (let i = 0; i < logits.length; i++) if (logits[i]! < threshold) logits[i] = -Infinity;
  }
  if (topP < 1) {
    // Ascending order; torch.sort leaves the order of equal logits unspecified, we keep index order.
    const order = [...logits.keys()].sort((a, b) => logits[a]! - logits[b]! || a - b);
    const probs = softmax(logits);
    let cumulative = 0;
    for (const [rank, index] of order.entries()) {
      cumulative += probs[index]!;
      if (rank === order.length - 1 || cumulative > 1 - topP) break;
      logits[index] = -Infinity;
    }
  }
  return logits;
}

/** Index drawn from the probabilities by inverse CDF; `u` in [0, 1). */
export function drawIndex(probabilities: ArrayLike<number>, u: number): number {
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < probabilities.length; i++) {
    if (probabilities[i]! <= 0) continue;
    cumulative += probabilities[i]!;
    last = i;
    if (u < cumulative) return i;
  }
  return last; // rounding left the total just under 1
}

/** The token chooser of `sample`: warp the logits, then draw from their softmax with the next number of `random`. */
export function samplingPick(options: Pick<SamplingOptions, 'temperature' | 'topK' | 'topP' | 'random'>): PickToken {
  return (logits) => drawIndex(softmax(warpLogits(logits, options.temperature, options.topK, options.topP)), options.random());
}

export function sample<State>(
  decoder: StepDecoder<State>,
  prompt: readonly number[],
  options: SamplingOptions,
): Promise<Generated> {
  return decodeTokenByToken(decoder, prompt, options, samplingPick(options));
}
