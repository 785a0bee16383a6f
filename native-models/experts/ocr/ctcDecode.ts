// CTC greedy decoding for PaddleOCR's recognition head: per output column take the most probable class,
// merge repeats, drop blanks. The class table is PaddleOCR's with use_space_char: index 0 is the CTC
// blank, then the dictionary's lines in order, then a space as the last class.
import { readFile } from 'node:fs/promises';

/** One recognised character and the output column it was read at (for word boxes). */
export interface CtcChar {
  readonly char: string;
  readonly column: number;
  readonly prob: number;
}

export interface CtcResult {
  readonly text: string;
  /** Mean of the chosen classes' probabilities over the emitted characters; 0 when none. */
  readonly score: number;
  readonly chars: readonly CtcChar[];
}

export const ctcBlank = 0;

/** The class table from the dictionary's text: blank, one class per line, space. */
export function charsetFromDictionary(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return ['', ...lines, ' '];
}

const charsets = new Map<string, Promise<string[]>>();

/** Reads (once per path) the dictionary file into the class table. */
export function loadCharset(path: string): Promise<string[]> {
  let pending = charsets.get(path);
  if (!pending) {
    pending = readFile(path, 'utf8').then(charsetFromDictionary);
    pending.catch(() => charsets.delete(path));
    charsets.set(path, pending);
  }
  return pending;
}

export interface CtcOptions {
  /**
   * A blank column whose space probability reaches this reads as a space (0: off, plain greedy decoding).
   * PP-OCR's Chinese recogniser under-reads spaces in Latin text: at a gap between words the space class
   * rises well above zero (0.05–0.3) yet loses to the blank, while inside words it stays below 0.001.
   * Such spaces only separate characters (never lead or trail) and do not count toward the score.
   */
  readonly spaceThreshold?: number;
}

/**
 * Decodes one sequence: `probs` holds `columns` × `classes` probabilities (row-major) starting at `offset`.
 */
export function ctcGreedyDecode(
  probs: Float32Array,
  columns: number,
  classes: number,
  charset: readonly string[],
  offset = 0,
  options: CtcOptions = {},
): CtcResult {
  if (charset.length !== classes) {
    throw new RangeError(`The OCR dictionary gives ${charset.length} classes (blank + characters + space) but the recognition model predicts ${classes}; they must come from the same release.`);
  }
  const space = charset.lastIndexOf(' ');
  const spaceThreshold = options.spaceThreshold ?? 0;
  const chars: CtcChar[] = [];
  let sum = 0;
  let counted = 0;
  let previous = -1;
  let pendingSpace: CtcChar | null = null;
  for (let t = 0; t < columns; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestProb = probs[row]!;
    for (let c = 1; c < classes; c++) {
      const p = probs[row + c]!;
      if (p > bestProb) {
        bestProb = p;
        best = c;
      }
    }
    if (best === ctcBlank) {
      const p = space >= 0 && spaceThreshold > 0 ? probs[row + space]! : 0;
      const last = chars[chars.length - 1];
      if (p >= spaceThreshold && p > 0 && last && last.char !== ' ' && (!pendingSpace || p > pendingSpace.prob)) {
        pendingSpace = { char: ' ', column: t, prob: p };
      }
    } else if (best !== previous) {
      if (pendingSpace && best !== space) chars.push(pendingSpace);
      pendingSpace = null;
      chars.push({ char: charset[best]!, column: t, prob: bestProb });
      sum += bestProb;
      counted++;
    }
    previous = best;
  }
  return { text: chars.map((c) => c.char).join(''), score: counted ? sum / counted : 0, chars };
}
