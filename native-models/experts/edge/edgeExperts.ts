// Edges. DexiNed (the official expert, ONNX from OpenCV's zoo: BGR, ImageNet mean subtracted on the 0–255
// scale) and LDC (RGB 0–255): the fused output (last) through a sigmoid. Canny: the classical fallback, labelled so.
// Saved label map (spec): edge probability min–max to 0–255, then inverted — edges dark, greyscale.
import { resizeRgbBilinear } from '../../imageOps/decodeRgb.ts';
import { minMaxNormalise, sigmoid } from '../../imageOps/normalise.ts';
import { resizeBilinear } from '../../imageOps/resizeFloatMap.ts';
import type { Feeds } from '../../runtime/modelRuntime.ts';
import { requireModelFile, type Expert, type ExpertOutput, type FloatMap, type RgbImage } from '../expert.ts';
import { imageFeeds } from '../imageFeeds.ts';
import { canny, toGrey } from './canny.ts';

/** Probabilities in [0,1] at image size → the spec's inverted 8-bit map, plus the share of edge pixels. */
function edgeLabelMap(probability: FloatMap, image: RgbImage): Pick<ExpertOutput, 'labelMap' | 'stats'> {
  const unit = minMaxNormalise(resizeBilinear(probability, image.width, image.height).data);
  const data = new Uint8Array(unit.length);
  let strong = 0;
  for (let i = 0; i < unit.length; i++) {
    data[i] = 255 - Math.max(0, Math.min(255, Math.round(unit[i]! * 255)));
    if (unit[i]! > 0.5) strong++;
  }
  return { labelMap: { width: image.width, height: image.height, channels: 1, data }, stats: { edgeShare: unit.length ? strong / unit.length : 0 } };
}

/**
 * A DexiNed-family edge network (DexiNed, LDC): several side outputs [1,1,h,w], the fused one last, as
 * logits. The families differ in input size and how pixels are presented.
 */
export interface DexinedSpec {
  readonly modelId: string;
  readonly inputName: string;
  /** Model input size; the OpenCV zoo DexiNed export is fixed at 512², the official expert runs at 480. */
  readonly width: number;
  readonly height: number;
  /** Subtracted per channel (in the input's channel order) on the 0–255 scale. */
  readonly mean: readonly [number, number, number];
  readonly bgr: boolean;
}

export const dexinedOpencvZoo: DexinedSpec = { modelId: 'dexined-opencv-2024sep', inputName: 'img', width: 512, height: 512, mean: [103.5, 116.2, 123.6], bgr: true };

/** LDC (the lightweight DexiNed, trained on BIPED) as exported at 640×360: RGB 0–255, nothing subtracted. */
export const ldcDefaults: Omit<DexinedSpec, 'modelId'> = { inputName: 'input_image', width: 640, height: 360, mean: [0, 0, 0], bgr: false };

export function createDexinedExpert(spec: DexinedSpec, modelVersion: string): Expert<Feeds, FloatMap> {
  return {
    id: 'edge',
    modelId: spec.modelId,
    modelVersion,
    isFallback: false,
    preprocess(image) {
      return imageFeeds(image, spec.inputName, { width: spec.width, height: spec.height }, { mean: spec.mean, std: [1, 1, 1], scale: 1, bgr: spec.bgr });
    },
    async infer(feeds, context) {
      const outputs = await context.runtime.run(requireModelFile(context, 'The DexiNed edge model'), feeds);
      const names = Object.keys(outputs);
      const fused = outputs[names.at(-1)!]!;
      const height = fused.dims.at(-2)!;
      const width = fused.dims.at(-1)!;
      const logits = fused.data as Float32Array;
      const plane = logits.subarray(logits.length - width * height);
      return { width, height, channels: 1, data: plane.map(sigmoid) };
    },
    postprocess(probability, image) {
      return { expert: 'edge', modelId: spec.modelId, modelVersion, isFallback: false, ...edgeLabelMap(probability, image) };
    },
  };
}

/** Canny at up to 1024 px on the long side (detail beyond that is noise for the map). */
export const cannyExpert: Expert<{ grey: Float32Array; width: number; height: number }, FloatMap> = {
  id: 'edge',
  modelId: 'canny',
  modelVersion: '1',
  isFallback: true,
  async preprocess(image) {
    const scale = Math.min(1, 1024 / Math.max(image.width, image.height));
    const width = Math.max(1, Math.round(image.width * scale));
    const height = Math.max(1, Math.round(image.height * scale));
    const small = await resizeRgbBilinear(image, width, height);
    return { grey: toGrey(small.data, width, height), width, height };
  },
  infer({ grey, width, height }) {
    const edges = canny(grey, width, height);
    return { width, height, channels: 1, data: Float32Array.from(edges) };
  },
  postprocess(probability, image) {
    return { expert: 'edge', modelId: 'canny', modelVersion: '1', isFallback: true, ...edgeLabelMap(probability, image) };
  },
};
