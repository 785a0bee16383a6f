// The model families a user can bring, one row each: the task, how to recognise the family from the ONNX
// signature (input and output shapes), its default class names, and how to build the expert from the
// family's decoder. An imported file is matched against its task's rows: one fit is taken, several are
// named so the user picks one (`--family`), none gets each family's reason. Adding a family = its decoder
// file beside the expert plus a row here.
import type { TensorShape } from '../runtime/modelRuntime.ts';
import { depthAnythingV2Small } from './depth/depthModels.ts';
import { createDepthExpert } from './depth/depthExpert.ts';
import { createDetectionExpert } from './det/detectionExpert.ts';
import type { DetectorDecoder } from './det/detectorDecoder.ts';
import { detrDecoder } from './det/detrDecoder.ts';
import { fastestDetDecoder } from './det/fastestDetDecoder.ts';
import { yoloxCells, yoloxDecoder } from './det/yoloxDecoder.ts';
import { yoloV5Decoder, yoloV8Decoder } from './det/yoloDecoder.ts';
import { createDexinedExpert, dexinedOpencvZoo, ldcDefaults } from './edge/edgeExperts.ts';
import type { Expert } from './expert.ts';
import { familyTasks, type FamilyId, type FamilyTask } from './familyIds.ts';
import { ade150Classes, coco133Classes, coco80Classes, voc21Classes } from './labelSpaces.ts';
import { segLabelSpaces, type SegLabelSpaceId } from './labelMapping.ts';
import { createNormalModelExpert, metric3dVitSmall } from './normal/normalExperts.ts';
import { createSegExpert, type SegModelSpec } from './seg/segExperts.ts';

export { familyIds, familyTasks, type FamilyId, type FamilyTask } from './familyIds.ts';

export interface ModelIo {
  readonly inputs: readonly TensorShape[];
  readonly outputs: readonly TensorShape[];
}

/** Everything an imported model's expert is built from; plain JSON, since it travels to the worker. */
export interface FamilyParams {
  readonly family: FamilyId;
  /** The imported model's id (what its outputs are stored under). */
  readonly modelId: string;
  readonly inputName: string;
  /** Fixed by the model, else null (the family's default size is used). */
  readonly inputSize: { readonly width: number; readonly height: number } | null;
  /** The model's class names in its order (detection, segmentation). */
  readonly labels: readonly string[] | null;
  /** Segmentation: the Prismer label space the map is saved in, and model class → its id (null: none). */
  readonly labelSpace?: SegLabelSpaceId;
  readonly toLabelSpace?: readonly (number | null)[];
}

export interface ModelFamily {
  readonly id: FamilyId;
  readonly task: FamilyTask;
  readonly name: string;
  /** The signature in words, for the message when a file fits no family. */
  readonly expects: string;
  /** Why the file is not of this family, or null when it fits. */
  misfit(io: ModelIo): string | null;
  /** How many classes the outputs carry (null: no classes, or not fixed by the model). */
  classCount(io: ModelIo): number | null;
  /** The class names a model of the family usually has, used when neither the file nor the user names them. */
  readonly defaultLabels: readonly string[] | null;
  create(params: FamilyParams, modelVersion: string): Expert;
}

const fixed = (d: number | null | undefined): d is number => typeof d === 'number';
const shape = (t: TensorShape | undefined): string => (t ? `[${t.dims.map((d) => d ?? '?').join(',')}]` : 'none');

/** The one input an image network takes, NCHW ([1,3,H,W]) or NHWC ([1,H,W,3]). */
function imageInput(io: ModelIo, layout: 'nchw' | 'nhwc'): string | null {
  if (io.inputs.length !== 1) return `it has ${io.inputs.length} inputs, not one image`;
  const dims = io.inputs[0]!.dims;
  if (dims.length !== 4) return `its input is ${shape(io.inputs[0])}, not an image tensor`;
  if (layout === 'nchw' && dims[1] !== 3 && dims[1] !== null) return `its input ${shape(io.inputs[0])} is not channels-first RGB [1,3,H,W]`;
  if (layout === 'nhwc' && dims[3] !== 3) return `its input ${shape(io.inputs[0])} is not channels-last RGB [1,H,W,3]`;
  return null;
}

/** The input's fixed width and height, when the model fixes them. */
export function fixedInputSize(io: ModelIo, layout: 'nchw' | 'nhwc' = 'nchw'): { width: number; height: number } | null {
  const dims = io.inputs[0]?.dims ?? [];
  const [h, w] = layout === 'nchw' ? [dims[2], dims[3]] : [dims[1], dims[2]];
  return fixed(h) && fixed(w) ? { width: w, height: h } : null;
}

function detector(id: FamilyId, name: string, expects: string, decoder: DetectorDecoder, misfit: (io: ModelIo) => string | null, classCount: (io: ModelIo) => number | null): ModelFamily {
  return {
    id,
    task: 'det',
    name,
    expects,
    misfit: (io) => imageInput(io, 'nchw') ?? misfit(io),
    classCount,
    defaultLabels: coco80Classes,
    create: (params, version) =>
      createDetectionExpert(
        { modelId: params.modelId, decoder, inputName: params.inputName, ...(params.inputSize ? { inputSize: params.inputSize } : {}), scoreThreshold: 0.5, ...(params.labels ? { labels: params.labels } : {}) },
        version,
      ),
  };
}

/** The single 3-D output [1,A,B] of a YOLO-style head. */
function yoloHead(io: ModelIo): readonly (number | null)[] | null {
  return io.outputs.length === 1 && io.outputs[0]!.dims.length === 3 ? io.outputs[0]!.dims : null;
}

function rowsMisfit(io: ModelIo, family: string, cellsPerAnchor: number): string | null {
  const head = yoloHead(io);
  if (!head) return `a ${family} head has one output [1,N,5+classes]; its outputs are ${io.outputs.map(shape).join(', ')}`;
  const [, rows, width] = head;
  if (!fixed(width) || width < 6) return `its output ${shape(io.outputs[0])} has no 5 + classes values per row`;
  if (fixed(rows) && fixed(width) && rows < width) return `its output ${shape(io.outputs[0])} is column-major (YOLOv8-style)`;
  const size = fixedInputSize(io);
  if (size && fixed(rows) && rows !== cellsPerAnchor * yoloxCells(size.width, size.height)) {
    return `its output has ${rows} rows; ${family} at ${size.width}×${size.height} has ${cellsPerAnchor * yoloxCells(size.width, size.height)}`;
  }
  return null;
}

function edgeFamily(id: 'dexined' | 'ldc', name: string, sideOutputs: number): ModelFamily {
  return {
    id,
    task: 'edge',
    name,
    expects: `one image input [1,3,H,W] and ${sideOutputs} edge maps [1,1,H,W] (side outputs, the fused one last)`,
    misfit(io) {
      const input = imageInput(io, 'nchw');
      if (input) return input;
      if (io.outputs.length < 2 || !io.outputs.every((o) => o.dims.length === 4 && (o.dims[1] === 1 || o.dims[1] === null))) {
        return `its outputs ${io.outputs.map(shape).join(', ')} are not several edge maps [1,1,H,W]`;
      }
      const known = [7, 5];
      if (io.outputs.length !== sideOutputs && known.includes(io.outputs.length)) return `it has ${io.outputs.length} edge maps; ${name} has ${sideOutputs}`;
      return null;
    },
    classCount: () => null,
    defaultLabels: null,
    create(params, version) {
      const base = id === 'dexined' ? dexinedOpencvZoo : { ...ldcDefaults, modelId: params.modelId };
      const size = params.inputSize ?? { width: base.width, height: base.height };
      return createDexinedExpert({ ...base, modelId: params.modelId, inputName: params.inputName, ...size }, version);
    },
  };
}

function segFamily(id: 'segformer' | 'maskformer' | 'deeplab', name: string, expects: string, misfit: (io: ModelIo) => string | null, classCount: (io: ModelIo) => number | null, defaultLabels: readonly string[], size: number): ModelFamily {
  return {
    id,
    task: 'seg',
    name,
    expects,
    misfit,
    classCount,
    defaultLabels,
    create(params, version) {
      const labels = params.labels ?? defaultLabels;
      const space = params.labelSpace ?? 'coco133';
      const spec: SegModelSpec = {
        modelId: params.modelId,
        kind: id,
        labelSpace: space,
        classes: labels.length,
        inputName: params.inputName,
        size: params.inputSize?.width ?? size,
        labels,
        ...(params.toLabelSpace ? { toLabelSpace: params.toLabelSpace, labelSpaceNames: segLabelSpaces[space] } : {}),
      };
      return createSegExpert(spec, version);
    },
  };
}

const output = (io: ModelIo, name: string): TensorShape | undefined => io.outputs.find((o) => o.name === name);

export const modelFamilies: readonly ModelFamily[] = [
  detector(
    'detr',
    'RT-DETR / DETR',
    'outputs "logits" [1,Q,classes] and "pred_boxes" [1,Q,4]',
    detrDecoder,
    (io) => (output(io, 'logits') && output(io, 'pred_boxes') ? null : `it has no "logits" and "pred_boxes" outputs (its outputs are ${io.outputs.map((o) => o.name).join(', ')})`),
    (io) => output(io, 'logits')?.dims[2] ?? null,
  ),
  detector('yolox', 'YOLOX', 'one output [1,N,5+classes], N the cells of strides 8/16/32 (raw boxes)', yoloxDecoder, (io) => rowsMisfit(io, 'YOLOX', 1), (io) => (yoloHead(io)?.[2] ?? 0) - 5 || null),
  detector('yolov5', 'YOLOv5-style', 'one output [1,N,5+classes], N three anchors per cell (decoded boxes)', yoloV5Decoder, (io) => rowsMisfit(io, 'YOLOv5', 3), (io) => (yoloHead(io)?.[2] ?? 0) - 5 || null),
  detector(
    'yolov8',
    'YOLOv8-style',
    'one output [1,4+classes,N] (decoded boxes, no objectness)',
    yoloV8Decoder,
    (io) => {
      const head = yoloHead(io);
      if (!head) return `a YOLOv8 head has one output [1,4+classes,N]; its outputs are ${io.outputs.map(shape).join(', ')}`;
      const [, channels, anchors] = head;
      if (!fixed(channels) || channels < 5) return `its output ${shape(io.outputs[0])} has no 4 + classes channels`;
      if (fixed(anchors) && anchors < channels) return `its output ${shape(io.outputs[0])} is row-major (YOLOv5/YOLOX-style)`;
      return null;
    },
    (io) => (yoloHead(io)?.[1] ?? 0) - 4 || null,
  ),
  detector(
    'fastestdet',
    'FastestDet',
    'one output [1,5+classes,H,W] (objectness, box, class probabilities per cell)',
    fastestDetDecoder,
    (io) => {
      const out = io.outputs[0];
      if (io.outputs.length !== 1 || out!.dims.length !== 4) return `a FastestDet head has one output [1,5+classes,H,W]; its outputs are ${io.outputs.map(shape).join(', ')}`;
      return fixed(out!.dims[1]) && out!.dims[1] > 5 ? null : `its output ${shape(out)} has no 5 + classes channels`;
    },
    (io) => (io.outputs[0]?.dims[1] ?? 0) - 5 || null,
  ),
  edgeFamily('dexined', 'DexiNed', 7),
  edgeFamily('ldc', 'LDC', 5),
  segFamily(
    'segformer',
    'SegFormer',
    'input "pixel_values", output "logits" [1,classes,h,w]',
    (io) => imageInput(io, 'nchw') ?? (output(io, 'logits')?.dims.length === 4 ? null : 'it has no "logits" output [1,classes,h,w]'),
    (io) => output(io, 'logits')?.dims[1] ?? null,
    ade150Classes,
    512,
  ),
  segFamily(
    'maskformer',
    'MaskFormer / Mask2Former',
    'outputs "class_queries_logits" and "masks_queries_logits"',
    (io) => imageInput(io, 'nchw') ?? (output(io, 'class_queries_logits') && output(io, 'masks_queries_logits') ? null : 'it has no "class_queries_logits" and "masks_queries_logits" outputs'),
    (io) => {
      const n = output(io, 'class_queries_logits')?.dims[2];
      return fixed(n) ? n - 1 : null;
    },
    coco133Classes,
    480,
  ),
  segFamily(
    'deeplab',
    'DeepLab',
    'input [1,H,W,3] in [−1,1], output logits [1,h,w,classes]',
    (io) => imageInput(io, 'nhwc') ?? (io.outputs.length === 1 && io.outputs[0]!.dims.length === 4 && fixed(io.outputs[0]!.dims[3]) ? null : `its output ${shape(io.outputs[0])} is not channels-last logits [1,h,w,classes]`),
    (io) => io.outputs[0]?.dims[3] ?? null,
    voc21Classes,
    513,
  ),
  {
    id: 'dpt',
    task: 'depth',
    name: 'DPT / Depth Anything',
    expects: 'input "pixel_values" [1,3,H,W], output "predicted_depth" [1,h,w] (relative inverse depth)',
    misfit: (io) => imageInput(io, 'nchw') ?? (output(io, 'predicted_depth') ? null : 'it has no "predicted_depth" output'),
    classCount: () => null,
    defaultLabels: null,
    create: (params, version) =>
      createDepthExpert(
        params.inputSize
          ? { ...depthAnythingV2Small, modelId: params.modelId, inputName: params.inputName, resize: 'square', size: params.inputSize.width }
          : { ...depthAnythingV2Small, modelId: params.modelId, inputName: params.inputName },
        version,
      ),
  },
  {
    id: 'metric3d',
    task: 'normal',
    name: 'Metric3D normals',
    expects: 'one image input, output "pred_normal" [1,3,h,w] in [−1,1]',
    misfit: (io) => imageInput(io, 'nchw') ?? (output(io, 'pred_normal') ? null : 'it has no "pred_normal" output'),
    classCount: () => null,
    defaultLabels: null,
    create: (params, version) => createNormalModelExpert({ ...metric3dVitSmall, modelId: params.modelId, inputName: params.inputName }, version),
  },
];

export function familiesFor(task: FamilyTask): ModelFamily[] {
  return modelFamilies.filter((f) => f.task === task);
}

export function familyById(id: string): ModelFamily | undefined {
  return modelFamilies.find((f) => f.id === id);
}

export function isFamilyTask(task: string): task is FamilyTask {
  return (familyTasks as readonly string[]).includes(task);
}
