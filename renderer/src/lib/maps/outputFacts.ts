// Reads what each expert saved beside its map (statistics, class shares, detections, OCR words) from
// the loosely typed `stats` record of a stored output, defensively: a field that is missing or has
// another shape reads as absent, never as a crash or an invented value.
import type { StoredExpertOutput } from '../api/types.ts';

export interface DepthStats {
  readonly min: number;
  readonly max: number;
  readonly median: number | null;
  readonly normalisedMedian: number | null;
}

export interface ClassShareFact {
  readonly classId: number;
  readonly label: string;
  readonly share: number;
}

export interface LabelCount {
  readonly label: string;
  readonly classId: number | null;
  readonly count: number;
}

export interface WordFact {
  readonly text: string;
  readonly score: number | null;
  readonly polygon: readonly (readonly [number, number])[];
}

type Output = Pick<StoredExpertOutput, 'expert' | 'modelId' | 'isFallback' | 'stats'> & Partial<Pick<StoredExpertOutput, 'detections'>>;

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function depthStats(output: Output): DepthStats | null {
  const min = num(output.stats['min']);
  const max = num(output.stats['max']);
  if (min === null || max === null) return null;
  return { min, max, median: num(output.stats['median']), normalisedMedian: num(output.stats['normalisedMedian']) };
}

/** Class shares, largest first. */
export function classShares(output: Output): ClassShareFact[] {
  const list = output.stats['classShares'];
  if (!Array.isArray(list)) return [];
  const out: ClassShareFact[] = [];
  for (const item of list) {
    const r = record(item);
    const classId = num(r?.['classId']);
    const share = num(r?.['share']);
    if (r === null || classId === null || share === null) continue;
    out.push({ classId, label: typeof r['label'] === 'string' ? r['label'] : `class ${classId}`, share });
  }
  return out.sort((a, b) => b.share - a.share);
}

export function labelSpace(output: Output): string | null {
  const space = output.stats['labelSpace'] ?? record(output.stats['labelMeta'])?.['labelSpace'];
  return typeof space === 'string' ? space : null;
}

/** The instance index → class table saved with a detection map. */
export function detectionInstances(output: Output): { index: number; classId: number; label: string }[] {
  const list = record(output.stats['labelMeta'])?.['instances'];
  if (!Array.isArray(list)) return [];
  const out: { index: number; classId: number; label: string }[] = [];
  for (const item of list) {
    const r = record(item);
    const index = num(r?.['index']);
    const classId = num(r?.['classId']);
    if (r === null || index === null || classId === null) continue;
    out.push({ index, classId, label: typeof r['label'] === 'string' ? r['label'] : `class ${classId}` });
  }
  return out;
}

/** Detected labels with how many of each, most frequent first (ties by name). */
export function detectionCounts(output: Output): LabelCount[] {
  const classOf = new Map<string, number>();
  for (const d of output.detections ?? []) if (!classOf.has(d.label)) classOf.set(d.label, d.classId);
  const counts = record(output.stats['counts']);
  const tally = new Map<string, number>();
  if (counts) {
    for (const [label, value] of Object.entries(counts)) {
      const n = num(value);
      if (n !== null && n > 0) tally.set(label, n);
    }
  } else {
    for (const d of output.detections ?? []) tally.set(d.label, (tally.get(d.label) ?? 0) + 1);
  }
  return [...tally]
    .map(([label, count]) => ({ label, count, classId: classOf.get(label) ?? null }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function ocrWords(output: Output): WordFact[] {
  const list = output.stats['words'];
  if (!Array.isArray(list)) return [];
  const out: WordFact[] = [];
  for (const item of list) {
    const r = record(item);
    if (r === null || typeof r['text'] !== 'string' || !Array.isArray(r['polygon'])) continue;
    const polygon: [number, number][] = [];
    for (const p of r['polygon'] as unknown[]) {
      if (Array.isArray(p) && num(p[0]) !== null && num(p[1]) !== null) polygon.push([p[0] as number, p[1] as number]);
    }
    out.push({ text: r['text'], score: num(r['score']), polygon });
  }
  return out;
}

/**
 * The badge a stored output carries: a classical method standing in for a model ("classical
 * fallback"), or one computed from another expert's output ("derived", e.g. normals from depth).
 */
export function fallbackBadge(output: Pick<Output, 'isFallback' | 'modelId' | 'expert'>): 'classical fallback' | 'derived' | null {
  if (!output.isFallback) return null;
  return output.modelId.startsWith('depth-') || output.expert === 'normal' ? 'derived' : 'classical fallback';
}
