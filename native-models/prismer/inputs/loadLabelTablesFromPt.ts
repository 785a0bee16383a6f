// Reads Prismer's official label tables (`dataset/{coco,ade,detection,background}_features.pt`) with the
// restricted unpickler into the same `LabelTables` the JSON export gives. Their exact layout is not
// documented, so the plausible `torch.save` forms are accepted: a dict name → 64-vector (row order = dict
// order); a dict with 'features' (a [K,64] tensor or a list of 64-vectors) and 'labels'/'names'/'classes';
// or a bare [K,64] tensor, whose class names must then be passed in. Anything else is refused, naming
// what the file holds. Background: a 64-element tensor, alone or as a dict's only/'features' value.
import { join } from 'node:path';
import { isTuple } from '../checkpoint/restrictedUnpickler.ts';
import type { TensorRecord } from '../checkpoint/torchCheckpoint.ts';
import { isTensorRecord, openTorchPickleFile, type TorchPickleFile } from '../checkpoint/torchPickleFile.ts';
import { FEATURE_DIM, labelTableRows, type FeatureTable, type LabelTables } from './labelTables.ts';

export interface PtLabelOptions {
  /** Class names for a table saved as a bare [K,64] tensor (e.g. from the JSON export). */
  readonly labels?: { readonly coco?: readonly string[]; readonly ade?: readonly string[]; readonly detection?: readonly string[] };
}

const NAME_KEYS = ['labels', 'names', 'classes', 'label_names', 'class_names'];

/** A short description of an unpickled value, for refusals. */
export function describeValue(value: unknown, depth = 0): string {
  if (isTensorRecord(value)) return `tensor[${value.shape.join(',')}] ${value.storage.dtype}`;
  if (value === null) return 'None';
  if (value instanceof Map) {
    if (depth > 0) return `dict(${value.size})`;
    const keys = [...value.keys()].slice(0, 4).map((k) => `${JSON.stringify(k)}: ${describeValue(value.get(k), 1)}`);
    return `dict of ${value.size} {${keys.join(', ')}${value.size > 4 ? ', …' : ''}}`;
  }
  if (Array.isArray(value)) return `${isTuple(value) ? 'tuple' : 'list'} of ${value.length}${value.length && depth === 0 ? ` (first: ${describeValue(value[0], 1)})` : ''}`;
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

async function rowsOf(file: TorchPickleFile, value: unknown, what: string): Promise<{ data: Float32Array; rows: number } | undefined> {
  if (isTensorRecord(value)) {
    if (value.shape.length !== 2 || value.shape[1] !== FEATURE_DIM) throw new TypeError(`${what}: a tensor of shape [${value.shape.join(',')}], expected [K,${FEATURE_DIM}]`);
    return { data: await file.readFloat32(value), rows: value.shape[0]! };
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isTensorRecord)) return { data: await stackRows(file, value, what), rows: value.length };
  return undefined;
}

async function vector(file: TorchPickleFile, tensor: TensorRecord, what: string): Promise<Float32Array> {
  const count = tensor.shape.reduce((a, b) => a * b, 1);
  if (count !== FEATURE_DIM || tensor.shape.filter((n) => n !== 1).length > 1) throw new TypeError(`${what}: a tensor of shape [${tensor.shape.join(',')}], expected ${FEATURE_DIM} values`);
  return file.readFloat32(tensor);
}

async function stackRows(file: TorchPickleFile, tensors: readonly TensorRecord[], what: string): Promise<Float32Array> {
  const out = new Float32Array(tensors.length * FEATURE_DIM);
  for (let i = 0; i < tensors.length; i++) out.set(await vector(file, tensors[i]!, `${what} row ${i}`), i * FEATURE_DIM);
  return out;
}

function checkFinite(data: Float32Array, what: string): void {
  const bad = data.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new TypeError(`${what}: value ${bad} is not finite`);
}

/** Interprets one unpickled table; exported for tests and other callers holding an open file. */
export async function featureTableFromPt(file: TorchPickleFile, what: string, expectedRows: number, names?: readonly string[]): Promise<FeatureTable> {
  const root = file.root;
  let labels: readonly string[] | undefined;
  let data: Float32Array | undefined;
  let rows = 0;
  const refuse = (why: string): never => {
    throw new TypeError(`${what}: ${why}; the file holds ${describeValue(root)}`);
  };
  if (root instanceof Map && root.has('features')) {
    const table = await rowsOf(file, root.get('features'), `${what} "features"`);
    if (!table) refuse('"features" is neither a [K,64] tensor nor a list of 64-vectors');
    ({ data, rows } = table!);
    const key = NAME_KEYS.find((k) => root.has(k));
    if (key !== undefined) {
      const list = root.get(key);
      if (!Array.isArray(list) || !list.every((l) => typeof l === 'string')) refuse(`"${key}" is not a list of names`);
      labels = list as string[];
    }
  } else if (root instanceof Map && root.size > 0 && [...root.values()].every(isTensorRecord)) {
    if (![...root.keys()].every((k) => typeof k === 'string')) refuse('a dict of tensors whose keys are not all names');
    labels = [...root.keys()] as string[];
    ({ data, rows } = { data: await stackRows(file, [...root.values()] as TensorRecord[], what), rows: root.size });
  } else {
    const table = await rowsOf(file, root, what);
    if (!table) refuse('expected a dict name → 64-vector, a dict with "features", or a [K,64] tensor');
    ({ data, rows } = table!);
  }
  labels ??= names;
  if (!labels) refuse(`no class names in the file (pass them for a bare [K,${FEATURE_DIM}] table)`);
  if (labels!.length !== rows) refuse(`${labels!.length} names but ${rows} feature rows`);
  if (rows !== expectedRows) refuse(`${rows} rows, expected ${expectedRows}`);
  checkFinite(data!, what);
  return { labels: [...labels!], features: data!, rows };
}

/** Interprets the background file: one 64-vector (shape [64] or [1,64]), bare or in a dict. */
export async function backgroundFromPt(file: TorchPickleFile, what: string): Promise<Float32Array> {
  const root = file.root;
  let tensor: unknown = root;
  if (root instanceof Map) tensor = root.has('features') ? root.get('features') : root.size === 1 ? [...root.values()][0] : undefined;
  if (!isTensorRecord(tensor)) throw new TypeError(`${what}: expected a 64-element tensor; the file holds ${describeValue(root)}`);
  const data = await vector(file, tensor, what);
  checkFinite(data, what);
  return data;
}

async function withFile<T>(path: string, label: string, read: (file: TorchPickleFile) => Promise<T>): Promise<T> {
  const file = await openTorchPickleFile(path, label);
  try {
    return await read(file);
  } finally {
    await file.close();
  }
}

/** Loads the four official `.pt` tables from `dir` (the official repository's `dataset/` folder). */
export async function loadLabelTablesFromPt(dir: string, options: PtLabelOptions = {}): Promise<LabelTables> {
  const table = (name: keyof typeof labelTableRows) =>
    withFile(join(dir, `${name}_features.pt`), `${name}_features.pt`, (file) => featureTableFromPt(file, `${name}_features.pt`, labelTableRows[name], options.labels?.[name]));
  const [coco, ade, detection, background] = await Promise.all([
    table('coco'),
    table('ade'),
    table('detection'),
    withFile(join(dir, 'background_features.pt'), 'background_features.pt', (file) => backgroundFromPt(file, 'background_features.pt')),
  ]);
  return { coco, ade, detection, background };
}
