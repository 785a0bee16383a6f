// DB (Differentiable Binarization) post-processing, as PaddleOCR's DBPostProcess does it: threshold the
// text probability map, take each connected region, fit its minimum-area rectangle, score it by the mean
// probability inside, grow ("unclip") it back to the full text extent — the network was trained to
// predict text regions shrunk by DB's offset D = A(1 − r²)/L — and scale it to the photo's pixels.
// Coordinates are continuous (pixel (x, y) is the square [x, x+1) × [y, y+1)); a region's points are its
// pixel centres, as OpenCV's contours are.
import { connectedComponents } from '../../imageOps/connectedComponents.ts';
import { polygonSpans, type Point } from '../../imageOps/fillPolygon.ts';
import { growRect, minAreaRect, type RotatedRect } from '../../imageOps/rotatedRect.ts';

export interface DbParams {
  /** Probability above which a pixel is text (PaddleOCR det_db_thresh). */
  readonly threshold: number;
  /** Regions whose mean probability is lower are dropped (det_db_box_thresh). */
  readonly boxThreshold: number;
  /** How far regions are grown: by area × ratio / perimeter (det_db_unclip_ratio). */
  readonly unclipRatio: number;
  /** At most this many regions are considered (PaddleOCR's max_candidates). */
  readonly maxCandidates: number;
  /** Regions whose rectangle is thinner than this (map pixels) are noise; after unclip, thinner than +2. */
  readonly minSize: number;
}

export const defaultDbParams: DbParams = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, maxCandidates: 1000, minSize: 3 };

/** The detector's output: one probability per pixel of the (resized) model input. */
export interface ProbabilityMap {
  readonly width: number;
  readonly height: number;
  readonly data: Float32Array;
}

export interface TextBox {
  /** Top-left, top-right, bottom-right, bottom-left in the photo's pixels. */
  readonly corners: readonly [Point, Point, Point, Point];
  /** Mean text probability inside the region's rectangle before unclip. */
  readonly score: number;
}

/** Mean probability over the pixels the rectangle touches (its pixel-centre outline grown half a pixel). */
export function boxScore(map: ProbabilityMap, rect: RotatedRect): number {
  let sum = 0;
  let n = 0;
  polygonSpans(growRect(rect, 0.5).corners, map.width, map.height, (y, x0, x1) => {
    for (let i = y * map.width + x0; i < y * map.width + x1; i++) sum += map.data[i]!;
    n += x1 - x0;
  });
  return n ? sum / n : 0;
}

/** PaddleOCR's unclip for a rectangle: every side moves out by area × ratio / perimeter. (Offsetting a
 * rectangle with round joins and refitting the minimum-area rectangle, as pyclipper + minAreaRect do,
 * gives exactly this.) */
export function unclip(rect: RotatedRect, ratio: number): RotatedRect {
  const perimeter = 2 * (rect.width + rect.height);
  return perimeter > 0 ? growRect(rect, (rect.width * rect.height * ratio) / perimeter) : rect;
}

/** Pixel centres at the left and right end of every row of every region: enough for the convex hull. */
function regionOutlines(labels: Int32Array, count: number, width: number, height: number): Point[][] {
  const outlines: Point[][] = Array.from({ length: count + 1 }, () => []);
  const row = new Int32Array(count + 1).fill(-1);
  const left = new Int32Array(count + 1);
  const right = new Int32Array(count + 1);
  const flush = (l: number) => {
    const y = row[l]! + 0.5;
    outlines[l]!.push([left[l]! + 0.5, y], [right[l]! + 0.5, y]);
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const l = labels[i]!;
      if (!l) continue;
      if (row[l] !== y) {
        if (row[l]! >= 0) flush(l);
        row[l] = y;
        left[l] = x;
      }
      right[l] = x;
    }
  }
  for (let l = 1; l <= count; l++) if (row[l]! >= 0) flush(l);
  return outlines;
}

const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Text boxes in the photo's pixels (sourceWidth × sourceHeight) from the detector's probability map. */
export function textBoxes(map: ProbabilityMap, sourceWidth: number, sourceHeight: number, params: DbParams = defaultDbParams): TextBox[] {
  const mask = new Uint8Array(map.width * map.height);
  for (let i = 0; i < mask.length; i++) mask[i] = map.data[i]! > params.threshold ? 1 : 0;
  const { count, labels } = connectedComponents(mask, map.width, map.height);
  const outlines = regionOutlines(labels, count, map.width, map.height);
  const sx = sourceWidth / map.width;
  const sy = sourceHeight / map.height;
  const clip = ([x, y]: Point): Point => [Math.min(sourceWidth, Math.max(0, x * sx)), Math.min(sourceHeight, Math.max(0, y * sy))];
  const boxes: TextBox[] = [];
  for (let l = 1; l <= Math.min(count, params.maxCandidates); l++) {
    const rect = minAreaRect(outlines[l]!);
    if (Math.min(rect.width, rect.height) < params.minSize) continue;
    const score = boxScore(map, rect);
    if (score < params.boxThreshold) continue;
    const grown = unclip(rect, params.unclipRatio);
    if (Math.min(grown.width, grown.height) < params.minSize + 2) continue;
    const corners = grown.corners.map(clip) as unknown as TextBox['corners'];
    // PaddleOCR's filter_tag_det_res: boxes 3 photo pixels thin or less are dropped.
    if (Math.trunc(distance(corners[0], corners[1])) <= 3 || Math.trunc(distance(corners[0], corners[3])) <= 3) continue;
    boxes.push({ corners, score });
  }
  return readingOrder(boxes);
}

/** PaddleOCR's sorted_boxes: by top-left corner, top to bottom, then left to right among boxes whose tops
 * are within 10 pixels (one line of text). */
export function readingOrder<T extends { readonly corners: readonly Point[] }>(boxes: readonly T[]): T[] {
  const sorted = [...boxes].sort((a, b) => a.corners[0]![1] - b.corners[0]![1] || a.corners[0]![0] - b.corners[0]![0]);
  for (let i = 0; i < sorted.length - 1; i++) {
    for (let j = i; j >= 0; j--) {
      const a = sorted[j]!.corners[0]!;
      const b = sorted[j + 1]!.corners[0]!;
      if (Math.abs(b[1] - a[1]) < 10 && b[0] < a[0]) [sorted[j], sorted[j + 1]] = [sorted[j + 1]!, sorted[j]!];
      else break;
    }
  }
  return sorted;
}
