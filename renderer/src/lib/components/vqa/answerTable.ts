// The answers to one question across many photos ("ask across a selection") as a table: sorted by
// answer or score, narrowed to one answer, with how many photos gave each answer (the filter's chips).
import type { VqaRecord } from '../../api/types.ts';

export type AnswerSort = 'answer' | 'score' | 'image';

export interface AnswerCount {
  readonly answer: string;
  readonly count: number;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A copy sorted by `key` (ties by image id, so the order is stable); scores missing sort last. */
export function sortAnswers(rows: readonly VqaRecord[], key: AnswerSort, descending: boolean): VqaRecord[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    let order = 0;
    if (key === 'answer') order = sign * collator.compare(a.answer, b.answer);
    else if (key === 'score') {
      if (a.score === null || b.score === null) order = a.score === b.score ? 0 : a.score === null ? 1 : -1;
      else order = sign * (a.score - b.score);
    } else order = sign * (a.imageId - b.imageId);
    return order || a.imageId - b.imageId;
  });
}

/** Distinct answers with their photo counts, most common first. */
export function answerCounts(rows: readonly VqaRecord[]): AnswerCount[] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.answer, (counts.get(r.answer) ?? 0) + 1);
  return [...counts].map(([answer, count]) => ({ answer, count })).sort((a, b) => b.count - a.count || collator.compare(a.answer, b.answer));
}

export function filterAnswers(rows: readonly VqaRecord[], answer: string | null): VqaRecord[] {
  return answer === null ? [...rows] : rows.filter((r) => r.answer === answer);
}
