// Builds the compact seg / obj_detection / ocr_detection inputs from saved 8-bit label maps (resized to
// 224 first). Seg looks classes up in the COCO-133 or ADE-150 table; obj_detection maps each instance to
// the 722-class detection table by the detector's class name; OCR uses one 64-d feature per word.
import type { LabelMap } from '../../experts/expert.ts';
import { UnifiedClassIndex } from '../../experts/det/unifiedClasses.ts';
import { BACKGROUND_LABEL, compactLabels, type CompactLabels } from './labelFeatures.ts';
import { tableRow, type FeatureTable, type LabelTables } from './labelTables.ts';
import { LABEL_SIZE, resizeLabelMap } from './resizeLabels.ts';

export type SegLabelSpace = 'coco133' | 'ade150';

function singleChannel(map: LabelMap, what: string, size: number): LabelMap {
  if (map.channels !== 1) throw new RangeError(`${what}: expected a 1-channel label map, got ${map.channels} channels`);
  return resizeLabelMap(map, size);
}

function allRows(table: FeatureTable): Float32Array[] {
  return Array.from({ length: table.rows }, (_, i) => tableRow(table, i));
}

export function segInput(map: LabelMap, space: SegLabelSpace, tables: LabelTables, size = LABEL_SIZE): CompactLabels {
  const resized = singleChannel(map, 'seg', size);
  const table = space === 'coco133' ? tables.coco : tables.ade;
  return compactLabels(resized.data, size, size, allRows(table), tables.background, `seg (${space})`);
}

/** One detected instance as the detection expert saves it in `labelMeta.instances`. */
export interface DetectionInstance {
  readonly index: number;
  readonly classId: number;
  readonly label: string;
}

export function parseDetectionMeta(meta: unknown): DetectionInstance[] {
  const instances = (meta as { instances?: unknown } | null | undefined)?.instances;
  if (!Array.isArray(instances)) throw new TypeError('obj_detection: labelMeta has no "instances" list');
  return instances.map((value: unknown, i) => {
    const { index, classId, label } = (value ?? {}) as Partial<DetectionInstance>;
    if (!Number.isInteger(index) || !Number.isInteger(classId) || typeof label !== 'string') throw new TypeError(`obj_detection: instance ${i} is not {index, classId, label}`);
    return { index: index!, classId: classId!, label };
  });
}

export interface DetectionInput {
  /** Pixel → row of `features`: instance index, or the background row for 255. */
  readonly labels: CompactLabels;
  /** The raw instance map at 224×224 (instance index, 255 background), for the instance embedding. */
  readonly instance: Int32Array;
  /** Distinct values of `instance`, ascending (255 included when present). */
  readonly instanceIds: readonly number[];
  /** 722-space class per instance index (null: the detector's class has no unified counterpart → background). */
  readonly unifiedClasses: readonly (number | null)[];
  /** Detector class names that found no unified class. */
  readonly unmapped: readonly string[];
}

export function detectionInput(map: LabelMap, meta: unknown, tables: LabelTables, index = new UnifiedClassIndex(tables.detection.labels), size = LABEL_SIZE): DetectionInput {
  const instances = parseDetectionMeta(meta);
  const resized = singleChannel(map, 'obj_detection', size);
  const count = instances.reduce((n, d) => Math.max(n, d.index + 1), 0);
  const unifiedClasses: (number | null)[] = new Array<number | null>(count).fill(null);
  const unmapped = new Set<string>();
  for (const d of instances) {
    const unified = index.lookup(d.label);
    if (unified === null) unmapped.add(d.label);
    unifiedClasses[d.index] = unified;
  }
  const rows = unifiedClasses.map((c) => (c === null ? null : tableRow(tables.detection, c)));
  const labels = compactLabels(resized.data, size, size, rows, tables.background, 'obj_detection');
  const instance = Int32Array.from(resized.data);
  const seen = new Set<number>(instance);
  const instanceIds = [...seen].sort((a, b) => a - b);
  return { labels, instance, instanceIds, unifiedClasses, unmapped: [...unmapped] };
}

/** All-background obj_detection input (no detections, or no detector output). */
export function emptyDetectionInput(background: Float32Array, size = LABEL_SIZE): DetectionInput {
  const labels = compactLabels(new Uint8Array(size * size).fill(BACKGROUND_LABEL), size, size, [], background, 'obj_detection');
  return { labels, instance: new Int32Array(size * size).fill(BACKGROUND_LABEL), instanceIds: [BACKGROUND_LABEL], unifiedClasses: [], unmapped: [] };
}

/** OCR: pixel = word index (255 background); `wordFeatures[i]` is word i's 64-d feature, null → background. */
export function ocrInput(map: LabelMap | null, wordFeatures: readonly (Float32Array | null)[], background: Float32Array, size = LABEL_SIZE): CompactLabels {
  if (map === null) return compactLabels(new Uint8Array(size * size).fill(BACKGROUND_LABEL), size, size, [], background, 'ocr_detection');
  const resized = singleChannel(map, 'ocr_detection', size);
  return compactLabels(resized.data, size, size, wordFeatures, background, 'ocr_detection');
}
