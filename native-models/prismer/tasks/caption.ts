// Captioning one image (spec §5): by default the official settings, beam search with 3 beams after the
// prompt "A picture of", max_length 20 and min_length 8 counted with the prompt, length penalty 1.0;
// greedy decoding and seeded sampling on request, several candidates with their scores. The text is
// what demo.py writes (prompt dropped, capitalised, '.').
import { beamSearch } from '../generation/beamSearch.ts';
import { argmax } from '../generation/logProbabilities.ts';
import { seededRandom } from '../generation/random.ts';
import { samplingPick } from '../generation/sampling.ts';
import { captionFromGenerated, captionPrefix, captionPrompt, generatedCaption } from '../tokenizer/prismerText.ts';
import { scoredTokenByToken } from './scoredGeneration.ts';
import { taskDecoder, tokenId, type TaskContext } from './taskContext.ts';

export const captionDefaults = { numBeams: 3, maxLength: 20, minLength: 8, lengthPenalty: 1 } as const;

export interface CaptionOptions {
  /** The prompt; default "A picture of" (the fine-tuned checkpoints), '' for zero-shot. */
  readonly prefix?: string;
  /** 'beam' (default), 'greedy' or 'sample'. */
  readonly strategy?: 'beam' | 'greedy' | 'sample';
  readonly numBeams?: number;
  /** Total lengths, prompt included. */
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly lengthPenalty?: number;
  /** How many candidates: beam hypotheses (≤ numBeams) or samples. Default 1; greedy gives one. */
  readonly candidates?: number;
  /** Sampling: the seed of the generator (default 0), temperature, top-k, top-p (4.26's defaults). */
  readonly seed?: number;
  readonly temperature?: number;
  readonly topK?: number;
  readonly topP?: number;
}

export interface CaptionCandidate {
  /** The caption as demo.py writes it. */
  readonly text: string;
  /** PrismerCaption's output: decoded, prompt cut off, no further cleaning. */
  readonly raw: string;
  /** Prompt + generated ids. */
  readonly tokens: readonly number[];
  /** sum of log-probabilities / length ** lengthPenalty (length with the prompt, without `</s>`). */
  readonly score: number;
  readonly finishedByEos: boolean;
}

export interface CaptionResult {
  readonly caption: string;
  /** Best first. */
  readonly candidates: readonly CaptionCandidate[];
}

export async function caption(context: TaskContext, options: CaptionOptions = {}): Promise<CaptionResult> {
  const { tokenizer } = context;
  const prompt = captionPrompt(tokenizer, options.prefix ?? captionPrefix);
  const decoder = taskDecoder(context);
  const eosTokenId = tokenId(tokenizer, '</s>');
  const maxLength = options.maxLength ?? captionDefaults.maxLength;
  const minLength = options.minLength ?? captionDefaults.minLength;
  const lengthPenalty = options.lengthPenalty ?? captionDefaults.lengthPenalty;
  const count = options.candidates ?? 1;
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError('candidates must be a positive integer');
  const lengths = { maxLength, minLength, eosTokenId };

  let generated: { tokens: number[]; score: number; finishedByEos: boolean }[];
  const strategy = options.strategy ?? 'beam';
  if (strategy === 'beam') {
    generated = await beamSearch(decoder, prompt.ids, {
      ...lengths,
      numBeams: options.numBeams ?? captionDefaults.numBeams,
      lengthPenalty,
      numReturnSequences: count,
    });
  } else if (strategy === 'greedy') {
    generated = [await scoredTokenByToken(decoder, prompt.ids, lengths, argmax, lengthPenalty)];
  } else {
    const pick = samplingPick({ temperature: options.temperature, topK: options.topK, topP: options.topP, random: seededRandom(options.seed ?? 0) });
    generated = [];
    for (let i = 0; i < count; i++) generated.push(await scoredTokenByToken(decoder, prompt.ids, lengths, pick, lengthPenalty));
    generated.sort((a, b) => b.score - a.score);
  }
  const candidates = generated.map((g) => ({
    text: captionFromGenerated(tokenizer, g.tokens, prompt),
    raw: generatedCaption(tokenizer, g.tokens, prompt),
    tokens: g.tokens,
    score: g.score,
    finishedByEos: g.finishedByEos,
  }));
  return { caption: candidates[0]!.text, candidates };
}
