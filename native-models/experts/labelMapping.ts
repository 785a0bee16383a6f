// A model's class names onto one of Prismer's label spaces, by name (aliases and the usual spelling
// differences — "aeroplane", "tvmonitor", "sofa" — included). What has no counterpart is listed, so the
// user is told rather than the class being dropped silently.
import { UnifiedClassIndex } from './det/unifiedClasses.ts';
import { ade150Classes, coco133Classes } from './labelSpaces.ts';

export interface LabelMapping {
  /** For each model class, its id in the space, or null. */
  readonly ids: readonly (number | null)[];
  readonly unmapped: readonly string[];
}

export function mapLabels(labels: readonly string[], space: readonly string[]): LabelMapping {
  const index = new UnifiedClassIndex(space);
  const ids = labels.map((label) => index.lookup(label));
  return { ids, unmapped: labels.filter((_, i) => ids[i] === null) };
}

export type SegLabelSpaceId = 'coco133' | 'ade150';

export const segLabelSpaces: Readonly<Record<SegLabelSpaceId, readonly string[]>> = { coco133: coco133Classes, ade150: ade150Classes };

/**
 * The segmentation space a model's classes fit best (more classes found by name; COCO-133 on a tie), the
 * mapping into it, and whether the model already speaks it exactly (same names in the same order).
 */
export function segSpaceFor(labels: readonly string[]): { space: SegLabelSpaceId; mapping: LabelMapping; identical: boolean } {
  const coco = mapLabels(labels, coco133Classes);
  const ade = mapLabels(labels, ade150Classes);
  const space: SegLabelSpaceId = ade.unmapped.length < coco.unmapped.length ? 'ade150' : 'coco133';
  const mapping = space === 'ade150' ? ade : coco;
  const identical = labels.length === segLabelSpaces[space].length && mapping.ids.every((id, i) => id === i);
  return { space, mapping, identical };
}
