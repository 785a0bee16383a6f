// Token-by-token generation of one sequence (transformers 4.26 `greedy_search` / `sample` for batch 1):
// `</s>` forbidden while the total length (prompt included) is below minLength; stops after `</s>` (kept in
// the output) or at maxLength total tokens. Greedy picks the most probable token, the first on ties.
import { argmax } from './logProbabilities.ts';
import type { StepDecoder } from './stepDecoder.ts';

export interface TokenByTokenOptions {
  /** Total length (prompt included) at which generation stops. */
  readonly maxLength: number;
  /** `</s>` is forbidden while the total length (prompt included) is below this. Default 0. */
  readonly minLength?: number;
  readonly eosTokenId: number;
}

export interface Generated {
  /** Prompt + generated tokens, `</s>` included when generated. */
  readonly tokens: number[];
  readonly finishedByEos: boolean;
}

/** Chooses the next token from logits where forbidden tokens are already -Infinity (may modify them). */
export type PickToken = (logits: Float32Array) => number;

export async function decodeTokenByToken<State>(
  decoder: StepDecoder<State>,
  prompt: readonly number[],
  options: TokenByTokenOptions,
  pick: PickToken,
): Promise<Generated> {
  const { maxLength, eosTokenId } = options;
  const minLength = options.minLength ?? 0;
  if (prompt.length === 0) throw new RangeError('the prompt is empty');
  if (prompt.length >= maxLength) throw new RangeError(`the prompt (${prompt.length} tokens) reaches maxLength ${maxLength}`);
  const tokens = [...prompt];
  let { logits, state } = await decoder.start([prompt]);
  try {
    for (;;) {
      const row = Float32Array.from(logits[0]!);
      if (tokens.length < minLength) row[eosTokenId] = -Infinity;
      const token = pick(row);
      tokens.push(token);
      if (token === eosTokenId) return { tokens, finishedByEos: true };
      if (tokens.length >= maxLength) return { tokens, finishedByEos: false };
      ({ logits, state } = await decoder.step(state, [token], [0]));
    }
  } finally {
    decoder.release?.(state);
  }
}

export function greedySearch<State>(
  decoder: StepDecoder<State>,
  prompt: readonly number[],
  options: TokenByTokenOptions,
): Promise<Generated> {
  return decodeTokenByToken(decoder, prompt, options, argmax);
}
