// Zero-shot classification / tagging of one image (spec §5): rank mode over the class names after the
// prompt "A photo of a", the k = 32 names whose first token is most probable scored by rankAnswers.
import { classificationRankK, rankAnswers } from '../generation/rankAnswers.ts';
import { classAnswerTokens, classificationPrefix, prefixPrompt } from '../tokenizer/prismerText.ts';
import { taskDecoder, type TaskContext } from './taskContext.ts';

export interface TagOptions {
  /** How many class names to score. Default 32. */
  readonly k?: number;
  /** The prompt. Default "A photo of a". */
  readonly prefix?: string;
}

export interface Tag {
  readonly className: string;
  /** Position in the class list given. */
  readonly index: number;
  /** −mean label-smoothed cross-entropy over the name's tokens; higher is better. */
  readonly score: number;
  readonly firstTokenProbability: number;
}

/** The scored class names, best first (at most k of them). */
export async function tag(context: TaskContext, classNames: readonly string[], options: TagOptions = {}): Promise<Tag[]> {
  if (classNames.length === 0) throw new RangeError('no class names');
  const { tokenizer } = context;
  const prompt = prefixPrompt(tokenizer, options.prefix ?? classificationPrefix);
  const answers = classNames.map((name) => classAnswerTokens(tokenizer, name).ids);
  const ranked = await rankAnswers(taskDecoder(context), prompt.ids, answers, { k: options.k ?? classificationRankK });
  return ranked.map((r) => ({ className: classNames[r.index]!, index: r.index, score: r.score, firstTokenProbability: r.firstTokenProbability }));
}
