// Text detection with PP-OCRv4's DB model: the photo is resized so its longer side is at most 960 pixels
// and both sides are multiples of 32 (the network downsamples by 32), normalised as PaddleOCR's det
// pre-processing does (x/255, ImageNet mean and std, in BGR channel order: PaddleOCR decodes with OpenCV
// and its models were trained that way), run, and the probability map is turned into boxes.
import type { RgbImage } from '../expert.ts';
import { imagenetMean, imagenetStd, rgbToChw } from '../../imageOps/normalise.ts';
import { resizeRgb } from '../../imageOps/resizeRgb.ts';
import { TensorClass, type ModelRuntime } from '../../runtime/modelRuntime.ts';
import { defaultDbParams, textBoxes, type DbParams, type ProbabilityMap, type TextBox } from './dbPostprocess.ts';

export interface DetectionParams extends DbParams {
  /** Longest side of the detector's input (PaddleOCR det_limit_side_len with det_limit_type 'max'). */
  readonly limitSideLength: number;
}

export const defaultDetectionParams: DetectionParams = { ...defaultDbParams, limitSideLength: 960 };

/** The detector's input tensor, NCHW float32, with the sizes needed to map its output back. */
export interface DetectionInput {
  readonly data: Float32Array;
  readonly width: number;
  readonly height: number;
  readonly sourceWidth: number;
  readonly sourceHeight: number;
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** PaddleOCR's DetResizeForTest (limit type 'max'): shrink to the limit if larger, round to multiples of 32. */
export function detectionSize(width: number, height: number, limitSideLength: number): { width: number; height: number } {
  const ratio = Math.max(width, height) > limitSideLength ? limitSideLength / Math.max(width, height) : 1;
  const to32 = (n: number) => Math.max(32, roundHalfEven(Math.trunc(n * ratio) / 32) * 32);
  return { width: to32(width), height: to32(height) };
}

export function detectionInput(image: RgbImage, limitSideLength = defaultDetectionParams.limitSideLength): DetectionInput {
  const size = detectionSize(image.width, image.height, limitSideLength);
  const resized = resizeRgb(image, size.width, size.height);
  // Tensor channel 0 is blue; the mean and std go by tensor channel, as in PaddleOCR.
  const data = rgbToChw(resized.data, size.width, size.height, { mean: imagenetMean, std: imagenetStd, bgr: true });
  return { data, width: size.width, height: size.height, sourceWidth: image.width, sourceHeight: image.height };
}

/** Runs the detector: the text probability of every input pixel. */
export async function detectionMap(runtime: ModelRuntime, modelPath: string, input: DetectionInput): Promise<ProbabilityMap> {
  const info = await runtime.load(modelPath);
  const feeds = { [info.inputNames[0]!]: new TensorClass('float32', input.data, [1, 3, input.height, input.width]) };
  const output = (await runtime.run(modelPath, feeds))[info.outputNames[0]!];
  if (!output) throw new Error(`The text detector ${modelPath} returned no output.`);
  const [, , h, w] = output.dims;
  if (h !== input.height || w !== input.width) {
    throw new Error(`The text detector ${modelPath} returned a ${w}×${h} map for a ${input.width}×${input.height} input; it is not a DB detector.`);
  }
  return { width: input.width, height: input.height, data: output.data as Float32Array };
}

export async function detectText(runtime: ModelRuntime, modelPath: string, input: DetectionInput, params: DbParams = defaultDbParams): Promise<TextBox[]> {
  return textBoxes(await detectionMap(runtime, modelPath, input), input.sourceWidth, input.sourceHeight, params);
}
