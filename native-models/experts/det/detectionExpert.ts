// Object detection with any supported detector family (RT-DETR/DETR, YOLOX, YOLOv5/v8, FastestDet): the
// family's decoder frames the photo and turns outputs into scored boxes; here detections scoring ≥ 0.5
// are kept (the official expert's threshold), duplicates suppressed, class names attached (the model's
// own list, or its config.json), and the spec's instance map drawn (boxes ordered by containment and
// depth, so depth runs first), with the JSON of instance index → class beside it.
import { TensorClass, type Feeds, type Outputs } from '../../runtime/modelRuntime.ts';
import { readClassLabels } from '../classLabels.ts';
import { requireModelFile, type Detection, type Expert } from '../expert.ts';
import { dropDuplicates, instanceMap } from './boxesToInstanceMap.ts';
import type { DetectorDecoder } from './detectorDecoder.ts';
import { detrDecoder } from './detrDecoder.ts';
import { framedChw, type ModelFrame } from './modelFrame.ts';
import { nonMaxSuppression } from './nonMaxSuppression.ts';

export interface DetectorSpec {
  readonly modelId: string;
  readonly decoder: DetectorDecoder;
  readonly inputName: string;
  /** The input size; the decoder's default when absent (a model with free input dimensions). */
  readonly inputSize?: { readonly width: number; readonly height: number };
  readonly scoreThreshold: number;
  /** Class names in the model's order; absent: read from the `config` file (Hugging Face id2label). */
  readonly labels?: readonly string[];
}

export const rtDetrR18: DetectorSpec = { modelId: 'rtdetr-r18vd', decoder: detrDecoder, inputName: 'pixel_values', inputSize: { width: 640, height: 640 }, scoreThreshold: 0.5 };

interface Prepared {
  readonly feeds: Feeds;
  readonly frame: ModelFrame;
}

interface Raw {
  readonly outputs: Outputs;
  readonly frame: ModelFrame;
}

export function createDetectionExpert(spec: DetectorSpec, modelVersion: string): Expert<Prepared, Raw> {
  const { decoder } = spec;
  const size = spec.inputSize ?? decoder.defaultSize;
  return {
    id: 'det',
    modelId: spec.modelId,
    modelVersion,
    isFallback: false,
    needs: ['depth'],
    async preprocess(image) {
      const { data, frame } = await framedChw(image, size.width, size.height, decoder.fit, decoder.layout);
      return { feeds: { [spec.inputName]: new TensorClass('float32', data, [1, 3, size.height, size.width]) }, frame };
    },
    async infer({ feeds, frame }, context) {
      return { outputs: await context.runtime.run(requireModelFile(context, 'The object detector'), feeds), frame };
    },
    postprocess({ outputs, frame }, image, context) {
      const { candidates, classes } = decoder.decode(outputs, frame, image, spec.scoreThreshold);
      const labels = spec.labels ?? readClassLabels(context.modelFiles.config, classes);
      const suppressed = decoder.nmsIou === null ? candidates : nonMaxSuppression(candidates, decoder.nmsIou);
      const found: Detection[] = suppressed.map((c) => ({ ...c, label: labels[c.classId] ?? `class ${c.classId}` }));
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
        // Instance index → class; mapping these classes into Prismer's 722-class space by name is done
        // when the model's inputs are assembled (it needs the official class table).
        labelMeta: { instances: kept.map((d, index) => ({ index, classId: d.classId, label: d.label })) },
        stats: { count: kept.length, counts, depthUsed: depth !== undefined },
        detections: kept,
      };
    },
  };
}
