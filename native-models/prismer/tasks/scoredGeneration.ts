// Greedy and sampled generation with a score, so their candidates rank like beam search's: the sum of the
// generated tokens' log-probabilities (unconstrained distribution, as 4.26's beam scores) divided by
// length ** lengthPenalty, the length counting the prompt and not a final `</s>`.
import { decodeTokenByToken, type Generated, type PickToken, type TokenByTokenOptions } from '../generation/greedy.ts';
import { logSoftmax } from '../generation/logProbabilities.ts';
import type { DecoderOutput, StepDecoder } from '../generation/stepDecoder.ts';

export interface ScoredGeneration extends Generated {
  readonly sumLogProbs: number;
  readonly score: number;
}

/** Passes calls through and keeps row 0's logits of every call (token-by-token decoding has one row). */
class RecordingDecoder<State> implements StepDecoder<State> {
  readonly logits: Float32Array[] = [];
  readonly #inner: StepDecoder<State>;

  constructor(inner: StepDecoder<State>) {
    this.#inner = inner;
  }

  #record(out: DecoderOutput<State>): DecoderOutput<State> {
    this.logits.push(out.logits[0]!);
    return out;
  }

  async start(prefixes: readonly (readonly number[])[]): Promise<DecoderOutput<State>> {
    return this.#record(await this.#inner.start(prefixes));
  }

  async step(state: State, tokens: readonly number[], origins: readonly number[]): Promise<DecoderOutput<State>> {
    return this.#record(await this.#inner.step(state, tokens, origins));
  }

  release(state: State): void {
    this.#inner.release?.(state);
  }
}

export async function scoredTokenByToken<State>(
  decoder: StepDecoder<State>,
  prompt: readonly number[],
  options: TokenByTokenOptions,
  pick: PickToken,
  lengthPenalty = 1,
): Promise<ScoredGeneration> {
  const recording = new RecordingDecoder(decoder);
  const generated = await decodeTokenByToken(recording, prompt, options, pick);
  let sumLogProbs = 0;
  for (let j = prompt.length; j < generated.tokens.length; j++) {
    sumLogProbs += logSoftmax(recording.logits[j - prompt.length]!)[generated.tokens[j]!]!;
  }
  const length = generated.tokens.length - (generated.finishedByEos ? 1 : 0);
  return { ...generated, sumLogProbs, score: sumLogProbs / length ** lengthPenalty };
}
