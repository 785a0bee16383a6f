// How a caption version reads in the Review mode and the inspector: who wrote it (an "AI" chip with the
// model's name, "You" for human edits, "Imported" for sidecar text), its score as a percentage, its
// status in words, and its provenance as short lines. One place, so AI and human text never look alike.
import type { ImageReview } from '../../api/types.ts';

type Version = ImageReview['captions'][number];

export interface SourceChip {
  readonly label: 'AI' | 'You' | 'Imported';
  readonly tone: 'ai' | 'human' | 'imported';
  readonly title: string;
}

export function sourceChip(caption: Pick<Version, 'source' | 'provenance'>): SourceChip {
  if (caption.source === 'ai') {
    const model = caption.provenance?.modelId;
    return { label: 'AI', tone: 'ai', title: model ? `Written by the model ${model}` : 'Written by a model' };
  }
  if (caption.source === 'imported') return { label: 'Imported', tone: 'imported', title: 'Read from an existing caption file (.txt or XMP)' };
  return { label: 'You', tone: 'human', title: 'Written or edited by a person' };
}

/** A model's score (0–1) as "83%"; null when there is none (human text). */
export function scorePercent(score: number | null | undefined): string | null {
  if (score === null || score === undefined || !Number.isFinite(score)) return null;
  return `${Math.round(Math.max(0, Math.min(1, score)) * 100)}%`;
}

const statusWords: Record<Version['status'], string> = {
  candidate: 'candidate',
  draft: 'draft',
  accepted: 'accepted',
  rejected: 'rejected',
};

export function statusLabel(status: Version['status']): string {
  return statusWords[status];
}

/** "beam · 3 beams · max 30 tokens"-style lines for the provenance disclosure; empty for human text. */
export function provenanceLines(caption: Pick<Version, 'provenance'>): string[] {
  const p = caption.provenance;
  if (!p) return [];
  const lines = [`Model: ${p.modelId}${p.modelHash ? ` (${p.modelHash.slice(0, 12)})` : ''}`];
  const experts = Object.entries(p.experts);
  lines.push(experts.length === 0 ? 'Experts: none (the model reads the photo alone)' : `Experts: ${experts.map(([name, version]) => `${name} ${version}`).join(', ')}`);
  const decoding = Object.entries(p.decoding)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
    .map(([name, value]) => `${name} ${typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(3) : String(value)}`);
  if (decoding.length > 0) lines.push(`Decoding: ${decoding.join(', ')}`);
  return lines;
}

/** The caption the selection starts on: the accepted one, else the first one still open. */
export function initialSelection(captions: readonly Pick<Version, 'status'>[]): number {
  const accepted = captions.findIndex((c) => c.status === 'accepted');
  if (accepted >= 0) return accepted;
  const open = captions.findIndex((c) => c.status !== 'rejected');
  return open >= 0 ? open : 0;
}

/** After rejecting caption `index`: the next one still open (wrapping), or the same index if none. */
export function nextOpen(captions: readonly Pick<Version, 'status'>[], index: number): number {
  for (let step = 1; step <= captions.length; step++) {
    const i = (index + step) % captions.length;
    if (captions[i]!.status !== 'rejected') return i;
  }
  return Math.min(index, Math.max(0, captions.length - 1));
}
