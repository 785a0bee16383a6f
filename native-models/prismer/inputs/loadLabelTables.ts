// Reads the JSON export of Prismer's label tables from a folder holding coco.json, ade.json,
// detection.json and background.json (shared/prismer/label-features in development).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labelTableRows, parseBackground, parseFeatureTable, type LabelTables } from './labelTables.ts';

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

export async function loadLabelTablesFromJson(dir: string): Promise<LabelTables> {
  const [coco, ade, detection, background] = await Promise.all(['coco', 'ade', 'detection', 'background'].map((name) => readJson(join(dir, `${name}.json`))));
  return {
    coco: parseFeatureTable(coco, 'coco.json', labelTableRows.coco),
    ade: parseFeatureTable(ade, 'ade.json', labelTableRows.ade),
    detection: parseFeatureTable(detection, 'detection.json', labelTableRows.detection),
    background: parseBackground(background),
  };
}
