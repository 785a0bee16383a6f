// Visual question answering for one image (spec §5). Generate mode (the demos): beam search with 3
// beams after the cleaned question, max = question tokens + 10, min = question tokens + 2, length
// penalty −1, the continuation decoded in lower case. Rank mode (the benchmark): the k = 16 answers of
// a given list whose first token is most probable, scored by rankAnswers.
import { beamSearch } from '../generation/beamSearch.ts';
import { rankAnswers, vqaRankK } from '../generation/rankAnswers.ts';
import { answerFromGenerated, questionPrompt, vqaAnswerTokens } from '../tokenizer/prismerText.ts';
import { taskDecoder, tokenId, type TaskContext } from './taskContext.ts';

export const vqaGenerateDefaults = { numBeams: 3, extraMaxTokens: 10, extraMinTokens: 2, lengthPenalty: -1 } as const;

export interface AskOptions {
  /** Rank mode: score these answers (lower case, as the VQAv2 answer list) instead of generating. */
  readonly answers?: readonly string[];
  /** Rank mode: how many answers to score. Default 16. */
  readonly k?: number;
  /** Generate mode. */
  readonly numBeams?: number;
  readonly extraMaxTokens?: number;
  readonly extraMinTokens?: number;
  readonly lengthPenalty?: number;
  /** Generate mode: how many beam hypotheses to return (≤ numBeams). Default 1. */
  readonly candidates?: number;
}

export interface AnswerCandidate {
  readonly answer: string;
  /** Generate mode: beam score; rank mode: −mean label-smoothed cross-entropy. Higher is better. */
  readonly score: number;
  /** Rank mode: position in the answer list. */
  readonly index?: number;
  /** Generate mode: question + generated ids. */
  readonly tokens?: readonly number[];
}

export interface AskResult {
  readonly mode: 'generate' | 'rank';
  readonly answer: string;
  /** Best first. */
  readonly candidates: readonly AnswerCandidate[];
}

export async function ask(context: TaskContext, question: string, options: AskOptions = {}): Promise<AskResult> {
  const { tokenizer } = context;
  const prompt = questionPrompt(tokenizer, question);
  const decoder = taskDecoder(context);
  if (options.answers) {
    const answers = options.answers;
    if (answers.length === 0) throw new RangeError('the answer list is empty');
    const ranked = await rankAnswers(decoder, prompt.ids, answers.map((a) => vqaAnswerTokens(tokenizer, a).ids), { k: options.k ?? vqaRankK });
    const candidates = ranked.map((r) => ({ answer: answers[r.index]!, score: r.score, index: r.index }));
    return { mode: 'rank', answer: candidates[0]!.answer, candidates };
  }
  const length = prompt.ids.length;
  const hypotheses = await beamSearch(decoder, prompt.ids, {
    numBeams: options.numBeams ?? vqaGenerateDefaults.numBeams,
    maxLength: length + (options.extraMaxTokens ?? vqaGenerateDefaults.extraMaxTokens),
    minLength: length + (options.extraMinTokens ?? vqaGenerateDefaults.extraMinTokens),
    lengthPenalty: options.lengthPenalty ?? vqaGenerateDefaults.lengthPenalty,
    numReturnSequences: options.candidates ?? 1,
    eosTokenId: tokenId(tokenizer, '</s>'),
  });
  const candidates = hypotheses.map((h) => ({ answer: answerFromGenerated(tokenizer, h.tokens, length), score: h.score, tokens: h.tokens }));
  return { mode: 'generate', answer: candidates[0]!.answer, candidates };
}
