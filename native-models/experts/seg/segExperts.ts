// Semantic segmentation. SegFormer (ADE20K-150): logits [1,150,h/4,w/4] → bilinear to the image → argmax.
// MaskFormer (COCO panoptic, 133 classes): per pixel Σ_q softmax(class_q)[c] · sigmoid(mask_q) → argmax
// (the "no object" class excluded), as Hugging Face's semantic post-processing does.
// Saved label map (spec): the class id per pixel (0…132 for COCO), greyscale; plus class shares.
import { imagenetMean, imagenetStd } from '../../imageOps/normalise.ts';
import { resizeBilinear } from '../../imageOps/resizeFloatMap.ts';
import type { Feeds } from '../../runtime/modelRuntime.ts';
import { readClassLabels } from '../classLabels.ts';
import { requireModelFile, type ClassShare, type Expert, type ExpertOutput, type FloatMap, type RgbImage } from '../expert.ts';
import { imageFeeds } from '../imageFeeds.ts';

export interface SegModelSpec {
  readonly modelId: string;
  readonly kind: 'segformer' | 'maskformer';
  readonly labelSpace: 'ade150' | 'coco133';
  readonly classes: number;
  readonly inputName: string;
  /** Square input side (SegFormer 512) or shorter side (MaskFormer, multiple of 32, longer ≤ 2×). */
  readonly size: number;
}

export const segformerAde: SegModelSpec = { modelId: 'segformer-b0-ade', kind: 'segformer', labelSpace: 'ade150', classes: 150, inputName: 'pixel_values', size: 512 };
export const maskformerCoco: SegModelSpec = { modelId: 'maskformer-swin-tiny-coco', kind: 'maskformer', labelSpace: 'coco133', classes: 133, inputName: 'pixel_values', size: 480 };

/** Per-class scores (class-major: classes × pixels) at some resolution. */
interface ClassScores {
  readonly width: number;
  readonly height: number;
  readonly classes: number;
  readonly data: Float32Array;
}

function inputSize(spec: SegModelSpec, width: number, height: number): { width: number; height: number } {
  if (spec.kind === 'segformer') return { width: spec.size, height: spec.size };
  const scale = spec.size / Math.min(width, height);
  const round32 = (v: number) => Math.max(32, Math.round(v / 32) * 32);
  return { width: round32(Math.min(width * scale, spec.size * 2)), height: round32(Math.min(height * scale, spec.size * 2)) };
}

export function maskformerScores(classLogits: Float32Array, maskLogits: Float32Array, queries: number, classesWithNull: number, width: number, height: number): ClassScores {
  const classes = classesWithNull - 1;
  const plane = width * height;
  const probabilities = new Float32Array(queries * classes);
  for (let q = 0; q < queries; q++) {
    const row = classLogits.subarray(q * classesWithNull, (q + 1) * classesWithNull);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    for (let c = 0; c < classes; c++) probabilities[q * classes + c] = Math.exp(row[c]! - max) / sum;
  }
  const out = new Float32Array(classes * plane);
  for (let q = 0; q < queries; q++) {
    const mask = maskLogits.subarray(q * plane, (q + 1) * plane);
    for (let c = 0; c < classes; c++) {
      const p = probabilities[q * classes + c]!;
      if (p < 1e-4) continue;
      const target = out.subarray(c * plane, (c + 1) * plane);
      for (let i = 0; i < plane; i++) target[i]! += p / (1 + Math.exp(-mask[i]!));
    }
  }
  return { width, height, classes, data: out };
}

/** Upsamples class scores to the image and takes the argmax; returns class ids and their shares. */
export function argmaxAtImageSize(scores: ClassScores, width: number, height: number): { ids: Uint8Array; counts: Uint32Array } {
  const plane = scores.width * scores.height;
  const hwc = new Float32Array(plane * scores.classes);
  for (let c = 0; c < scores.classes; c++) for (let i = 0; i < plane; i++) hwc[i * scores.classes + c] = scores.data[c * plane + i]!;
  const up: FloatMap = resizeBilinear({ width: scores.width, height: scores.height, channels: scores.classes, data: hwc }, width, height);
  const ids = new Uint8Array(width * height);
  const counts = new Uint32Array(scores.classes);
  for (let i = 0; i < ids.length; i++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let c = 0; c < scores.classes; c++) {
      const v = up.data[i * scores.classes + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    ids[i] = best;
    counts[best]!++;
  }
  return { ids, counts };
}

export function createSegExpert(spec: SegModelSpec, modelVersion: string): Expert<Feeds, ClassScores> {
  return {
    id: 'seg',
    modelId: spec.modelId,
    modelVersion,
    isFallback: false,
    preprocess(image) {
      return imageFeeds(image, spec.inputName, inputSize(spec, image.width, image.height), { mean: imagenetMean, std: imagenetStd });
    },
    async infer(feeds, context) {
      const outputs = await context.runtime.run(requireModelFile(context, 'The segmentation model'), feeds);
      if (spec.kind === 'segformer') {
        const logits = outputs.logits;
        if (!logits) throw new Error('The SegFormer model did not return "logits".');
        return { classes: logits.dims[1]!, height: logits.dims[2]!, width: logits.dims[3]!, data: logits.data as Float32Array };
      }
      const classLogits = outputs.class_queries_logits;
      const maskLogits = outputs.masks_queries_logits;
      if (!classLogits || !maskLogits) throw new Error('The MaskFormer model did not return class_queries_logits and masks_queries_logits.');
      return maskformerScores(classLogits.data as Float32Array, maskLogits.data as Float32Array, classLogits.dims[1]!, classLogits.dims[2]!, maskLogits.dims[3]!, maskLogits.dims[2]!);
    },
    postprocess(scores, image: RgbImage, context): ExpertOutput {
      const labels = readClassLabels(context.modelFiles.config, scores.classes);
      const { ids, counts } = argmaxAtImageSize(scores, image.width, image.height);
      const total = ids.length;
      const classShares: ClassShare[] = [];
      counts.forEach((n, classId) => {
        if (n > 0) classShares.push({ classId, label: labels[classId]!, share: n / total });
      });
      classShares.sort((a, b) => b.share - a.share);
      return {
        expert: 'seg',
        modelId: spec.modelId,
        modelVersion,
        isFallback: false,
        labelMap: { width: image.width, height: image.height, channels: 1, data: ids },
        labelMeta: { labelSpace: spec.labelSpace },
        stats: { labelSpace: spec.labelSpace, classCount: classShares.length },
        classShares,
      };
    },
  };
}
