// Prismer's text side, as the official code writes it (dataset/utils.py pre_caption / pre_question,
// model/prismer_caption.py and prismer_vqa.py, demo.py): the cleaning of captions and questions, the
// prompts the decoder starts from, the answer candidates of rank mode, and the decoding of a generated
// sequence back to text. transformers 4.26's slow RobertaTokenizer semantics throughout (its decode
// cleans up tokenisation spaces).
import type { ByteLevelBpeTokenizer, Encoding } from './byteLevelBpeTokenizer.ts';
import { pythonCapitalize, pythonLength, pythonSliceFrom, pythonStrip, pythonWhitespaceClass } from './pythonText.ts';

/** The captioning prompt of the fine-tuned checkpoints (zero-shot uses ''). */
export const captionPrefix = 'A picture of';
/** The prompt of zero-shot classification (rank mode over the class names). */
export const classificationPrefix = 'A photo of a';
/** Word limit of cleaned captions and questions (the datasets' max_words). */
export const maxWords = 30;
/** VQA questions are cut to this many tokens, `<s>` included (truncation=True, max_length=35). */
export const questionMaxTokens = 35;

/** A tokenised prompt and the cleaned text it was made from (needed to drop it again after generation). */
export interface Prompt extends Encoding {
  readonly text: string;
}

const strippedChars = /[.!"()*#:;~]/g;
const repeatedWhitespace = new RegExp(`[${pythonWhitespaceClass}]{2,}`, 'gu');

function truncateWords(text: string, limit: number): string {
  const words = text.split(' ');
  return words.length > limit ? words.slice(0, limit).join(' ') : text;
}

/** pre_caption: capitalised, `.!"()*#:;~` replaced by spaces, runs of whitespace collapsed, trimmed, ≤ maxWords words. */
export function preCaption(caption: string, wordLimit = maxWords): string {
  let text = pythonCapitalize(caption).replace(strippedChars, ' ');
  text = text.replace(repeatedWhitespace, ' ');
  text = text.replace(/\n+$/, '').replace(/^ +| +$/g, '');
  return truncateWords(text, wordLimit);
}

/** pre_question: capitalised, `.!"()*#:;~` replaced by spaces, trimmed, ≤ maxWords words, '?' appended if missing. */
export function preQuestion(question: string, wordLimit = maxWords): string {
  let text = pythonStrip(pythonCapitalize(question).replace(strippedChars, ' '));
  text = truncateWords(text, wordLimit);
  if (text === '') throw new Error('the question is empty once cleaned');
  return text.endsWith('?') ? text : `${text}?`;
}

function bosId(tokenizer: ByteLevelBpeTokenizer): number {
  const id = tokenizer.tokenToId('<s>');
  if (id === undefined) throw new Error('the tokenizer has no <s> token');
  return id;
}

/** `tokenizer(prefix).input_ids[:-1]`: `<s>` and the prefix's tokens, without the final `</s>`. No cleaning. */
export function prefixPrompt(tokenizer: ByteLevelBpeTokenizer, prefix: string): Prompt {
  const encoded = tokenizer.encode(prefix);
  return { ids: [bosId(tokenizer), ...encoded.ids], tokens: ['<s>', ...encoded.tokens], text: prefix };
}

/** The captioning prompt: the prefix cleaned as a caption (as the demo does), then `prefixPrompt`. */
export function captionPrompt(tokenizer: ByteLevelBpeTokenizer, prefix: string = captionPrefix): Prompt {
  return prefixPrompt(tokenizer, preCaption(prefix));
}

export function classificationPrompt(tokenizer: ByteLevelBpeTokenizer): Prompt {
  return prefixPrompt(tokenizer, classificationPrefix);
}

/** The VQA input: the cleaned question after `<s>` (`'<s>' + q.capitalize()`, no `</s>`), ≤ 35 tokens. */
export function questionPrompt(tokenizer: ByteLevelBpeTokenizer, question: string, wordLimit = maxWords): Prompt {
  const text = preQuestion(question, wordLimit);
  const encoded = tokenizer.encode(`<s>${pythonCapitalize(text)}`);
  return { ids: encoded.ids.slice(0, questionMaxTokens), tokens: encoded.tokens.slice(0, questionMaxTokens), text };
}

/**
 * A VQA answer candidate for rank mode: `' ' + answer.capitalize() + '</s>'` (prismer_vqa.py capitalises;
 * the answer list itself is lower case), no `<s>`.
 */
export function vqaAnswerTokens(tokenizer: ByteLevelBpeTokenizer, answer: string): Encoding {
  return tokenizer.encode(` ${pythonCapitalize(answer)}</s>`);
}

/** A class-name candidate for classification: `' ' + name.lower() + '</s>'`. */
export function classAnswerTokens(tokenizer: ByteLevelBpeTokenizer, className: string): Encoding {
  return tokenizer.encode(` ${className.toLowerCase()}</s>`);
}

const decodeOptions = { skipSpecialTokens: true, cleanUpTokenizationSpaces: true } as const;

/**
 * What PrismerCaption returns for a generated sequence (prompt included): decoded without special
 * tokens, then the prompt text and the space after it cut off (`caption[len(prefix) + 1:]`).
 */
export function generatedCaption(tokenizer: ByteLevelBpeTokenizer, ids: readonly number[], prompt: Prompt): string {
  const text = tokenizer.decode(ids, decodeOptions);
  return pythonSliceFrom(text, pythonLength(prompt.text) + (prompt.text.length > 0 ? 1 : 0));
}

/** The caption demo.py writes: `generatedCaption`, tokenised and decoded once more, capitalised, with '.'. */
export function captionFromGenerated(tokenizer: ByteLevelBpeTokenizer, ids: readonly number[], prompt: Prompt): string {
  const caption = generatedCaption(tokenizer, ids, prompt);
  return `${pythonCapitalize(tokenizer.decode(tokenizer.encode(caption).ids, decodeOptions))}.`;
}

/** A VQA answer generated after the question's `promptLength` tokens: decoded, lower case, trimmed. */
export function answerFromGenerated(tokenizer: ByteLevelBpeTokenizer, ids: readonly number[], promptLength: number): string {
  return pythonStrip(tokenizer.decode(ids.slice(promptLength), decodeOptions).toLowerCase());
}
