// Semantic segmentation. SegFormer (ADE20K-150): logits [1,150,h/4,w/4] → bilinear to the image → argmax.
// MaskFormer (COCO panoptic, 133 classes): per pixel Σ_q softmax(class_q)[c] · sigmoid(mask_q) → argmax
// (the "no object" class excluded), as Hugging Face's semantic post-processing does. DeepLab-style
// (TensorFlow exports): channels-last input [1,H,W,3] in [−1,1], logits [1,h,w,C] → bilinear → argmax.
// Saved label map (spec): the class id per pixel in the label space (0…132 for COCO), greyscale; a model
// of another vocabulary (VOC-21) is mapped into COCO-133 by name, its classes without a counterpart
// (VOC's background) saved as 255, no class; plus class shares.
import { imagenetMean, imagenetStd } from '../../imageOps/normalise.ts';
import { bilinearTaps } from '../../imageOps/resizeFloatMap.ts';
import { sampleRgbBilinear } from '../../imageOps/sampleRgbBilinear.ts';
import { TensorClass, type Feeds } from '../../runtime/modelRuntime.ts';
import { readClassLabels } from '../classLabels.ts';
import { requireModelFile, type ClassShare, type Expert, type ExpertOutput, type RgbImage } from '../expert.ts';
import { imageFeeds } from '../imageFeeds.ts';

export interface SegModelSpec {
  readonly modelId: string;
  readonly kind: 'segformer' | 'maskformer' | 'deeplab';
  readonly labelSpace: 'ade150' | 'coco133';
  readonly classes: number;
  readonly inputName: string;
  /** Square input side (SegFormer 512, DeepLab 257) or shorter side (MaskFormer, multiple of 32, longer ≤ 2×). */
  readonly size: number;
  /** The model's class names when they are not the label space's own (read from `config` otherwise). */
  readonly labels?: readonly string[];
  /** Model class → label-space id (null: no counterpart, saved as 255); absent: the same ids. */
  readonly toLabelSpace?: readonly (number | null)[];
  /** Names of the label space, for the shares of a mapped model. */
  readonly labelSpaceNames?: readonly string[];
}

/** The label map's value for a pixel whose class has no counterpart in the label space. */
export const noClass = 255;

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
  if (spec.kind !== 'maskformer') return { width: spec.size, height: spec.size };
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

/**
 * Upsamples class scores to the image (bilinear, half-pixel centres, as resizeBilinear) and takes the
 * argmax; returns class ids and their counts. Interpolated and compared pixel by pixel, so the
 * classes × photo-sized float map is never made (at 21 classes on a 12 MP photo that is 1 GB).
 */
export function argmaxAtImageSize(scores: ClassScores, width: number, height: number): { ids: Uint8Array; counts: Uint32Array } {
  const { width: w0, height: h0, classes, data } = scores;
  const plane = w0 * h0;
  const same = w0 === width && h0 === height;
  const xs = bilinearTaps(w0, width);
  const ys = bilinearTaps(h0, height);
  const ids = new Uint8Array(width * height);
  const counts = new Uint32Array(classes);
  for (let y = 0; y < height; y++) {
    const y0 = ys.first[y]!;
    const y1 = ys.second[y]!;
    const wy = ys.weight[y]!;
    for (let x = 0; x < width; x++) {
      const i00 = y0 * w0 + xs.first[x]!;
      const i01 = y0 * w0 + xs.second[x]!;
      const i10 = y1 * w0 + xs.first[x]!;
      const i11 = y1 * w0 + xs.second[x]!;
      const wx = xs.weight[x]!;
      let best = 0;
      let bestValue = -Infinity;
      for (let c = 0, base = 0; c < classes; c++, base += plane) {
        // Rounded to float32 as the stored map would be, so ties break the same way.
        const v = same
          ? data[base + y * w0 + x]!
          : Math.fround((data[base + i00]! * (1 - wx) + data[base + i01]! * wx) * (1 - wy) + (data[base + i10]! * (1 - wx) + data[base + i11]! * wx) * wy);
        if (v > bestValue) {
          bestValue = v;
          best = c;
        }
      }
      ids[y * width + x] = best;
      counts[best]!++;
    }
  }
  return { ids, counts };
}

export function createSegExpert(spec: SegModelSpec, modelVersion: string): Expert<Feeds, ClassScores> {
  return {
    id: 'seg',
    modelId: spec.modelId,
    modelVersion,
    isFallback: false,
    async preprocess(image) {
      if (spec.kind === 'deeplab') return channelsLastFeeds(image, spec.inputName, spec.size);
      return imageFeeds(image, spec.inputName, inputSize(spec, image.width, image.height), { mean: imagenetMean, std: imagenetStd });
    },
    async infer(feeds, context) {
      const outputs = await context.runtime.run(requireModelFile(context, 'The segmentation model'), feeds);
      if (spec.kind === 'deeplab') {
        const logits = Object.values(outputs)[0];
        if (!logits || logits.dims.length !== 4) throw new Error('The DeepLab model did not return logits [1,h,w,classes].');
        return channelsLastToClassMajor(logits.data as Float32Array, logits.dims[2]!, logits.dims[1]!, logits.dims[3]!);
      }
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
      const labels = spec.labels ?? readClassLabels(context.modelFiles.config, scores.classes);
      const { ids, counts } = argmaxAtImageSize(scores, image.width, image.height);
      const total = ids.length;
      const classShares: ClassShare[] = [];
      let unmapped = 0;
      const map = spec.toLabelSpace;
      if (map) {
        for (let i = 0; i < ids.length; i++) ids[i] = map[ids[i]!] ?? noClass;
        const spaceCounts = new Map<number, number>();
        counts.forEach((n, classId) => {
          const target = map[classId];
          if (target === null || target === undefined) unmapped += n;
          else spaceCounts.set(target, (spaceCounts.get(target) ?? 0) + n);
        });
        for (const [classId, n] of spaceCounts) if (n > 0) classShares.push({ classId, label: spec.labelSpaceNames?.[classId] ?? `class ${classId}`, share: n / total });
      } else {
        counts.forEach((n, classId) => {
          if (n > 0) classShares.push({ classId, label: labels[classId]!, share: n / total });
        });
      }
      classShares.sort((a, b) => b.share - a.share);
      return {
        expert: 'seg',
        modelId: spec.modelId,
        modelVersion,
        isFallback: false,
        labelMap: { width: image.width, height: image.height, channels: 1, data: ids },
        labelMeta: { labelSpace: spec.labelSpace },
        stats: { labelSpace: spec.labelSpace, classCount: classShares.length, ...(map ? { unmappedShare: total ? unmapped / total : 0 } : {}) },
        classShares,
      };
    },
  };
}

/** DeepLab's input: the photo at size × size, channels last, (v / 127.5) − 1. */
function channelsLastFeeds(image: RgbImage, inputName: string, size: number): Feeds {
  // Sampled like TensorFlow's and OpenCV's bilinear resize, which the exports were made with.
  const resized = sampleRgbBilinear(image, size, size);
  const data = new Float32Array(resized.data.length);
  for (let i = 0; i < data.length; i++) data[i] = resized.data[i]! / 127.5 - 1;
  return { [inputName]: new TensorClass('float32', data, [1, size, size, 3]) };
}

/** HWC logits → the class-major scores the argmax takes. */
export function channelsLastToClassMajor(hwc: Float32Array, width: number, height: number, classes: number): ClassScores {
  const plane = width * height;
  const data = new Float32Array(plane * classes);
  for (let i = 0; i < plane; i++) for (let c = 0; c < classes; c++) data[c * plane + i] = hwc[i * classes + c]!;
  return { width, height, classes, data };
}
