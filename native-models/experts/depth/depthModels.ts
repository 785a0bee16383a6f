// The depth models the depth expert can run, with their input conventions. DPT-Hybrid is the official
// expert (Prismer runs it at 480×480, mean = std = 0.5); Depth Anything V2 small is the fast choice
// (518 px on the short side, multiple of 14, ImageNet mean/std). Both output relative inverse depth
// (larger = nearer) as `predicted_depth`.
import { imagenetMean, imagenetStd } from '../../imageOps/normalise.ts';

export interface DepthModelSpec {
  readonly modelId: string;
  readonly inputName: string;
  readonly outputName: string;
  /** 'square': resize to size × size; 'keep-aspect': shorter side to size, both sides multiples of `multiple`. */
  readonly resize: 'square' | 'keep-aspect';
  readonly size: number;
  readonly multiple: number;
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
}

export const dptHybrid: DepthModelSpec = {
  modelId: 'dpt-hybrid-midas',
  inputName: 'pixel_values',
  outputName: 'predicted_depth',
  resize: 'square',
  size: 480,
  multiple: 1,
  mean: [0.5, 0.5, 0.5],
  std: [0.5, 0.5, 0.5],
};

export const depthAnythingV2Small: DepthModelSpec = {
  modelId: 'depth-anything-v2-small',
  inputName: 'pixel_values',
  outputName: 'predicted_depth',
  resize: 'keep-aspect',
  size: 518,
  multiple: 14,
  mean: imagenetMean,
  std: imagenetStd,
};

/** Shorter side scaled to `size`, both sides rounded to multiples of `multiple` (ViT patch grids). */
export function keepAspectSize(width: number, height: number, size: number, multiple: number): { width: number; height: number } {
  const scale = size / Math.min(width, height);
  const round = (v: number) => Math.max(multiple, Math.round((v * scale) / multiple) * multiple);
  return { width: round(width), height: round(height) };
}

/** The model input size for an image of width × height. */
export function depthInputSize(spec: DepthModelSpec, width: number, height: number): { width: number; height: number } {
  return spec.resize === 'square' ? { width: spec.size, height: spec.size } : keepAspectSize(width, height, spec.size, spec.multiple);
}
