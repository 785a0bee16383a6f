// Non-maximum suppression per class, as YOLO-family detectors need (one object fires several cells):
// in score order, a box is dropped when it overlaps a kept box of the same class by more than `iouLimit`.
import type { Detection } from '../expert.ts';
import { iou } from './boxesToInstanceMap.ts';

export function nonMaxSuppression<T extends Pick<Detection, 'classId' | 'score' | 'box'>>(candidates: readonly T[], iouLimit: number): T[] {
  const kept: T[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) {
    if (!kept.some((k) => k.classId === candidate.classId && iou(k.box, candidate.box) > iouLimit)) kept.push(candidate);
  }
  return kept;
}
