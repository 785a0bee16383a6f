// Text-line recognition with PP-OCRv4's SVTR-LCNet model, as PaddleOCR's TextRecognizer does it: each
// detected box is cut out of the photo upright (a perspective crop; boxes at least 1.5× taller than wide
// are turned a quarter counter-clockwise, as vertical lines are), resized to height 48 keeping its aspect,
// normalised to [−1, 1] in BGR order, right-padded with zeros to the widest line of its batch (at least
// 320 pixels), run in batches of lines of similar aspect, and CTC-decoded. Two departures, both for Latin
// text and both measured: the crop keeps a band above and below the box (cropLine), and blank columns
// with a clear space probability read as spaces (ctcDecode.ts).
import type { RgbImage } from '../expert.ts';
import { cropQuad } from '../../imageOps/cropQuad.ts';
import type { Point } from '../../imageOps/fillPolygon.ts';
import { resizeRgb } from '../../imageOps/resizeRgb.ts';
import { TensorClass, type ModelRuntime } from '../../runtime/modelRuntime.ts';
import { ctcGreedyDecode, type CtcResult } from './ctcDecode.ts';

export type Quad = readonly [Point, Point, Point, Point];

export interface RecognitionParams {
  /** The model's input height (rec_image_shape 3, 48, 320). */
  readonly imageHeight: number;
  /** Narrowest padded input width. */
  readonly minWidth: number;
  /** Lines per model call (PaddleOCR rec_batch_num). */
  readonly batchSize: number;
  /** Space probability at which a blank column between characters reads as a space (see ctcDecode.ts). */
  readonly spaceThreshold: number;
  /** Extra band above and below each line in the crop, as a share of the line's height (see cropLine). */
  readonly cropMargin: number;
}

export const defaultRecognitionParams: RecognitionParams = { imageHeight: 48, minWidth: 320, batchSize: 6, spaceThreshold: 0.02, cropMargin: 0.15 };

/** A text line cut out upright, with its corners in reading order (corner 0 → 1 runs along the text). */
export interface LineCrop {
  readonly quad: Quad;
  readonly image: RgbImage;
}

export interface RecognizedLine extends CtcResult {
  /** The share of the line's length one output column spans (to place characters along the quad). */
  readonly columnWidth: number;
}

const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * PaddleOCR's get_rotate_crop_image: the box's longer top/bottom edge is the width, its longer side the
 * height, and a box at least 1.5× taller than wide is a vertical line, turned a quarter counter-clockwise.
 * Unlike PaddleOCR, the crop reaches `margin` × height above and below the box: DB's boxes hug Latin
 * text, and with no band around the letters the recogniser drops most spaces between words (measured on
 * rendered lines: "Exit12MainStreet,2km" without, "Exit 12 Main Street, 2 km" with 0.15). The margin is
 * only across the line, so positions along the crop are positions along the returned quad.
 */
export function cropLine(image: RgbImage, corners: Quad, margin = 0): LineCrop {
  const [p0, p1, p2, p3] = corners;
  let width = Math.max(1, Math.trunc(Math.max(distance(p0, p1), distance(p3, p2))));
  let height = Math.max(1, Math.trunc(Math.max(distance(p0, p3), distance(p1, p2))));
  let quad: Quad = corners;
  if (height / width >= 1.5) {
    // np.rot90: the old top-right corner becomes the top-left.
    quad = [p1, p2, p3, p0];
    [width, height] = [height, width];
  }
  const [q0, q1, q2, q3] = quad;
  const band = margin * height;
  const extend = (top: Point, bottom: Point): [Point, Point] => {
    const length = distance(top, bottom) || 1;
    const dx = ((bottom[0] - top[0]) / length) * band;
    const dy = ((bottom[1] - top[1]) / length) * band;
    return [
      [top[0] - dx, top[1] - dy],
      [bottom[0] + dx, bottom[1] + dy],
    ];
  };
  const [t0, b3] = extend(q0, q3);
  const [t1, b2] = extend(q1, q2);
  const padded = Math.max(1, Math.round(height + 2 * band));
  return { quad, image: cropQuad(image, [t0, t1, b2, b3], width, padded) };
}

/** Writes one line, resized to `height` × `resizedWidth` and normalised to [−1, 1] in BGR, into item `n`
 * of an NCHW batch `paddedWidth` wide. */
export function writeLineTensor(
  target: Float32Array,
  n: number,
  line: RgbImage,
  height: number,
  resizedWidth: number,
  paddedWidth: number,
): void {
  const resized = resizeRgb(line, resizedWidth, height);
  const plane = height * paddedWidth;
  for (let c = 0; c < 3; c++) {
    const source = 2 - c;
    const base = (n * 3 + c) * plane;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < resizedWidth; x++) {
        target[base + y * paddedWidth + x] = resized.data[(y * resizedWidth + x) * 3 + source]! / 127.5 - 1;
      }
    }
  }
}

export async function recognizeLines(
  runtime: ModelRuntime,
  modelPath: string,
  charset: readonly string[],
  lines: readonly RgbImage[],
  params: RecognitionParams = defaultRecognitionParams,
): Promise<RecognizedLine[]> {
  const info = await runtime.load(modelPath);
  const results: RecognizedLine[] = new Array(lines.length);
  const order = lines.map((_, i) => i).sort((a, b) => lines[a]!.width / lines[a]!.height - lines[b]!.width / lines[b]!.height);
  const h = params.imageHeight;
  for (let start = 0; start < order.length; start += params.batchSize) {
    const batch = order.slice(start, start + params.batchSize);
    const maxRatio = Math.max(params.minWidth / h, ...batch.map((i) => lines[i]!.width / lines[i]!.height));
    const paddedWidth = Math.trunc(h * maxRatio);
    const data = new Float32Array(batch.length * 3 * h * paddedWidth);
    const resizedWidths = batch.map((i, n) => {
      const line = lines[i]!;
      const resizedWidth = Math.max(1, Math.min(paddedWidth, Math.ceil((h * line.width) / line.height)));
      writeLineTensor(data, n, line, h, resizedWidth, paddedWidth);
      return resizedWidth;
    });
    const feeds = { [info.inputNames[0]!]: new TensorClass('float32', data, [batch.length, 3, h, paddedWidth]) };
    const output = (await runtime.run(modelPath, feeds))[info.outputNames[0]!];
    if (!output || output.dims.length !== 3) throw new Error(`The text recognizer ${modelPath} did not return [lines, columns, classes].`);
    const columns = output.dims[1]!;
    const classes = output.dims[2]!;
    const probs = output.data as Float32Array;
    batch.forEach((i, n) => {
      const decoded = ctcGreedyDecode(probs, columns, classes, charset, n * columns * classes, { spaceThreshold: params.spaceThreshold });
      results[i] = { ...decoded, columnWidth: paddedWidth / columns / resizedWidths[n]! };
    });
  }
  return results;
}
