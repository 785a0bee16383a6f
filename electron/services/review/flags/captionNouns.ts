// Reads a caption into the object mentions the checks judge: each noun (or multi-word name such as
// "teddy bear") that a vocabulary knows, with its concept, an explicit count ("three", "2", "a pair of",
// "both", "a single"), and whether the caption denies it ("no cars") or only depicts it ("a toy car").
// compromise does the English: part-of-speech tags, lemmas ("puppies" → "puppy", "men" → "man") and
// number words ("twenty-one" → 21); the rules here only decide which nouns name a present object.
import nlp from 'compromise';
import type { ConceptRef } from './conceptLexicon.ts';
import { longestPhrase } from './conceptLexicon.ts';

export interface NounMention {
  /** The words as the caption writes them ("puppies", "teddy bear"). */
  readonly text: string;
  readonly concept: string;
  /** The word names a kind of the concept ("woman" of person): its count is a lower bound. */
  readonly kind: boolean;
  readonly plural: boolean;
  /** An explicit count ("three", "2", "a dozen"); null when the caption gives none ("a dog", "dogs", "a group of"). */
  readonly count: number | null;
  /** The count and the noun as written ("three people"), or null. */
  readonly countText: string | null;
  /** Introduced by "a"/"an" ("a woman"): one new thing, even when not counted. */
  readonly indefinite: boolean;
  /** "no cars", "without people": the caption says it is absent. */
  readonly negated: boolean;
  /** "a toy car", "a statue of a horse", "a painting of a dog": a likeness, not the thing. */
  readonly depicted: boolean;
}

interface Term {
  readonly text: string;
  readonly normal: string;
  /** compromise's lemma for nouns and verbs ("puppies" → "puppy"); the normal form otherwise. */
  readonly root: string;
  readonly tags: ReadonlySet<string>;
  readonly pre: string;
  readonly post: string;
  /** The value of the number this term starts or belongs to (null for non-numbers). */
  number: number | null;
  /** True for the last term of a number ("twenty-one": "one"). */
  numberEnd: boolean;
}

interface CompromiseTerm {
  text: string;
  normal: string;
  root?: string;
  tags: string[];
  pre: string;
  post: string;
  index: [number, number];
}

const negators = new Set(['no', 'without', 'not', 'never', 'nor', 'zero', 'none', 'lacking', 'absent']);
/** Modifiers that make the noun after them a likeness ("a toy car", "a stuffed bear"). */
const likenessModifiers = new Set(['toy', 'stuffed', 'plush', 'inflatable', 'fake', 'cartoon', 'miniature', 'model', 'balloon', 'carved', 'origami', 'lego', 'wooden toy']);
/** Nouns whose "of" phrase is a likeness ("a statue of a horse", "a painting of a dog"). */
const likenessNouns = new Set([
  'statue', 'sculpture', 'figurine', 'painting', 'drawing', 'poster', 'mural', 'graffiti', 'print', 'logo', 'reflection',
  'shadow', 'costume', 'illustration', 'sketch', 'replica', 'carving', 'icon', 'cartoon', 'model', 'toy', 'sticker', 'tattoo',
]);
/** Words after a noun that make it a likeness ("a dog statue", "a dog-shaped cake"). */
const likenessAfter = new Set(['shaped', 'statue', 'sculpture', 'figurine', 'toy', 'costume', 'balloon', 'logo', 'print', 'pattern', 'icon', 'sticker', 'magnet', 'ornament', 'decoration', 'tattoo']);
/** Nouns that quantify the noun after "of" ("a group of people"), never objects themselves. */
const quantityNouns = new Set(['group', 'pair', 'couple', 'bunch', 'lot', 'number', 'herd', 'flock', 'crowd', 'team', 'pack', 'set', 'row', 'line', 'pile', 'stack', 'few', 'dozen', 'dozens', 'plenty', 'variety', 'collection', 'slice', 'piece']);
/** Words that may sit between a count and its noun ("two small brown dogs"). */
const modifierTags = ['Adjective', 'Comparative', 'Superlative'];
const maxModifiers = 3;
const singleWords = new Set(['single', 'lone', 'solitary']);
/** A known phrase never starts with these ("a", "in", "and", "his"). */
const functionTags = ['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Value', 'Adverb'];

function isNoun(term: Term): boolean {
  return term.tags.has('Noun') && !term.tags.has('Pronoun');
}

/**
 * A noun that continues a compound ("dog bed", "car seat"): then the noun before it is only a modifier.
 * compromise sometimes tags such a noun as a verb ("a passenger jet flying"), so a word an expert
 * vocabulary knows counts as a noun here unless it looks like a participle.
 */
function continuesCompound(term: Term | undefined, resolve: (phrase: string) => ConceptRef | null): boolean {
  if (!term) return false;
  if (term.tags.has('Gerund') || /ing$/.test(term.normal)) return false;
  if (term.tags.has('Value') || term.tags.has('Possessive')) return false;
  if (isNoun(term)) return true;
  return !term.tags.has('PastTense') && !term.tags.has('Adjective') && resolve(term.root) !== null;
}

function readTerms(caption: string): Term[][] {
  const doc = nlp(caption);
  doc.compute('root');
  const sentences = (doc.json() as { terms: CompromiseTerm[] }[]).map((sentence) =>
    sentence.terms.map<Term>((t) => ({
      text: t.text,
      normal: t.normal.replace(/'s?$/, ''),
      root: (t.root ?? t.normal).replace(/'s?$/, ''),
      tags: new Set(t.tags),
      pre: t.pre,
      post: t.post,
      number: null,
      numberEnd: false,
    })),
  );
  for (const found of doc.numbers().json() as { number?: { num?: number }; terms: CompromiseTerm[] }[]) {
    const value = found.number?.num;
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    found.terms.forEach((t, i) => {
      const term = sentences[t.index[0]]?.[t.index[1]];
      if (!term) return;
      term.number = value;
      term.numberEnd = i === found.terms.length - 1;
    });
  }
  return sentences;
}

/** The count that precedes a noun starting at `start`, if any, and the index where the count begins. */
function countBefore(terms: readonly Term[], start: number, concept: string): { count: number; from: number } | null {
  let i = start - 1;
  let skipped = 0;
  while (i >= 0 && skipped < maxModifiers && modifierTags.some((tag) => terms[i]!.tags.has(tag)) && !terms[i]!.tags.has('Value') && !singleWords.has(terms[i]!.normal)) {
    if (/[,;:]/.test(terms[i]!.post)) return null;
    i--;
    skipped++;
  }
  const term = terms[i];
  if (!term) return null;
  if (/[-–,;:]/.test(term.post)) return null; // "5-year-old", "three-story", "two, and a dog"
  if (term.number !== null && term.numberEnd && term.tags.has('Cardinal') && Number.isInteger(term.number) && term.number > 0) {
    let from = i;
    while (from > 0 && terms[from - 1]!.number === term.number && !terms[from - 1]!.numberEnd) from--;
    if (from > 0 && /^(number|no|#)$/.test(terms[from - 1]!.normal)) return null; // "the number 7 bus"
    return { count: term.number, from };
  }
  if (term.normal === 'both') return { count: 2, from: i };
  if (term.normal === 'dozen' && i > 0 && terms[i - 1]!.normal === 'a') {
    const half = i > 1 && terms[i - 2]!.normal === 'half';
    return { count: half ? 6 : 12, from: half ? i - 2 : i - 1 };
  }
  if (singleWords.has(term.normal)) {
    const from = i > 0 && /^(a|an|one)$/.test(terms[i - 1]!.normal) ? i - 1 : i;
    return { count: 1, from };
  }
  // A pair of skis, scissors or stairs (classes named in the plural) is one object to a detector.
  if (term.normal === 'of' && i >= 2 && terms[i - 1]!.root === 'pair' && /^(a|one)$/.test(terms[i - 2]!.normal)) return /s$/.test(concept) ? null : { count: 2, from: i - 2 };
  return null;
}

/** The word before a noun and its adjectives ("a" in "a tall woman"). */
function determinerBefore(terms: readonly Term[], start: number): string | null {
  let i = start - 1;
  while (i >= 0 && start - i <= maxModifiers && modifierTags.some((tag) => terms[i]!.tags.has(tag)) && !terms[i]!.tags.has('Determiner')) i--;
  return terms[i]?.normal ?? null;
}

/** "a toy car", "a statue of a horse", "a painting of two dogs", "a dog-shaped cake". */
function isLikeness(terms: readonly Term[], start: number, next: Term | undefined): boolean {
  if (next && likenessAfter.has(next.normal)) return true;
  let i = start - 1;
  while (i >= 0 && modifierTags.some((tag) => terms[i]!.tags.has(tag)) && !likenessModifiers.has(terms[i]!.normal)) i--;
  if (i >= 0 && likenessModifiers.has(terms[i]!.normal)) return true;
  if (i >= 0 && terms[i]!.tags.has('Determiner')) i--;
  return i >= 1 && terms[i]!.normal === 'of' && likenessNouns.has(terms[i - 1]!.root);
}

function lookBehind(terms: readonly Term[], start: number, span: number, words: ReadonlySet<string>): boolean {
  for (let i = start - 1; i >= 0 && i >= start - span; i--) {
    const term = terms[i]!;
    if (words.has(term.normal) || words.has(term.root)) return true;
    if (/[,;:.]/.test(term.post) && i < start - 1) return false;
  }
  return false;
}

function surface(terms: readonly Term[], from: number, to: number): string {
  let out = '';
  for (let i = from; i <= to; i++) out += terms[i]!.text + (i < to ? terms[i]!.post.replace(/["“”'‘’]/g, '') || ' ' : '');
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The object mentions of a caption. `resolve` maps a normalised singular phrase to a concept, or null
 * for words no expert vocabulary knows (those are never mentions).
 */
export function captionNouns(caption: string, resolve: (phrase: string) => ConceptRef | null): NounMention[] {
  const mentions: NounMention[] = [];
  for (const terms of readTerms(caption)) {
    let i = 0;
    while (i < terms.length) {
      const match = matchAt(terms, i, resolve);
      if (!match) {
        i++;
        continue;
      }
      const end = i + match.length - 1;
      const last = terms[end]!;
      const next = terms[end + 1];
      // "dog bed": a noun followed by another noun only modifies it, unless both name the same thing ("puppy dog").
      const isModifier = !last.tags.has('Possessive') && !/[,;:.!?]/.test(last.post) && continuesCompound(next, resolve) && matchAt(terms, end + 1, resolve)?.ref.concept !== match.ref.concept;
      const quantifies = quantityNouns.has(last.root) && next?.normal === 'of' && !/[,;:]/.test(last.post);
      if (!isModifier && !quantifies) {
        const count = countBefore(terms, i, match.ref.concept);
        mentions.push({
          text: surface(terms, i, end),
          concept: match.ref.concept,
          kind: match.ref.kind,
          plural: last.tags.has('Plural') || (count !== null && count.count > 1),
          count: count?.count ?? null,
          countText: count ? surface(terms, count.from, end) : null,
          indefinite: count === null && /^(a|an)$/.test(determinerBefore(terms, i) ?? ''),
          negated: lookBehind(terms, count?.from ?? i, 3, negators),
          depicted: isLikeness(terms, count?.from ?? i, next),
        });
      }
      i = end + 1;
    }
  }
  return mentions;
}

/** The longest known phrase starting at `start` whose last word is a noun. */
function matchAt(terms: readonly Term[], start: number, resolve: (phrase: string) => ConceptRef | null): { ref: ConceptRef; length: number } | null {
  const first = terms[start]!;
  if (functionTags.some((tag) => first.tags.has(tag))) return null;
  for (let length = Math.min(longestPhrase, terms.length - start); length >= 1; length--) {
    const last = terms[start + length - 1]!;
    if (!isNoun(last)) continue;
    if (length > 1 && terms.slice(start, start + length - 1).some((t) => /[,;:.!?]/.test(t.post))) continue;
    const head = terms.slice(start, start + length - 1).map((t) => t.normal);
    for (const form of new Set([last.root, last.normal])) {
      const ref = resolve([...head, form].join(' '));
      if (ref) return { ref, length };
    }
  }
  return null;
}
