// Beam search for one prompt, as Hugging Face transformers 4.26 does it (`GenerationMixin.beam_search`
// with `BeamSearchScorer`/`BeamHypotheses`), so captions and VQA generate-mode answers match the official
// code token for token. The places where 4.26 behaves surprisingly are marked "4.26:".
//
// 4.26: lengths are total sequence lengths, prompt included: min_length/max_length, the length in the
//   length penalty, and the `cur_len` of the stopping rule. (Later versions count generated tokens only.)
// 4.26: a finished hypothesis is stored WITHOUT its `</s>`; its length penalty uses that shorter length,
//   and `finalize` appends the `</s>` again when it returns it.
// 4.26: min_length sets the `</s>` score to -inf AFTER log-softmax: the other tokens are not renormalised,
//   so scores are plain log-probabilities of the unconstrained distribution.
// 4.26: the search starts with num_beams copies of the prompt, beam 0 scored 0 and the others -1e9 (not
//   -inf): with a tiny vocabulary (fewer than 2·num_beams usable tokens) a copy's candidates can be chosen.
//   We run the prompt once and let the copies share its logits; the first `step` then expands row 0.
// 4.26: a `</s>` candidate ranked num_beams or lower among the 2·num_beams is dropped (not finished, not
//   continued); a finished hypothesis replaces the worst kept one only when strictly better.
// 4.26: the stopping rule (early_stopping=False) compares the worst kept hypothesis with
//   best_candidate_sum / cur_len ** length_penalty, where best_candidate is the best of all 2·num_beams
//   candidates (a `</s>` one included) and cur_len is the length BEFORE the new token. It is a heuristic,
//   not a bound: with length_penalty > 0 a running beam can still finish better later, and the search
//   continues after num_beams hypotheses are finished as long as the rule says so.
// 4.26: at max_length every running beam is offered to the kept hypotheses (scored with length
//   max_length, no `</s>` appended) unless the search was already done.
// Ties: torch.topk does not specify the order of equal candidates; we take the lower beam, then the lower
// token first. Scores are float64 here, float32 in PyTorch (where -1e9 + logp rounds to -1e9).
import { logSoftmax } from './logProbabilities.ts';
import type { StepDecoder } from './stepDecoder.ts';

export interface BeamSearchOptions {
  readonly numBeams: number;
  /** Total length (prompt included) at which the running beams are stopped. */
  readonly maxLength: number;
  /** `</s>` is forbidden while the total length (prompt included) is below this. Default 0. */
  readonly minLength?: number;
  /** Exponent of the length in `sum_logprobs / length ** length_penalty`. Default 1. */
  readonly lengthPenalty?: number;
  /** True: stop as soon as num_beams hypotheses are finished. Default false (the 4.26 heuristic). */
  readonly earlyStopping?: boolean;
  /** How many hypotheses to return, best first. Default 1; at most numBeams. */
  readonly numReturnSequences?: number;
  readonly eosTokenId: number;
  /** Called after each step with the running beams (the rows the decoder now holds, in order). */
  readonly onStep?: (beams: readonly RunningBeam[]) => void;
}

export interface RunningBeam {
  readonly tokens: readonly number[];
  /** Sum of the log-probabilities of the generated tokens. */
  readonly sumLogProbs: number;
}

/** A returned sequence: prompt + generated tokens (+ `</s>` if it finished by `</s>`), and its score. */
export interface Hypothesis {
  readonly tokens: number[];
  /** sum_logprobs / length ** length_penalty (length without the final `</s>`, prompt included). */
  readonly score: number;
  readonly finishedByEos: boolean;
}

interface Kept {
  readonly tokens: readonly number[];
  readonly score: number;
  readonly finishedByEos: boolean;
}

/** `BeamHypotheses`: the num_beams best finished hypotheses, in insertion order as Python keeps them. */
class KeptHypotheses {
  readonly beams: Kept[] = [];
  private worstScore = 1e9;
  private readonly numBeams: number;
  private readonly lengthPenalty: number;
  private readonly earlyStopping: boolean;

  constructor(numBeams: number, lengthPenalty: number, earlyStopping: boolean) {
    this.numBeams = numBeams;
    this.lengthPenalty = lengthPenalty;
    this.earlyStopping = earlyStopping;
  }

  add(tokens: readonly number[], sumLogProbs: number, finishedByEos: boolean): void {
    const score = sumLogProbs / tokens.length ** this.lengthPenalty;
    if (this.beams.length < this.numBeams || score > this.worstScore) {
      this.beams.push({ tokens, score, finishedByEos });
      if (this.beams.length > this.numBeams) {
        // sorted((s, idx)): the lowest score goes, the earliest added among equals.
        const sorted = this.beams.map((b, i) => [b.score, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        this.beams.splice(sorted[0]![1], 1);
        this.worstScore = sorted[1]![0];
      } else {
        this.worstScore = Math.min(score, this.worstScore);
      }
    }
  }

  isDone(bestSumLogProbs: number, curLen: number): boolean {
    if (this.beams.length < this.numBeams) return false;
    if (this.earlyStopping) return true;
    return this.worstScore >= bestSumLogProbs / curLen ** this.lengthPenalty;
  }
}

interface Candidate {
  readonly score: number;
  readonly beam: number;
  readonly token: number;
}

/** The `count` best (beam, token) pairs, best first; equal scores: lower beam, then lower token first. */
function topCandidates(scores: readonly Float64Array[], beamScores: readonly number[], count: number): Candidate[] {
  const top: Candidate[] = [];
  for (let beam = 0; beam < beamScores.length; beam++) {
    const row = scores[beam]!;
    const base = beamScores[beam]!;
    for (let token = 0; token < row.length; token++) {
      const score = base + row[token]!;
      if (top.length === count && !(score > top[count - 1]!.score)) continue;
      let at = top.length;
      while (at > 0 && score > top[at - 1]!.score) at--;
      top.splice(at, 0, { score, beam, token });
      if (top.length > count) top.pop();
    }
  }
  return top;
}

export async function beamSearch<State>(
  decoder: StepDecoder<State>,
  prompt: readonly number[],
  options: BeamSearchOptions,
): Promise<Hypothesis[]> {
  const { numBeams, maxLength, eosTokenId } = options;
  const minLength = options.minLength ?? 0;
  const numReturn = options.numReturnSequences ?? 1;
  if (!(numBeams >= 1)) throw new RangeError('numBeams must be at least 1');
  if (numReturn > numBeams) throw new RangeError('numReturnSequences must not exceed numBeams');
  if (prompt.length === 0) throw new RangeError('the prompt is empty');
  if (prompt.length >= maxLength) throw new RangeError(`the prompt (${prompt.length} tokens) reaches maxLength ${maxLength}`);

  const kept = new KeptHypotheses(numBeams, options.lengthPenalty ?? 1, options.earlyStopping ?? false);
  let beams: readonly number[][] = Array.from({ length: numBeams }, () => [...prompt]);
  let beamScores: readonly number[] = Array.from({ length: numBeams }, (_, i) => (i === 0 ? 0 : -1e9));
  let rowOfBeam: readonly number[] = beams.map(() => 0); // the prompt's copies share decoder row 0
  let curLen = prompt.length;
  let done = false;

  let { logits, state } = await decoder.start([prompt]);
  try {
    for (;;) {
      const rowScores = logits.map((row) => {
        const scores = logSoftmax(row);
        if (curLen < minLength) scores[eosTokenId] = -Infinity;
        return scores;
      });
      const candidates = topCandidates(
        rowOfBeam.map((row) => rowScores[row]!),
        beamScores,
        2 * numBeams,
      );

      // BeamSearchScorer.process
      const next: Candidate[] = [];
      for (const [rank, candidate] of candidates.entries()) {
        if (candidate.token === eosTokenId) {
          if (rank >= numBeams) continue;
          kept.add(beams[candidate.beam]!, candidate.score, true);
        } else {
          next.push(candidate);
        }
        if (next.length === numBeams) break;
      }
      if (next.length < numBeams) throw new Error('fewer than numBeams candidates that are not </s>');
      done = kept.isDone(candidates[0]!.score, curLen);

      const origins = next.map((c) => rowOfBeam[c.beam]!);
      beams = next.map((c) => [...beams[c.beam]!, c.token]);
      beamScores = next.map((c) => c.score);
      curLen++;
      options.onStep?.(beams.map((tokens, i) => ({ tokens, sumLogProbs: beamScores[i]! })));
      if (done || curLen >= maxLength) break;

      ({ logits, state } = await decoder.step(state, next.map((c) => c.token), origins));
      rowOfBeam = beams.map((_, i) => i);
    }
  } finally {
    decoder.release?.(state);
  }

  // BeamSearchScorer.finalize
  if (!done) for (let i = 0; i < numBeams; i++) kept.add(beams[i]!, beamScores[i]!, false);
  // sorted(key=score) is stable and pop() takes from the end: among equal scores the later added first.
  const ranked = [...kept.beams].sort((a, b) => a.score - b.score).reverse().slice(0, numReturn);
  // `</s>` is appended when the hypothesis is shorter than min(longest kept + 1, max_length): that is
  // exactly the hypotheses that finished by `</s>` (running beams stopped at max_length are that long).
  const longest = Math.max(...ranked.map((h) => h.tokens.length));
  const width = Math.min(longest + 1, maxLength);
  return ranked.map((h) => ({
    tokens: h.tokens.length < width ? [...h.tokens, eosTokenId] : [...h.tokens],
    score: h.score,
    finishedByEos: h.finishedByEos,
  }));
}
