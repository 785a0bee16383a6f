// A labelled near-duplicate set: originals (the real photographs in ../shared/real-models when present,
// generated scenes, and the hard case users reported — different signs on one wall, photographed the
// same way) and the copies of each a library really holds (resized, recompressed, other formats,
// brighter, darker, more contrast, borders trimmed). Every copy is labelled with its original, so any
// grouping can be scored by precision and recall over pairs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { sceneJpeg } from './scenes.ts';

export interface LabelledImage {
  /** The original this image is a copy of (its own name for an original). */
  readonly original: string;
  /** What was done to it ('original' for none). */
  readonly edit: string;
  readonly bytes: Buffer;
}

const realPhotos = join(import.meta.dirname, '..', '..', '..', 'shared', 'real-models', 'photos');

/** The real photographs beside the repository (none in a clone without ../shared). */
export function realPhotoFiles(): string[] {
  return ['dog.jpg', 'giraffe.jpg', 'horses.jpg', 'person.jpg'].map((f) => join(realPhotos, f)).filter((f) => existsSync(f));
}

/** One wall (plaster with a little texture and light falloff) with a different sign on it each time. */
function signOnWallSvg(text: string, seed: number): Buffer {
  const width = 800;
  const height = 600;
  let speckles = '';
  let s = 12345; // the same wall every time: only the sign changes
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < 60; i++) speckles += `<circle cx="${r() * width}" cy="${r() * height}" r="${1 + r() * 3}" fill="#9a9183" opacity="0.5"/>`;
  const plate = ['#1d2b4f', '#6b1f1f', '#1f4f2b', '#3a3a3a', '#4f3a1d'][seed % 5]!;
  const plateWidth = 220 + (seed % 3) * 40;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
      <defs><radialGradient id="light" cx="0.4" cy="0.3" r="0.9"><stop offset="0" stop-color="#d8d0c2"/><stop offset="1" stop-color="#a59c8c"/></radialGradient></defs>
      <rect width="100%" height="100%" fill="url(#light)"/>${speckles}
      <rect x="${400 - plateWidth / 2}" y="240" width="${plateWidth}" height="90" rx="8" fill="${plate}"/>
      <text x="400" y="300" font-size="44" fill="#f4f1e8" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-weight="bold">${text}</text>
    </svg>`,
  );
}

export const signTexts = ['HOTEL', 'CAFE', 'RUE DU PORT', 'PARKING', 'EXIT'] as const;

/** A JPEG of the wall with one sign on it (`seed` varies the plate's colour and width). */
export const signOnWall = (text: string, seed: number): Promise<Buffer> => sharp(signOnWallSvg(text, seed)).jpeg({ quality: 90 }).toBuffer();

/** The edits a copy may have been through; each keeps it "the same photo". */
export const copyEdits: Record<string, (original: Buffer) => Promise<Buffer>> = {
  'half size': (o) => sharp(o).resize({ width: 400 }).jpeg({ quality: 85 }).toBuffer(),
  'thumbnail PNG (160 px)': (o) => sharp(o).resize({ width: 160 }).png().toBuffer(),
  'JPEG q15': (o) => sharp(o).jpeg({ quality: 15 }).toBuffer(),
  'WebP q40': (o) => sharp(o).webp({ quality: 40 }).toBuffer(),
  'brightness +5 %': (o) => sharp(o).modulate({ brightness: 1.05 }).jpeg({ quality: 90 }).toBuffer(),
  'brightness −15 %': (o) => sharp(o).modulate({ brightness: 0.85 }).jpeg({ quality: 90 }).toBuffer(),
  'contrast +20 %': (o) => sharp(o).linear(1.2, -25).jpeg({ quality: 90 }).toBuffer(),
  'saturation +30 %': (o) => sharp(o).modulate({ saturation: 1.3 }).jpeg({ quality: 90 }).toBuffer(),
  'borders trimmed 3 %': (o) => trimmed(o, 0.03),
  'borders trimmed 6 %': (o) => trimmed(o, 0.06),
  'borders trimmed 10 %': (o) => trimmed(o, 0.1),
};

async function trimmed(original: Buffer, share: number): Promise<Buffer> {
  const { width, height } = await sharp(original).metadata();
  const dx = Math.round(width! * share);
  const dy = Math.round(height! * share);
  return sharp(original).extract({ left: dx, top: dy, width: width! - 2 * dx, height: height! - 2 * dy }).jpeg({ quality: 90 }).toBuffer();
}

/** The whole set: originals and their copies, labelled. */
export async function labelledNearDuplicateSet(options: { scenes?: number } = {}): Promise<LabelledImage[]> {
  const originals: { name: string; bytes: Buffer }[] = [];
  for (const file of realPhotoFiles()) originals.push({ name: file.split('/').pop()!, bytes: readFileSync(file) });
  for (let seed = 1; seed <= (options.scenes ?? 8); seed++) originals.push({ name: `scene ${seed}`, bytes: await sceneJpeg(seed) });
  for (const [i, text] of signTexts.entries()) {
    originals.push({ name: `sign ${text}`, bytes: await signOnWall(text, i) });
  }
  const set: LabelledImage[] = [];
  for (const { name, bytes } of originals) {
    set.push({ original: name, edit: 'original', bytes });
    for (const [edit, apply] of Object.entries(copyEdits)) set.push({ original: name, edit, bytes: await apply(bytes) });
  }
  return set;
}

export interface PairScore {
  readonly precision: number;
  readonly recall: number;
  readonly truePairs: number;
  readonly foundPairs: number;
  /** The wrongly joined and the missed pairs, named, for the failure message. */
  readonly falseJoins: string[];
  readonly misses: string[];
}

/** Precision and recall over all pairs of a grouping (each image's group index, or -1 for none). */
export function scorePairs(set: readonly LabelledImage[], groupOf: readonly number[]): PairScore {
  let truePairs = 0;
  let foundPairs = 0;
  let right = 0;
  const falseJoins: string[] = [];
  const misses: string[] = [];
  const name = (i: number) => `${set[i]!.original} (${set[i]!.edit})`;
  for (let a = 0; a < set.length; a++) {
    for (let b = a + 1; b < set.length; b++) {
      const same = set[a]!.original === set[b]!.original;
      const joined = groupOf[a]! >= 0 && groupOf[a] === groupOf[b];
      if (same) truePairs++;
      if (joined) foundPairs++;
      if (same && joined) right++;
      if (joined && !same) falseJoins.push(`${name(a)} + ${name(b)}`);
      if (same && !joined) misses.push(`${name(a)} + ${name(b)}`);
    }
  }
  return { precision: foundPairs ? right / foundPairs : 1, recall: truePairs ? right / truePairs : 1, truePairs, foundPairs, falseJoins, misses };
}
