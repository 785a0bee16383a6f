// The few Python string operations Prismer's text handling is written in (str.capitalize, isspace,
// strip, len and slicing by code point), so its cleaning and decoding read the same here as there.

/** Python's str.isspace() characters, as a regex class body. */
export const pythonWhitespaceClass = '\\t\\n\\v\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const edges = new RegExp(`^[${pythonWhitespaceClass}]+|[${pythonWhitespaceClass}]+$`, 'gu');

/** Python's `s.strip()` (no argument): trims Unicode whitespace as str.isspace() sees it. */
export function pythonStrip(text: string): string {
  return text.replace(edges, '');
}

/**
 * Python 3's `s.capitalize()`: the first character in title case, the rest lower case (so "A TV" gives
 * "A tv"). JavaScript has no title case: it is upper case but for the characters whose title form differs
 * (digraphs such as ǆ → ǅ, Georgian, Greek with iota subscript, ß → Ss and other expanding ones).
 */
export function pythonCapitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return '';
  const head = String.fromCodePoint(first);
  // Lower-casing the whole string keeps the final-sigma context that Python's capitalize sees.
  return titleCase(first) + text.toLowerCase().slice(head.toLowerCase().length);
}

function titleCase(cp: number): string {
  const char = String.fromCodePoint(cp);
  const digraph = digraphTitles.get(cp);
  if (digraph !== undefined) return String.fromCodePoint(digraph);
  if ((cp >= 0x10d0 && cp <= 0x10fa) || (cp >= 0x10fd && cp <= 0x10ff)) return char; // Georgian Mkhedruli
  if (cp >= 0x1f80 && cp <= 0x1faf) return String.fromCodePoint(cp | 0x8); // Greek with prosgegrammeni
  const greek = greekTitles.get(cp);
  if (greek !== undefined) return String.fromCodePoint(greek);
  const upper = char.toUpperCase();
  if (cp === 0x149) return upper; // ŉ → ʼN
  const [head, ...rest] = Array.from(upper);
  if (rest.length === 0) return upper;
  if (cp >= 0x1f80 && cp <= 0x1fff && upper.endsWith('\u0399')) return upper.slice(0, -1) + '\u0345';
  return head! + rest.join('').toLowerCase(); // ß → Ss, ﬁ → Fi, և → Եւ
}

const digraphTitles = new Map<number, number>([
  [0x1c4, 0x1c5], [0x1c5, 0x1c5], [0x1c6, 0x1c5],
  [0x1c7, 0x1c8], [0x1c8, 0x1c8], [0x1c9, 0x1c8],
  [0x1ca, 0x1cb], [0x1cb, 0x1cb], [0x1cc, 0x1cb],
  [0x1f1, 0x1f2], [0x1f2, 0x1f2], [0x1f3, 0x1f2],
]);

const greekTitles = new Map<number, number>([
  [0x1fb3, 0x1fbc], [0x1fbc, 0x1fbc],
  [0x1fc3, 0x1fcc], [0x1fcc, 0x1fcc],
  [0x1ff3, 0x1ffc], [0x1ffc, 0x1ffc],
]);

/** Python's `len(s)`: code points, not UTF-16 units. */
export function pythonLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Python's `s[start:]` for start ≥ 0, counted in code points. */
export function pythonSliceFrom(text: string, start: number): string {
  let index = 0;
  let n = 0;
  for (const char of text) {
    if (n === start) break;
    index += char.length;
    n++;
  }
  return n < start ? '' : text.slice(index);
}
