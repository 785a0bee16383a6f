// What an expert's label space can judge: its class names turned into concepts (see conceptLexicon.ts),
// plural- and spelling-insensitive, with aliases ("sidewalk, pavement"; UniDet's "duck, goose") each
// contributing a concept. A caption noun is judged against a vocabulary only when the vocabulary holds
// its concept, so "guitar" is judged when the 722-class detector ran but not when only COCO's did.
import { broaderTerms, lexicon, relatedGroups, type ConceptRef } from './conceptLexicon.ts';

/** Lower case, single spaces, no `_`/`-`, and COCO panoptic's `-merged`/`-other`/`-stuff`/"other type of" dropped. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/-(merged|other|stuff)\b/g, '')
    .replace(/^other type of /, '')
    .replace(/[_\-/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name's concept: the lexicon's, else the name itself (an expert class the lexicon does not know). */
export function conceptOfName(name: string): ConceptRef {
  const key = normaliseName(name);
  return lexicon.get(key) ?? { concept: key, kind: false };
}

/** Every concept an expert label stands for (one per alias). */
export function conceptsOfLabel(label: string): string[] {
  const out = new Set<string>();
  for (const alias of label.split(',')) {
    const key = normaliseName(alias);
    if (key) out.add(conceptOfName(key).concept);
  }
  return [...out];
}

const related = new Map<string, Set<string>>();
for (const group of relatedGroups) {
  const concepts = group.map((name) => conceptOfName(name).concept);
  for (const concept of concepts) {
    const set = related.get(concept) ?? new Set<string>([concept]);
    for (const other of concepts) set.add(other);
    related.set(concept, set);
  }
}

for (const [broad, members] of Object.entries(broaderTerms)) {
  const set = related.get(broad) ?? new Set<string>([broad]);
  for (const member of members) {
    const concept = conceptOfName(member).concept;
    set.add(concept);
    related.set(concept, (related.get(concept) ?? new Set<string>([concept])).add(broad));
  }
  related.set(broad, set);
}

/** Concepts whose presence counts as evidence for `concept`: itself, those its experts confuse it with, its members. */
export function evidenceFor(concept: string): ReadonlySet<string> {
  return related.get(concept) ?? new Set([concept]);
}

export class LabelVocabulary {
  readonly #concepts = new Set<string>();

  constructor(labels: readonly string[]) {
    for (const label of labels) for (const concept of conceptsOfLabel(label)) this.#concepts.add(concept);
  }

  /** The concepts every one of `vocabularies` holds (a label space we can only narrow down to several). */
  static intersection(vocabularies: readonly LabelVocabulary[]): LabelVocabulary {
    const out = new LabelVocabulary([]);
    const [first, ...rest] = vocabularies;
    if (!first) return out;
    for (const concept of first.#concepts) if (rest.every((v) => v.#concepts.has(concept))) out.#concepts.add(concept);
    return out;
  }

  has(concept: string): boolean {
    return this.#concepts.has(concept);
  }

  /** Whether every label's concepts are in this vocabulary (used to tell which label space a segmenter used). */
  covers(labels: readonly string[]): boolean {
    return labels.every((label) => conceptsOfLabel(label).every((concept) => this.#concepts.has(concept)));
  }

  get size(): number {
    return this.#concepts.size;
  }

  /**
   * A caption phrase's concept when the lexicon or this vocabulary knows it (normalised phrase, e.g. the
   * singular "teddy bear"), else null.
   */
  resolve(phrase: string): ConceptRef | null {
    const key = normaliseName(phrase);
    return lexicon.get(key) ?? (this.#concepts.has(key) ? { concept: key, kind: false } : null);
  }
}
