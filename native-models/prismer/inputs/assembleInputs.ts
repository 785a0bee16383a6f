// Assembles everything Prismer's encoder takes from one image's saved expert labels (except `rgb`, which
// comes from the image itself), under the parity fixtures' tensor names with a batch of one. Missing
// outputs are replaced as the official `get_expert_labels` does: a zero 8-bit map for depth, normal, edge
// and seg (so depth/normal/edge become −1 everywhere after min–max, seg becomes class 0's row), an
// all-255 map (all background) for obj_detection and ocr_detection.
import type { ExpertId, ExpertOutput } from '../../experts/expert.ts';
import { UnifiedClassIndex } from '../../experts/det/unifiedClasses.ts';
import { applyPca, type ClipPca } from './clipPca.ts';
import { detectionInput, emptyDetectionInput, ocrInput, segInput, type SegLabelSpace } from './highLevelInputs.ts';
import { BACKGROUND_LABEL, expandLabels, type CompactLabels } from './labelFeatures.ts';
import { FEATURE_DIM, type LabelTables } from './labelTables.ts';
import { lowLevelInput } from './lowLevelInputs.ts';
import { constantLabelMap, LABEL_SIZE } from './resizeLabels.ts';

export type SavedLabels = Pick<ExpertOutput, 'labelMap' | 'labelMeta'>;

export interface NamedTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

export interface OcrFeatureSource {
  /**
   * CLIP ViT-L/14 text embedding (768, unnormalised, no prompt template) of a lowercased word. Synchronous:
   * the embeddings of `ocrWordsToEmbed(saved)` are computed before assembly (e.g. a map's lookup).
   */
  readonly wordEmbedding: (word: string) => Float32Array;
  readonly pca: ClipPca;
}

export interface AssembleOptions {
  readonly tables: LabelTables;
  /** Without it the OCR input is all background (Prismer's word features need CLIP). */
  readonly ocr?: OcrFeatureSource;
  /** Why there is no `ocr` source, for the notes (default: no CLIP text model). */
  readonly ocrUnavailable?: string;
  /** Seg table when the seg output does not say (labelMeta.labelSpace); default COCO-133. */
  readonly segLabelSpace?: SegLabelSpace;
  /** Reuse across images (building it scans the 722 names). */
  readonly unifiedIndex?: UnifiedClassIndex;
}

export interface PrismerInputs {
  /** depth, normal, edge, <e>.label_map, <e>.features, obj_detection.instance, obj_detection.instance_ids. */
  readonly tensors: Readonly<Record<string, NamedTensor>>;
  /** Experts whose output was absent (or null) and were replaced as the spec says. */
  readonly missing: readonly ExpertId[];
  /** Plain-language remarks: unmapped detector classes, OCR without CLIP, the seg table used. */
  readonly notes: readonly string[];
}

/** Prismer's name for each of our experts' inputs. */
export const prismerInputName = { depth: 'depth', normal: 'normal', edge: 'edge', seg: 'seg', det: 'obj_detection', ocr: 'ocr_detection' } as const;

const size = LABEL_SIZE;

function compactTensors(name: string, labels: CompactLabels): Record<string, NamedTensor> {
  return {
    [`${name}.label_map`]: { shape: [1, labels.height, labels.width], data: labels.labelMap },
    [`${name}.features`]: { shape: [labels.rows, FEATURE_DIM], data: labels.features },
  };
}

/** The distinct lowercased words of a saved OCR output that need an embedding (none without a map). */
export function ocrWordsToEmbed(saved: Partial<Record<ExpertId, SavedLabels>>): string[] {
  const ocr = saved.ocr;
  if (!ocr?.labelMap) return [];
  return [...new Set(ocrWords(ocr).filter((word) => word !== '').map((word) => word.toLowerCase()))];
}

/** Words by label index; '' where the text is not known (an output saved without `labelMeta.words`). */
function ocrWords(saved: SavedLabels): string[] {
  const words = (saved.labelMeta as { words?: unknown } | undefined)?.words;
  if (Array.isArray(words) && words.every((w) => typeof w === 'string')) return words as string[];
  let count = 0;
  for (const label of saved.labelMap!.data) if (label !== BACKGROUND_LABEL) count = Math.max(count, label + 1);
  return new Array<string>(count).fill('');
}

export function assemblePrismerInputs(saved: Partial<Record<ExpertId, SavedLabels>>, options: AssembleOptions): PrismerInputs {
  const { tables } = options;
  const missing: ExpertId[] = [];
  const notes: string[] = [];
  const present = (id: ExpertId): SavedLabels | null => {
    const output = saved[id];
    if (output?.labelMap) return output;
    missing.push(id);
    return null;
  };
  const tensors: Record<string, NamedTensor> = {};

  for (const [id, channels] of [['depth', 1], ['normal', 3], ['edge', 1]] as const) {
    const map = present(id)?.labelMap ?? constantLabelMap(0, channels);
    tensors[id] = { shape: [1, channels, size, size], data: lowLevelInput(map, channels) };
  }

  const seg = present('seg');
  const metaSpace = (seg?.labelMeta as { labelSpace?: unknown } | undefined)?.labelSpace;
  const space: SegLabelSpace = metaSpace === 'ade150' || metaSpace === 'coco133' ? metaSpace : (options.segLabelSpace ?? 'coco133');
  notes.push(`seg uses the ${space === 'coco133' ? 'COCO-133' : 'ADE-150'} table${seg ? '' : ' (missing: a zero map, i.e. class 0 everywhere)'}`);
  Object.assign(tensors, compactTensors('seg', segInput(seg?.labelMap ?? constantLabelMap(0), space, tables)));

  const det = present('det');
  const detection = det ? detectionInput(det.labelMap!, det.labelMeta, tables, options.unifiedIndex) : emptyDetectionInput(tables.background);
  if (detection.unmapped.length) notes.push(`detector classes with no 722-space counterpart, taken as background: ${detection.unmapped.join(', ')}`);
  Object.assign(tensors, compactTensors('obj_detection', detection.labels));
  tensors['obj_detection.instance'] = { shape: [1, 1, size, size], data: detection.instance };
  tensors['obj_detection.instance_ids'] = { shape: [detection.instanceIds.length], data: Int32Array.from(detection.instanceIds) };

  const ocr = present('ocr');
  let ocrLabels: CompactLabels;
  if (!ocr) ocrLabels = ocrInput(null, [], tables.background);
  else {
    const words = ocrWords(ocr);
    const source = options.ocr;
    if (!source && words.length) notes.push(`OCR words found but ${options.ocrUnavailable ?? 'no CLIP text model'}: the OCR input is all background`);
    // A word whose text is not known stays background: there is nothing to embed.
    const features = words.map((word) => (source && word !== '' ? applyPca(source.pca, source.wordEmbedding(word.toLowerCase())) : null));
    const embedded = features.filter((f) => f !== null).length;
    if (source && words.length) notes.push(`OCR word features: CLIP text embeddings of ${embedded} of ${words.length} words`);
    ocrLabels = ocrInput(ocr.labelMap, features, tables.background);
  }
  Object.assign(tensors, compactTensors('ocr_detection', ocrLabels));

  return { tensors, missing, notes };
}

/** The same inputs with seg, obj_detection and ocr_detection expanded to [1,64,224,224] (`features[label_map]`). */
export function expandedPrismerInputs(inputs: PrismerInputs): Record<string, NamedTensor> {
  const out: Record<string, NamedTensor> = {};
  for (const name of ['depth', 'normal', 'edge', 'obj_detection.instance', 'obj_detection.instance_ids']) out[name] = inputs.tensors[name]!;
  for (const name of ['seg', 'obj_detection', 'ocr_detection']) {
    const labelMap = inputs.tensors[`${name}.label_map`]!;
    const features = inputs.tensors[`${name}.features`]!;
    const [, height, width] = labelMap.shape as [number, number, number];
    const compact: CompactLabels = { width, height, labelMap: labelMap.data as Int32Array, features: features.data as Float32Array, rows: features.shape[0]! };
    out[name] = { shape: [1, FEATURE_DIM, height, width], data: expandLabels(compact) };
  }
  return out;
}
