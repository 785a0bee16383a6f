// The optional 0°/180° text-line classifier (PaddleOCR's use_angle_cls): a line read upside down (a
// photo held the wrong way, a vertical line turned the wrong way by the quarter turn) is turned when the
// classifier is more than 90% sure. Input 3 × 48 × 192, normalised like recognition.
import type { RgbImage } from '../expert.ts';
import { TensorClass, type ModelRuntime } from '../../runtime/modelRuntime.ts';
import { writeLineTensor, type LineCrop, type Quad } from './textRecognition.ts';

export interface OrientationParams {
  /** Probability of "180°" above which a line is turned (PaddleOCR cls_thresh). */
  readonly threshold: number;
  readonly batchSize: number;
}

export const defaultOrientationParams: OrientationParams = { threshold: 0.9, batchSize: 6 };

const height = 48;
const width = 192;

/** For each line, whether the classifier is confident it is upside down. */
export async function upsideDown(
  runtime: ModelRuntime,
  modelPath: string,
  lines: readonly RgbImage[],
  params: OrientationParams = defaultOrientationParams,
): Promise<boolean[]> {
  const info = await runtime.load(modelPath);
  const flags: boolean[] = [];
  for (let start = 0; start < lines.length; start += params.batchSize) {
    const batch = lines.slice(start, start + params.batchSize);
    const data = new Float32Array(batch.length * 3 * height * width);
    batch.forEach((line, n) => {
      writeLineTensor(data, n, line, height, Math.max(1, Math.min(width, Math.ceil((height * line.width) / line.height))), width);
    });
    const output = (await runtime.run(modelPath, { [info.inputNames[0]!]: new TensorClass('float32', data, [batch.length, 3, height, width]) }))[
      info.outputNames[0]!
    ];
    if (!output || output.dims[1] !== 2) throw new Error(`The text orientation classifier ${modelPath} did not return two classes.`);
    const probs = output.data as Float32Array;
    batch.forEach((_, n) => flags.push(probs[n * 2 + 1]! > probs[n * 2]! && probs[n * 2 + 1]! > params.threshold));
  }
  return flags;
}

/** The same line turned half a turn: pixels reversed, corners shifted by two. */
export function turnLine(line: LineCrop): LineCrop {
  const { width: w, height: h, data } = line.image;
  const out = new Uint8Array(data.length);
  const pixels = w * h;
  for (let i = 0; i < pixels; i++) {
    const j = pixels - 1 - i;
    out[j * 3] = data[i * 3]!;
    out[j * 3 + 1] = data[i * 3 + 1]!;
    out[j * 3 + 2] = data[i * 3 + 2]!;
  }
  const [p0, p1, p2, p3] = line.quad;
  const quad: Quad = [p2, p3, p0, p1];
  return { quad, image: { width: w, height: h, data: out } };
}
