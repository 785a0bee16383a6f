// Object detection with an RT-DETR / D-FINE style ONNX detector (COCO-80): 640×640 input scaled to
// [0,1], outputs `logits` [1,Q,C] (sigmoid scores) and `pred_boxes` [1,Q,4] (cx, cy, w, h normalised).
// Detections scoring ≥ 0.5 are kept (the official expert's threshold); the saved label map is the
// spec's instance map (boxes ordered by containment and depth, so depth runs first), with the JSON
// of instance index → class beside it.
import { sigmoid } from '../../imageOps/normalise.ts';
import type { Feeds } from '../../runtime/modelRuntime.ts';
import { readClassLabels } from '../classLabels.ts';
import { requireModelFile, type Detection, type Expert } from '../expert.ts';
import { imageFeeds } from '../imageFeeds.ts';
import { dropDuplicates, instanceMap } from './boxesToInstanceMap.ts';

export interface DetectorSpec {
  readonly modelId: string;
  readonly inputName: string;
  readonly size: number;
  readonly scoreThreshold: number;
}

export const rtDetrR18: DetectorSpec = { modelId: 'rtdetr-r18vd', inputName: 'pixel_values', size: 640, scoreThreshold: 0.5 };

interface Raw {
  readonly logits: Float32Array;
  readonly boxes: Float32Array;
  readonly queries: number;
  readonly classes: number;
}

export function createDetectionExpert(spec: DetectorSpec, modelVersion: string): Expert<Feeds, Raw> {
  return {
    id: 'det',
    modelId: spec.modelId,
    modelVersion,
    isFallback: false,
    needs: ['depth'],
    preprocess(image) {
      return imageFeeds(image, spec.inputName, { width: spec.size, height: spec.size }, { mean: [0, 0, 0], std: [1, 1, 1] });
    },
    async infer(feeds, context) {
      const outputs = await context.runtime.run(requireModelFile(context, 'The object detector'), feeds);
      const logits = outputs.logits;
      const boxes = outputs.pred_boxes;
      if (!logits || !boxes) throw new Error('The detector did not return "logits" and "pred_boxes".');
      return { logits: logits.data as Float32Array, boxes: boxes.data as Float32Array, queries: logits.dims[1]!, classes: logits.dims[2]! };
    },
    postprocess(raw, image, context) {
      const labels = readClassLabels(context.modelFiles.config, raw.classes);
      const found: Detection[] = [];
      for (let q = 0; q < raw.queries; q++) {
        let best = 0;
        let bestScore = -Infinity;
        for (let c = 0; c < raw.classes; c++) {
          const s = raw.logits[q * raw.classes + c]!;
          if (s > bestScore) {
            bestScore = s;
            best = c;
          }
        }
        const score = sigmoid(bestScore);
        if (score < spec.scoreThreshold) continue;
        const [cx, cy, w, h] = raw.boxes.subarray(q * 4, q * 4 + 4);
        const box: Detection['box'] = [
          Math.max(0, (cx! - w! / 2) * image.width),
          Math.max(0, (cy! - h! / 2) * image.height),
          Math.min(image.width, (cx! + w! / 2) * image.width),
          Math.min(image.height, (cy! + h! / 2) * image.height),
        ];
        found.push({ label: labels[best]!, classId: best, score, box });
      }
      const kept = dropDuplicates(found);
      const depth = context.previous.get('depth')?.labelMap ?? undefined;
      const counts: Record<string, number> = {};
      for (const d of kept) counts[d.label] = (counts[d.label] ?? 0) + 1;
      return {
        expert: 'det',
        modelId: spec.modelId,
        modelVersion,
        isFallback: false,
        labelMap: instanceMap(kept, image.width, image.height, depth),
        // Instance index → class; mapping these COCO classes into Prismer's 722-class space by name is
        // done when the model's inputs are assembled (it needs the official class table).
        labelMeta: { instances: kept.map((d, index) => ({ index, classId: d.classId, label: d.label })) },
        stats: { count: kept.length, counts, depthUsed: depth !== undefined },
        detections: kept,
      };
    },
  };
}
