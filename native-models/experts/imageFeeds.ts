// The model input most experts take: the photo resized (bilinear) to width × height, normalised into a
// float32 NCHW tensor [1, 3, height, width] under the model's input name.
import { resizeRgbBilinear } from '../imageOps/decodeRgb.ts';
import { rgbToChw } from '../imageOps/normalise.ts';
import { TensorClass, type Feeds } from '../runtime/modelRuntime.ts';
import type { RgbImage } from './expert.ts';

export async function imageFeeds(
  image: RgbImage,
  inputName: string,
  size: { readonly width: number; readonly height: number },
  normalisation: Parameters<typeof rgbToChw>[3],
): Promise<Feeds> {
  const resized = await resizeRgbBilinear(image, size.width, size.height);
  const data = rgbToChw(resized.data, size.width, size.height, normalisation);
  return { [inputName]: new TensorClass('float32', data, [1, 3, size.height, size.width]) };
}
