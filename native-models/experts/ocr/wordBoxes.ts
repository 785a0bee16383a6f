// Prismer's OCR labels are words (its CharNet expert reads words), while PP-OCR reads whole lines. A line
// is split at the spaces it read, and each word gets the slice of the line's quad between the spaces
// around it: CTC emits every character, spaces included, at an output column where it sits, and one
// column spans `columnWidth` of the line. So a line's words share its quad edge to edge, cut in the middle
// of each space (the first word starts where the line starts, the last ends where it ends). PaddleOCR's
// return_word_box cuts between the first and last characters' columns instead, which clips the first
// letter: the column where CTC emits a letter is often past its left edge.
import type { OcrWord } from '../expert.ts';
import type { Point } from '../../imageOps/fillPolygon.ts';
import type { CtcChar } from './ctcDecode.ts';
import type { Quad } from './textRecognition.ts';

export interface ReadLine {
  /** Corners in reading order in the photo's pixels (corner 0 → 1 along the text). */
  readonly quad: Quad;
  readonly chars: readonly CtcChar[];
  readonly columnWidth: number;
}

const lerp = (a: Point, b: Point, t: number): [number, number] => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
const round2 = ([x, y]: readonly [number, number]): [number, number] => [Math.round(x * 100) / 100, Math.round(y * 100) / 100];

/** The line's words, each with the mean probability of its characters and its slice of the line's quad. */
export function lineWords(line: ReadLine): OcrWord[] {
  const words: OcrWord[] = [];
  const [p0, p1, p2, p3] = line.quad;
  let run: CtcChar[] = [];
  let start = 0;
  const flush = (end: number) => {
    if (run.length > 0) {
      const t0 = Math.max(0, Math.min(1, start));
      const t1 = Math.max(t0, Math.min(1, end));
      words.push({
        text: run.map((c) => c.char).join(''),
        score: run.reduce((sum, c) => sum + c.prob, 0) / run.length,
        polygon: [lerp(p0, p1, t0), lerp(p0, p1, t1), lerp(p3, p2, t1), lerp(p3, p2, t0)].map(round2),
      });
    }
    run = [];
    start = end;
  };
  for (const c of line.chars) {
    if (c.char.trim() === '') flush((c.column + 0.5) * line.columnWidth);
    else run.push(c);
  }
  flush(1);
  return words;
}
