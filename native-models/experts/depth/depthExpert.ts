// Depth: relative inverse depth from an ONNX depth model. Saved label map (spec): per-image min–max to
// [0,1], bilinear resize back to the image size, ×255, greyscale — larger is nearer. Stats: the raw
// prediction's min/max/median and the normalised median, for search and the legend.
import { median, minMax, minMaxNormalise, toBytes } from '../../imageOps/normalise.ts';
import { resizeBilinear } from '../../imageOps/resizeFloatMap.ts';
import type { Feeds } from '../../runtime/modelRuntime.ts';
import { requireModelFile, type Expert, type FloatMap, type RgbImage } from '../expert.ts';
import { imageFeeds } from '../imageFeeds.ts';
import { depthInputSize, type DepthModelSpec } from './depthModels.ts';

interface Raw {
  readonly prediction: FloatMap;
}

export function createDepthExpert(spec: DepthModelSpec, modelVersion: string): Expert<Feeds, Raw> {
  return {
    id: 'depth',
    modelId: spec.modelId,
    modelVersion,
    isFallback: false,
    preprocess(image: RgbImage): Promise<Feeds> {
      return imageFeeds(image, spec.inputName, depthInputSize(spec, image.width, image.height), { mean: spec.mean, std: spec.std });
    },
    async infer(feeds, context): Promise<Raw> {
      const outputs = await context.runtime.run(requireModelFile(context, 'The depth model'), feeds, [spec.outputName]);
      const tensor = outputs[spec.outputName];
      if (!tensor) throw new Error(`The depth model did not return "${spec.outputName}".`);
      const dims = tensor.dims;
      const height = dims.at(-2)!;
      const width = dims.at(-1)!;
      return { prediction: { width, height, channels: 1, data: tensor.data as Float32Array } };
    },
    postprocess({ prediction }, image) {
      const { min, max } = minMax(prediction.data);
      const unit: FloatMap = { ...prediction, data: minMaxNormalise(prediction.data) };
      const full = resizeBilinear(unit, image.width, image.height);
      return {
        expert: 'depth',
        modelId: spec.modelId,
        modelVersion,
        isFallback: false,
        labelMap: { width: image.width, height: image.height, channels: 1, data: toBytes(full.data) },
        stats: { min, max, median: median(prediction.data), normalisedMedian: median(unit.data) },
      };
    },
  };
}
