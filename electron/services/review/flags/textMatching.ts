// Tolerant comparison of caption text with OCR words: case, punctuation and spacing never matter, the
// characters OCR mixes up (0/O, 1/l/I, 5/S, 8/B) compare equal, and a few edits are forgiven in longer
// words, since a reader that gets one letter of "RESTAURANT" wrong still read it.

const confusable: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', i: 'l', '|': 'l', '5': 's', '8': 'b', '$': 's' };

/** Lower case letters and digits only. */
export function alnum(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** `alnum` with OCR's look-alike characters folded together. */
export function foldConfusables(text: string): string {
  return [...alnum(text)].map((c) => confusable[c] ?? c).join('');
}

/** Words signs usually abbreviate, with their abbreviations (a caption may write either). */
const abbreviations: readonly (readonly string[])[] = [
  ['street', 'st'], ['saint', 'st'], ['avenue', 'ave', 'av'], ['road', 'rd'], ['boulevard', 'blvd'], ['drive', 'dr'],
  ['doctor', 'dr'], ['lane', 'ln'], ['highway', 'hwy'], ['parkway', 'pkwy'], ['place', 'pl'], ['court', 'ct'],
  ['square', 'sq'], ['route', 'rte', 'rt'], ['mount', 'mt'], ['north', 'n'], ['south', 's'], ['east', 'e'], ['west', 'w'],
  ['and', '&'], ['number', 'no'], ['company', 'co'], ['center', 'ctr'], ['centre', 'ctr'], ['minutes', 'min'],
];

/** A word and the other ways a sign may spell it ("street" → "street", "st"). */
export function spellings(word: string): string[] {
  const key = alnum(word) || word.trim().toLowerCase();
  const out = new Set([key]);
  for (const group of abbreviations) if (group.includes(key)) for (const other of group) out.add(other);
  return [...out];
}

/** The words of a text, each `alnum`-normalised, empty ones dropped. */
export function words(text: string): string[] {
  return text.split(/\s+/).map(alnum).filter((w) => w.length > 0);
}

/** Edits forgiven when matching a word of this many characters. */
export function allowedEdits(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return 2;
}

/** Fewest edits that turn `pattern` into some substring of `text` (Sellers' algorithm). */
export function substringDistance(pattern: string, text: string): number {
  if (pattern.length === 0) return 0;
  let previous = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= pattern.length; i++) {
    const current = new Array<number>(text.length + 1);
    current[0] = i;
    for (let j = 1; j <= text.length; j++) {
      const substitution = previous[j - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    previous = current;
  }
  return Math.min(...previous);
}

/** Whether `word` occurs in `text` (both folded), within the edits its length allows. */
export function occursIn(word: string, text: string): boolean {
  const w = foldConfusables(word);
  if (w.length === 0) return true;
  const t = foldConfusables(text);
  return substringDistance(w, t) <= allowedEdits(w.length);
}
