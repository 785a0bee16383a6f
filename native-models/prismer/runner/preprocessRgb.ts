// The encoder's `rgb` input from a decoded photo, as the spec's dataset code prepares it: resized to the
// bundle's square resolution R×R (aspect ratio not kept; bicubic, like torchvision's
// Resize((R, R), BICUBIC)), scaled to [0, 1] and normalised with CLIP's mean and std, channel-first
// [1, 3, R, R] float32.
import type { RgbImage } from '../../experts/expert.ts';
import { resizeRgbWith } from '../../imageOps/decodeRgb.ts';
import { rgbToChw } from '../../imageOps/normalise.ts';

export const clipMean = [0.48145466, 0.4578275, 0.40821073] as const;
export const clipStd = [0.26862954, 0.26130258, 0.27577711] as const;

export interface RgbTensor {
  readonly data: Float32Array;
  readonly dims: readonly [1, 3, number, number];
}

export async function prismerRgbInput(image: RgbImage, resolution: number): Promise<RgbTensor> {
  const resized = await resizeRgbWith(image, resolution, resolution, 'cubic');
  return { data: rgbToChw(resized.data, resolution, resolution, { mean: clipMean, std: clipStd }), dims: [1, 3, resolution, resolution] };
}
