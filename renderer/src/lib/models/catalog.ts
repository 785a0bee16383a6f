// The model catalog as the Models screen shows it: tasks in words and in a fixed order, rows grouped by
// task, sizes ("≈ 99.1 MB"), origins, the short sha256, which tasks accept an imported ONNX file, and the
// tasks behind each expert layer (the map viewer's "Get a model…" opens the screen filtered to them).
// Pure functions over ModelInfo.
import type { ExpertName, ModelInfo, ModelTask } from '../api/types.ts';
import { formatDownloadSize } from '../utils/format.ts';

const taskNames: Readonly<Record<string, string>> = {
  depth: 'Depth',
  normal: 'Surface normals',
  edge: 'Edges',
  seg_coco: 'Segmentation (COCO classes)',
  seg_ade: 'Segmentation (ADE20K classes)',
  det: 'Detection',
  ocr_det: 'OCR — finding text',
  ocr_rec: 'OCR — reading text',
  ocr_cls: 'OCR — text orientation',
  ocr_dict: 'OCR — character dictionary',
  clip_text: 'CLIP text encoder (Prismer’s OCR word features)',
};

/** Display order of the tasks; tasks not listed come after, by name. */
const taskOrder: readonly string[] = Object.keys(taskNames);

export function taskLabel(task: string): string {
  return taskNames[task] ?? task;
}

export interface TaskGroup {
  readonly task: ModelTask;
  readonly label: string;
  readonly models: readonly ModelInfo[];
}

function taskRank(task: string): number {
  const index = taskOrder.indexOf(task);
  return index < 0 ? taskOrder.length : index;
}

/** The rows by task, tasks in a fixed order; within a task the list's own order (catalog, then imports). */
export function groupByTask(models: readonly ModelInfo[]): TaskGroup[] {
  const groups = new Map<ModelTask, ModelInfo[]>();
  for (const model of models) {
    const list = groups.get(model.task);
    if (list) list.push(model);
    else groups.set(model.task, [model]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => taskRank(a) - taskRank(b) || a.localeCompare(b))
    .map(([task, list]) => ({ task, label: taskLabel(task), models: list }));
}

/** A narrowing of the screen to some tasks (from a map layer that has no model). */
export interface ModelFilter {
  readonly label: string;
  readonly tasks: readonly string[];
}

/** The tasks whose models an expert layer uses (normals can also come from a depth model). */
const expertTasks: Readonly<Record<ExpertName, readonly string[]>> = {
  depth: ['depth'],
  normal: ['normal', 'depth'],
  edge: ['edge'],
  seg: ['seg_coco', 'seg_ade'],
  det: ['det'],
  ocr: ['ocr_det', 'ocr_rec', 'ocr_cls', 'ocr_dict'],
};

const expertNames: Readonly<Record<ExpertName, string>> = {
  depth: 'depth',
  normal: 'surface normals',
  edge: 'edges',
  seg: 'segmentation',
  det: 'detection',
  ocr: 'text (OCR)',
};

export function filterForExpert(expert: ExpertName): ModelFilter {
  return { label: `Models for ${expertNames[expert]}`, tasks: expertTasks[expert] };
}

export function applyFilter(models: readonly ModelInfo[], filter: ModelFilter | null): ModelInfo[] {
  return filter ? models.filter((m) => filter.tasks.includes(m.task)) : [...models];
}

export function originLabel(origin: ModelInfo['origin']): string {
  if (origin === 'npm') return 'Ships with the app';
  if (origin === 'imported') return 'Imported';
  return 'Download';
}

/** "99.1 MB", "≈ 99.1 MB" (the model page's rounded figure), or "—" when unknown. */
export function sizeLabel(model: Pick<ModelInfo, 'size' | 'sizeIsApproximate'>): string {
  if (model.size === null) return '—';
  return `${model.sizeIsApproximate ? '≈ ' : ''}${formatDownloadSize(model.size)}`;
}

/** The first 12 hex digits, enough to compare by eye. */
export function shortSha(sha256: string | null): string | null {
  return sha256 ? sha256.slice(0, 12) : null;
}

/** Tasks that take an ONNX model (some catalog entry of the task has a signature), in display order. */
export function importableTasks(models: readonly ModelInfo[]): ModelTask[] {
  const tasks = new Set<ModelTask>();
  for (const model of models) if (model.origin !== 'imported' && model.signature !== null) tasks.add(model.task);
  return [...tasks].sort((a, b) => taskRank(a) - taskRank(b) || a.localeCompare(b));
}

/** Whether removing is offered: files the studio put in its models folder (downloads and imports). */
export function removable(model: Pick<ModelInfo, 'origin' | 'status' | 'installed'>): boolean {
  if (model.origin === 'npm' || model.status === 'downloading') return false;
  return model.installed !== null || (model.origin === 'imported');
}

/**
 * A model with the files it cannot work without (`requires`, from the experts' registry) that are not
 * installed or on their way yet. Installing a segmentation or detection model alone would leave its
 * expert still missing.
 */
export function withCompanions(model: ModelInfo, models: readonly ModelInfo[]): ModelInfo[] {
  const companions = models.filter(
    (m) => model.requires.includes(m.id) && m.origin === 'hub' && (m.status === 'not-installed' || m.status === 'failed'),
  );
  return [model, ...companions];
}

/** The catalog ids of the CLIP text model Prismer's OCR word features need (either one will do). */
export const clipTextIds: readonly string[] = ['clip-text-vit-large-quantized', 'clip-text-vit-large'];

/** The installed CLIP text model, else null — null too while its tokenizer files (`requires`) are missing. */
export function installedClipText(models: readonly ModelInfo[]): ModelInfo | null {
  const model = models.find((m) => clipTextIds.includes(m.id) && m.status === 'installed');
  if (!model) return null;
  const ready = model.requires.every((id) => models.find((m) => m.id === id)?.status === 'installed');
  return ready ? model : null;
}
