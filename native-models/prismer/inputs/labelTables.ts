// Prismer's official label-feature tables: 64-d rows for the COCO-133 and ADE-150 segmentation classes,
// the 722 unified detection classes, and the background vector that label 255 takes. `LabelTables` is
// the seam: this file parses the JSON export (`label-features/*.json`); a loader for the official
// `dataset/*_features.pt` files would produce the same interface.

/** Every Prismer label feature has 64 dimensions. */
export const FEATURE_DIM = 64;

/** The rows of each official table: COCO-133 and ADE-150 segmentation classes, the 722 unified detection classes. */
export const labelTableRows = { coco: 133, ade: 150, detection: 722 } as const;

export interface FeatureTable {
  /** Class names by row (a detection name may be a comma-separated list of aliases). */
  readonly labels: readonly string[];
  /** rows × 64, row-major. */
  readonly features: Float32Array;
  readonly rows: number;
}

export interface LabelTables {
  readonly coco: FeatureTable;
  readonly ade: FeatureTable;
  readonly detection: FeatureTable;
  /** The 64-d vector for label 255 (no class, no instance, no word). */
  readonly background: Float32Array;
}

/** One row of a table (a view, not a copy). */
export function tableRow(table: FeatureTable, row: number): Float32Array {
  if (!Number.isInteger(row) || row < 0 || row >= table.rows) throw new RangeError(`Row ${row} is outside a ${table.rows}-row table`);
  return table.features.subarray(row * FEATURE_DIM, (row + 1) * FEATURE_DIM);
}

function floatRows(value: unknown, what: string): Float32Array {
  if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array of ${FEATURE_DIM}-float rows`);
  const out = new Float32Array(value.length * FEATURE_DIM);
  value.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== FEATURE_DIM || !row.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new TypeError(`${what}: row ${i} is not ${FEATURE_DIM} finite numbers`);
    }
    out.set(row as number[], i * FEATURE_DIM);
  });
  return out;
}

/** Parses `{labels, features}` (coco.json, ade.json, detection.json); `expectedRows` guards the wrong file. */
export function parseFeatureTable(json: unknown, what: string, expectedRows?: number): FeatureTable {
  const { labels, features } = (json ?? {}) as { labels?: unknown; features?: unknown };
  if (!Array.isArray(labels) || !labels.every((l) => typeof l === 'string')) throw new TypeError(`${what}: "labels" is not a list of names`);
  const data = floatRows(features, `${what} features`);
  const rows = data.length / FEATURE_DIM;
  if (rows !== labels.length) throw new TypeError(`${what}: ${labels.length} labels but ${rows} feature rows`);
  if (expectedRows !== undefined && rows !== expectedRows) throw new TypeError(`${what}: ${rows} rows, expected ${expectedRows}`);
  return { labels: labels as string[], features: data, rows };
}

/** Parses background.json: `features` is the 64-vector (or a one-row [1, 64] table). */
export function parseBackground(json: unknown): Float32Array {
  const features = (json ?? {}) as { features?: unknown };
  const value = features.features;
  const rows = Array.isArray(value) && Array.isArray(value[0]) ? value : [value];
  const data = floatRows(rows, 'background');
  if (data.length !== FEATURE_DIM) throw new TypeError(`background: ${data.length / FEATURE_DIM} rows, expected one`);
  return data;
}
