// Where the shared Prismer data lives (../shared/prismer, absent in a plain clone) and the label tables
// read once from it for the tests that need the real ones.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabelTablesFromJson } from '../../../../native-models/prismer/inputs/loadLabelTables.ts';
import type { LabelTables } from '../../../../native-models/prismer/inputs/labelTables.ts';
import { sharedPrismer } from '../sharedData.ts';

export { sharedPrismer };
export const labelFeaturesDir = join(sharedPrismer, 'label-features');
export const skipWithoutShared = existsSync(labelFeaturesDir) ? false : `needs ${labelFeaturesDir} (absent in a plain clone)`;

let tables: Promise<LabelTables> | undefined;
export function realTables(): Promise<LabelTables> {
  tables ??= loadLabelTablesFromJson(labelFeaturesDir);
  return tables;
}

/** A label-features JSON file as plain JSON, for independent checks. */
export function rawJson(name: string): { labels?: string[]; features: number[][] | number[]; mean?: number[]; components?: number[][] } {
  return JSON.parse(readFileSync(join(labelFeaturesDir, `${name}.json`), 'utf8'));
}

/** Small made-up tables (64-d rows filled with one value each) for tests that need no real data. */
export function fakeTables(): LabelTables {
  const table = (rows: number, offset: number) => ({
    labels: Array.from({ length: rows }, (_, i) => `class ${i}`),
    features: Float32Array.from({ length: rows * 64 }, (_, k) => offset + Math.floor(k / 64)),
    rows,
  });
  return { coco: table(133, 1000), ade: table(150, 2000), detection: { ...table(722, 3000), labels: Array.from({ length: 722 }, (_, i) => (i === 7 ? 'person' : i === 9 ? 'mobile phone, cell phone' : `class ${i}`)) }, background: new Float32Array(64).fill(-5) };
}

/** The 64-vector at pixel (x, y) of a channels-first [64, 224, 224] tensor. */
export function pixel(t: ArrayLike<number>, x: number, y: number): number[] {
  return Array.from({ length: 64 }, (_, c) => t[c * 224 * 224 + y * 224 + x]!);
}
