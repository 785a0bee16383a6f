// What differs between detector families: how the photo enters the network (frame, channel order, scale)
// and how the raw outputs become scored boxes. The detection expert does the rest the same way for all —
// threshold, non-maximum suppression where the family needs it, class names, the spec's instance map.
import type { Outputs } from '../../runtime/modelRuntime.ts';
import type { Detection, RgbImage } from '../expert.ts';
import type { FrameFit, ModelFrame, PixelLayout } from './modelFrame.ts';

/** A scored box before class names are attached; box in photo pixels. */
export type Candidate = Pick<Detection, 'classId' | 'score' | 'box'>;

export interface DetectorDecoder {
  readonly fit: FrameFit;
  readonly layout: PixelLayout;
  /** Input side(s) when the model does not fix them. */
  readonly defaultSize: { readonly width: number; readonly height: number };
  /** IoU above which a same-class box is a duplicate (YOLO families); null for set-based detectors (DETR). */
  readonly nmsIou: number | null;
  /** Scored boxes at or above `threshold`, and how many classes the outputs carry. */
  decode(outputs: Outputs, frame: ModelFrame, image: Pick<RgbImage, 'width' | 'height'>, threshold: number): { candidates: Candidate[]; classes: number };
}

/** The only output of a single-output detector, or a clear error. */
export function singleOutput(outputs: Outputs, family: string): { data: Float32Array; dims: readonly number[] } {
  const tensor = Object.values(outputs)[0];
  if (!tensor) throw new Error(`The ${family} detector returned no output.`);
  return { data: tensor.data as Float32Array, dims: tensor.dims };
}

/** The index and value of the largest of `count` values from `offset` with `stride`. */
export function argmax(data: Float32Array, offset: number, count: number, stride = 1): { index: number; value: number } {
  let index = 0;
  let value = -Infinity;
  for (let c = 0; c < count; c++) {
    const v = data[offset + c * stride]!;
    if (v > value) {
      value = v;
      index = c;
    }
  }
  return { index, value };
}
