// The probe: what every expert says about the pixel under the cursor, read from the kept (downscaled)
// maps and the vector facts, and put in words for the status bar.
import type { MapData } from './mapData.ts';
import { sampleAt } from './mapData.ts';
import type { ClassShareFact, DepthStats, WordFact } from './outputFacts.ts';

export interface ProbeSources {
  /** The photo's size in its own pixels (the space detection boxes and word polygons are in). */
  readonly imageWidth: number;
  readonly imageHeight: number;
  readonly depth?: { readonly map: MapData; readonly stats: DepthStats | null } | undefined;
  readonly normal?: MapData | undefined;
  readonly seg?: { readonly map: MapData; readonly classes: readonly ClassShareFact[] } | undefined;
  readonly det?: { readonly detections: readonly { label: string; score: number; box: readonly [number, number, number, number] }[] } | undefined;
  readonly ocr?: { readonly words: readonly WordFact[]; readonly map: MapData | null } | undefined;
}

export interface ProbeReading {
  /** Image pixel under the cursor. */
  readonly x: number;
  readonly y: number;
  readonly depth: { readonly value: number; readonly unit: number; readonly raw: number | null } | null;
  readonly normal: readonly [number, number, number] | null;
  readonly seg: { readonly classId: number; readonly label: string } | null;
  readonly detections: readonly { readonly label: string; readonly score: number }[];
  readonly word: string | null;
}

/** A normal stored as (n + 1) / 2 in 8-bit RGB, back in [−1, 1]. */
export function decodeNormal(r: number, g: number, b: number): [number, number, number] {
  return [(r / 255) * 2 - 1, (g / 255) * 2 - 1, (b / 255) * 2 - 1];
}

/** Whether (x, y) is inside a polygon (even-odd rule). */
export function insidePolygon(x: number, y: number, polygon: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Reads every available source at (fx, fy), fractions of the image; null outside the image. */
export function readProbe(sources: ProbeSources, fx: number, fy: number): ProbeReading | null {
  if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
  const x = fx * sources.imageWidth;
  const y = fy * sources.imageHeight;

  let depth: ProbeReading['depth'] = null;
  if (sources.depth) {
    const v = sampleAt(sources.depth.map, fx, fy)?.[0];
    if (v !== undefined) {
      const stats = sources.depth.stats;
      depth = { value: v, unit: v / 255, raw: stats ? stats.min + (v / 255) * (stats.max - stats.min) : null };
    }
  }

  let normal: ProbeReading['normal'] = null;
  if (sources.normal) {
    const px = sampleAt(sources.normal, fx, fy);
    if (px && px.length === 3) normal = decodeNormal(px[0]!, px[1]!, px[2]!);
  }

  let seg: ProbeReading['seg'] = null;
  if (sources.seg) {
    const id = sampleAt(sources.seg.map, fx, fy)?.[0];
    if (id !== undefined) seg = { classId: id, label: sources.seg.classes.find((c) => c.classId === id)?.label ?? `class ${id}` };
  }

  const detections = (sources.det?.detections ?? [])
    .filter((d) => x >= d.box[0] && x <= d.box[2] && y >= d.box[1] && y <= d.box[3])
    .map((d) => ({ label: d.label, score: d.score }))
    .sort((a, b) => b.score - a.score);

  let word: string | null = null;
  if (sources.ocr) {
    const index = sources.ocr.map ? sampleAt(sources.ocr.map, fx, fy)?.[0] : undefined;
    if (index !== undefined && index !== 255) word = sources.ocr.words[index]?.text ?? null;
    if (word === null) word = sources.ocr.words.find((w) => w.polygon.length >= 3 && insidePolygon(x, y, w.polygon))?.text ?? null;
  }

  return { x: Math.floor(x), y: Math.floor(y), depth, normal, seg, detections, word };
}

function signed(v: number): string {
  const text = Math.abs(v).toFixed(2);
  return v < 0 && text !== '0.00' ? `−${text}` : text;
}

/** The reading as short labelled parts ("depth 187/255 (0.73)", "normal (−0.12, 0.34, 0.93)", …). */
export function formatProbe(reading: ProbeReading): string[] {
  const parts = [`x ${reading.x}, y ${reading.y}`];
  if (reading.depth) parts.push(`depth ${reading.depth.value}/255 (${reading.depth.unit.toFixed(2)})`);
  if (reading.normal) parts.push(`normal (${reading.normal.map(signed).join(', ')})`);
  if (reading.seg) parts.push(`class ${reading.seg.label}`);
  if (reading.detections.length > 0) parts.push(`box ${reading.detections.map((d) => `${d.label} ${Math.round(d.score * 100)}%`).join(', ')}`);
  if (reading.word !== null) parts.push(`word “${reading.word}”`);
  return parts;
}
