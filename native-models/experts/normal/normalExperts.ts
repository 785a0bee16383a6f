// Surface normals. With an ONNX normal estimator (Metric3D ViT-small: raw 0–255 RGB, 518 px short side,
// multiple of 14, output `pred_normal` [1,3,h,w] in [−1,1]); without one, normals derived from the depth
// map's gradients, labelled as derived. Saved label map (spec): (n + 1) / 2 clipped to [0,1], bilinear
// resize to the image size, RGB.
import { resizeBilinear } from '../../imageOps/resizeFloatMap.ts';
import type { Feeds } from '../../runtime/modelRuntime.ts';
import { keepAspectSize } from '../depth/depthModels.ts';
import { requireModelFile, type Expert, type ExpertOutput, type FloatMap, type LabelMap, type RgbImage } from '../expert.ts';
import { imageFeeds } from '../imageFeeds.ts';

/** Unit normals (HWC, 3 channels, in [−1,1]) → the spec's RGB map at image size, and mean facing. */
function normalLabelMap(normals: FloatMap, image: RgbImage): Pick<ExpertOutput, 'labelMap' | 'stats'> {
  const unit = new Float32Array(normals.data.length);
  for (let i = 0; i < unit.length; i++) unit[i] = Math.min(1, Math.max(0, (normals.data[i]! + 1) / 2));
  const full = resizeBilinear({ ...normals, data: unit }, image.width, image.height);
  const data = new Uint8Array(full.data.length);
  let facing = 0;
  for (let i = 0; i < data.length; i++) data[i] = Math.round(full.data[i]! * 255);
  for (let i = 2; i < unit.length; i += 3) facing += unit[i]! * 2 - 1;
  const labelMap: LabelMap = { width: image.width, height: image.height, channels: 3, data };
  return { labelMap, stats: { meanFacingCamera: unit.length ? facing / (unit.length / 3) : 0 } };
}

/** Normals from a depth map where larger = nearer: n ∝ (−∂z/∂x, −∂z/∂y, 1) with z scaled to the image. */
export function normalsFromDepth(depth: Uint8Array, width: number, height: number, strength = 8): FloatMap {
  const out = new Float32Array(width * height * 3);
  const at = (x: number, y: number) => depth[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]! / 255;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = ((at(x + 1, y) - at(x - 1, y)) / 2) * strength * Math.min(width, height) / 64;
      const dy = ((at(x, y + 1) - at(x, y - 1)) / 2) * strength * Math.min(width, height) / 64;
      // Nearer-is-larger depth: a surface rising to the right faces left (−x); image y points down.
      const nx = 0 - dx; // never −0
      const ny = dy;
      const nz = 1;
      const length = Math.hypot(nx, ny, nz);
      const i = (y * width + x) * 3;
      out[i] = nx / length;
      out[i + 1] = ny / length;
      out[i + 2] = nz / length;
    }
  }
  return { width, height, channels: 3, data: out };
}

export const normalsFromDepthExpert: Expert<{ depth: Uint8Array; width: number; height: number }, FloatMap> = {
  id: 'normal',
  modelId: 'depth-gradient',
  modelVersion: '1',
  isFallback: true,
  needs: ['depth'],
  preprocess(image, context) {
    const depth = context.previous.get('depth')?.labelMap;
    if (!depth) throw new Error('Normals from depth need the depth expert to run first.');
    return { depth: depth.data, width: depth.width, height: depth.height };
  },
  infer({ depth, width, height }) {
    return normalsFromDepth(depth, width, height);
  },
  postprocess(normals, image) {
    return { expert: 'normal', modelId: 'depth-gradient', modelVersion: '1', isFallback: true, ...normalLabelMap(normals, image) };
  },
};

export interface NormalModelSpec {
  readonly modelId: string;
  readonly inputName: string;
  readonly outputName: string;
}

export const metric3dVitSmall: NormalModelSpec = { modelId: 'metric3d-vit-small', inputName: 'pixel_values', outputName: 'pred_normal' };

export function createNormalModelExpert(spec: NormalModelSpec, modelVersion: string): Expert<Feeds, FloatMap> {
  return {
    id: 'normal',
    modelId: spec.modelId,
    modelVersion,
    isFallback: false,
    preprocess(image) {
      return imageFeeds(image, spec.inputName, keepAspectSize(image.width, image.height, 518, 14), { mean: [0, 0, 0], std: [1, 1, 1], scale: 1 });
    },
    async infer(feeds, context) {
      const outputs = await context.runtime.run(requireModelFile(context, 'The surface-normal model'), feeds, [spec.outputName]);
      const tensor = outputs[spec.outputName]!;
      const height = tensor.dims.at(-2)!;
      const width = tensor.dims.at(-1)!;
      const chw = tensor.data as Float32Array;
      const plane = width * height;
      const hwc = new Float32Array(plane * 3);
      for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) hwc[i * 3 + c] = chw[c * plane + i]!;
      return { width, height, channels: 3, data: hwc };
    },
    postprocess(normals, image) {
      return { expert: 'normal', modelId: spec.modelId, modelVersion, isFallback: false, ...normalLabelMap(normals, image) };
    },
  };
}
