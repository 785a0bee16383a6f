// What the import form offers and says: the tasks a file can be imported for (the experts' tasks, whose
// networks come in families, then the other tasks that take an ONNX file), the families of a task, and
// what an imported network was recognised as, in one line. Pure functions.
import type { ImportedModelFacts, ModelFamilyInfo, ModelInfo } from '../api/types.ts';
import { importableTasks, taskLabel } from './catalog.ts';

export interface ImportTask {
  readonly task: string;
  readonly label: string;
}

const expertTaskNames: Readonly<Record<string, string>> = { det: 'Detection', edge: 'Edges', seg: 'Segmentation', depth: 'Depth', normal: 'Surface normals' };
/** Catalog tasks the experts' tasks stand for (a segmenter's label space is found from its classes). */
const coveredByExpertTasks = new Set(['det', 'edge', 'seg_coco', 'seg_ade', 'depth', 'normal']);

export function importTasks(models: readonly ModelInfo[], families: readonly ModelFamilyInfo[]): ImportTask[] {
  const expertTasks = [...new Set(families.map((f) => f.task))].map((task) => ({ task, label: expertTaskNames[task] ?? task }));
  const others = importableTasks(models)
    .filter((t) => !coveredByExpertTasks.has(t))
    .map((task) => ({ task, label: taskLabel(task) }));
  return [...expertTasks, ...others];
}

export function familiesOf(task: string, families: readonly ModelFamilyInfo[]): ModelFamilyInfo[] {
  return families.filter((f) => f.task === task);
}

/** "YOLOX · 80 classes (the family's usual list) · not in COCO-133: unicorn". */
export function importedSummary(facts: ImportedModelFacts): string {
  const parts = [facts.familyName];
  if (facts.classes !== null) {
    const from = facts.labelsFrom === 'file' ? 'from your labels file' : facts.labelsFrom === 'model' ? 'named in the file' : "the family's usual list";
    parts.push(`${facts.classes} classes (${from})`);
  }
  const space = facts.labelSpace === 'ade150' ? 'ADE-150' : 'COCO-133';
  if (facts.labelSpace) parts.push(`maps in ${space}`);
  if (facts.unmapped.length) parts.push(`not in ${space}: ${facts.unmapped.join(', ')}`);
  if (facts.unmappedDetection?.length) parts.push(`unknown to Prismer's detection classes: ${facts.unmappedDetection.join(', ')}`);
  return parts.join(' · ');
}
