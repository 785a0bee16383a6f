// Reads a PyTorch checkpoint in the zip format (torch.save since 1.6): finds `<prefix>/data.pkl` under any
// prefix, unpickles it with only the globals a state dict needs, and serves each tensor lazily from its
// storage entry `<prefix>/data/<key>` — one tensor's bytes at a time, so a 4 GB file never sits in memory.
import { openFileSource, type ByteSource } from './byteSource.ts';
import { isTuple, PickleGlobal, unpickle, type AllowedGlobal } from './restrictedUnpickler.ts';
import { contiguousStrides, dtypeBytes, elementCount, toFloat32, viewAs, type DType, type TensorArray, type TensorDescriptor, type TensorFile } from './tensors.ts';
import { openZipArchive, type ZipArchive } from './zipArchive.ts';

/** A storage as the pickle's persistent id names it: ('storage', torch.<T>Storage, key, location, numel). */
export interface StorageRecord {
  readonly kind: 'storage';
  readonly dtype: DType;
  readonly key: string;
  readonly location: string;
  readonly numel: number;
}

/** What `torch._utils._rebuild_tensor_v2` returns here: a view into a storage, never data. */
export interface TensorRecord {
  readonly kind: 'tensor';
  readonly storage: StorageRecord;
  readonly storageOffset: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
}

export const storageDTypes: Readonly<Record<string, DType>> = {
  'torch.FloatStorage': 'F32',
  'torch.HalfStorage': 'F16',
  'torch.BFloat16Storage': 'BF16',
  'torch.DoubleStorage': 'F64',
  'torch.LongStorage': 'I64',
  'torch.IntStorage': 'I32',
  'torch.ShortStorage': 'I16',
  'torch.CharStorage': 'I8',
  'torch.ByteStorage': 'U8',
  'torch.BoolStorage': 'BOOL',
};

class CheckpointError extends Error {
  override name = 'CheckpointError';
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function intTuple(value: unknown, what: string): number[] {
  if (!isTuple(value) || !value.every(isCount)) throw new CheckpointError(`${what} is not a tuple of non-negative integers`);
  return [...(value as number[])];
}

function rebuildTensor(args: readonly unknown[]): TensorRecord {
  const [storage, offset, size, stride] = args;
  if (!storage || (storage as StorageRecord).kind !== 'storage') throw new CheckpointError('_rebuild_tensor: the first argument is not a storage');
  if (!isCount(offset)) throw new CheckpointError('_rebuild_tensor: the storage offset is not a non-negative integer');
  const shape = intTuple(size, '_rebuild_tensor: the size');
  const strides = intTuple(stride, '_rebuild_tensor: the stride');
  if (shape.length !== strides.length) throw new CheckpointError('_rebuild_tensor: size and stride differ in length');
  return { kind: 'tensor', storage: storage as StorageRecord, storageOffset: offset, shape, strides };
}

function orderedDict(args: readonly unknown[]): Map<unknown, unknown> {
  const dict = new Map<unknown, unknown>();
  const items = args[0];
  if (Array.isArray(items)) for (const pair of items) if (Array.isArray(pair) && pair.length === 2) dict.set(pair[0], pair[1]);
  return dict;
}

/** The globals a PyTorch state dict may name; another caller (label tables, the OCR PCA) builds its own. */
export const torchStateDictGlobals: ReadonlyMap<string, AllowedGlobal> = new Map<string, AllowedGlobal>([
  ['collections.OrderedDict', { call: orderedDict, setState: (target) => target /* `_metadata`: not needed */ }],
  ['torch._utils._rebuild_tensor_v2', { call: rebuildTensor }],
  ['torch._utils._rebuild_tensor', { call: rebuildTensor }],
  ['torch._utils._rebuild_parameter', { call: (args) => args[0] }],
  ...Object.keys(storageDTypes).map((name): [string, AllowedGlobal] => [name, {}]),
]);

/** Turns a persistent id into a StorageRecord; anything but a known storage record is refused. */
export function torchPersistentLoad(pid: unknown): StorageRecord {
  if (!isTuple(pid) || pid[0] !== 'storage' || pid.length !== 5) throw new CheckpointError('refused: a persistent id that is not a (\'storage\', type, key, location, numel) record');
  const [, type, key, location, numel] = pid;
  const dtype = type instanceof PickleGlobal ? storageDTypes[type.dotted] : undefined;
  if (!dtype) throw new CheckpointError(`refused: storage type ${type instanceof PickleGlobal ? type.dotted : String(type)}`);
  if (typeof key !== 'string' || !/^[\w.-]+$/.test(key)) throw new CheckpointError(`storage key ${JSON.stringify(key)} is not a plain name`);
  if (typeof location !== 'string' || !isCount(numel)) throw new CheckpointError(`storage ${key}: malformed location or element count`);
  return { kind: 'storage', dtype, key, location, numel };
}

export interface TorchCheckpoint extends TensorFile {
  /** The archive folder holding data.pkl, e.g. `checkpoint/` or `archive/`. */
  readonly prefix: string;
}

export async function openTorchCheckpoint(pathOrSource: string | ByteSource): Promise<TorchCheckpoint> {
  const label = typeof pathOrSource === 'string' ? pathOrSource : 'checkpoint';
  const source = typeof pathOrSource === 'string' ? await openFileSource(pathOrSource) : pathOrSource;
  try {
    return await readCheckpoint(source, label);
  } catch (error) {
    await source.close();
    throw error;
  }
}

/**
 * Opens a `torch.save` zip archive: refuses the legacy format, finds its one `<prefix>/data.pkl`, checks the
 * storages are little-endian and unpickles data.pkl with the state-dict allow-list. Shared with
 * torchPickleFile.ts (files that are not state dicts).
 */
export async function openTorchZip(source: ByteSource, label: string): Promise<{ zip: ZipArchive; prefix: string; root: unknown }> {
  const magic = await source.read(0, Math.min(4, source.size));
  if (magic[0] === 0x80 && magic[1] !== undefined && magic[1] <= 5) {
    throw new CheckpointError(`${label}: the legacy (pre-1.6, non-zip) PyTorch format is not supported; re-save it with a current torch.save`);
  }
  const zip = await openZipArchive(source, label);
  const pickles = [...zip.entries.keys()].filter((name) => name === 'data.pkl' || name.endsWith('/data.pkl'));
  if (pickles.length !== 1) {
    throw new CheckpointError(`${label}: expected one <prefix>/data.pkl in the archive, found ${pickles.length ? pickles.join(', ') : 'none'}`);
  }
  const prefix = pickles[0]!.slice(0, -'data.pkl'.length);
  const byteorder = zip.entries.has(`${prefix}byteorder`) ? Buffer.from(await zip.readEntry(`${prefix}byteorder`)).toString('latin1').trim() : 'little';
  if (byteorder !== 'little') throw new CheckpointError(`${label}: storages are ${byteorder}-endian; only little-endian files are supported`);
  const root = unpickle(await zip.readEntry(pickles[0]!), { globals: torchStateDictGlobals, persistentLoad: torchPersistentLoad, label: `${label}: ${pickles[0]}` });
  return { zip, prefix, root };
}

async function readCheckpoint(source: ByteSource, label: string): Promise<TorchCheckpoint> {
  const { zip, prefix, root } = await openTorchZip(source, label);
  if (!(root instanceof Map)) throw new CheckpointError(`${label}: data.pkl holds a ${typeof root}, not a state dict`);

  const tensors: TensorDescriptor[] = [];
  const byName = new Map<string, TensorDescriptor>();
  const storages = new Map<string, StorageRecord>();
  for (const [name, value] of root) {
    if (typeof name !== 'string') throw new CheckpointError(`${label}: a state-dict key is not a string`);
    const record = value as TensorRecord | null;
    if (!record || record.kind !== 'tensor') throw new CheckpointError(`${label}: "${name}" is not a tensor`);
    const { storage } = record;
    const known = storages.get(storage.key);
    if (known && known.dtype !== storage.dtype) throw new CheckpointError(`${label}: storage ${storage.key} is used as both ${known.dtype} and ${storage.dtype}`);
    storages.set(storage.key, storage);
    const entry = zip.entries.get(`${prefix}data/${storage.key}`);
    if (!entry) throw new CheckpointError(`${label}: "${name}" needs storage ${prefix}data/${storage.key}, which is not in the archive`);
    if (entry.size < storage.numel * dtypeBytes[storage.dtype]) {
      throw new CheckpointError(`${label}: storage ${storage.key} has ${entry.size} bytes, fewer than its ${storage.numel} ${storage.dtype} elements need (truncated?)`);
    }
    const count = elementCount(record.shape);
    const last = record.storageOffset + record.shape.reduce((sum, size, i) => sum + (size - 1) * record.strides[i]!, 0);
    if (count > 0 && last >= storage.numel) throw new CheckpointError(`${label}: "${name}" reaches element ${last} of storage ${storage.key}, which has ${storage.numel}`);
    const descriptor: TensorDescriptor = { name, dtype: storage.dtype, shape: record.shape, strides: record.strides, storageKey: storage.key, storageOffset: record.storageOffset };
    tensors.push(descriptor);
    byName.set(name, descriptor);
  }

  const read = async (name: string): Promise<TensorArray> => {
    const tensor = byName.get(name);
    if (!tensor) throw new CheckpointError(`${label}: no tensor "${name}"`);
    return readTensor(zip, `${prefix}data/${tensor.storageKey}`, tensor);
  };
  return {
    prefix,
    tensors,
    get: (name) => byName.get(name),
    read,
    async readFloat32(name) {
      const tensor = byName.get(name);
      if (!tensor) throw new CheckpointError(`${label}: no tensor "${name}"`);
      return toFloat32(name, tensor.dtype, await read(name));
    },
    close: () => zip.close(),
  };
}

/** Reads one tensor: contiguous ones as one range; strided views by reading their span and gathering. */
export async function readTensor(zip: ZipArchive, entry: string, tensor: TensorDescriptor): Promise<TensorArray> {
  const size = dtypeBytes[tensor.dtype];
  const count = elementCount(tensor.shape);
  if (count === 0) return viewAs(tensor.dtype, new Uint8Array(0));
  const contiguous = contiguousStrides(tensor.shape);
  if (tensor.shape.every((n, i) => n === 1 || tensor.strides[i] === contiguous[i])) {
    return viewAs(tensor.dtype, await zip.readRange(entry, tensor.storageOffset * size, count * size));
  }
  const span = tensor.shape.reduce((sum, n, i) => sum + (n - 1) * tensor.strides[i]!, 0) + 1;
  const bytes = await zip.readRange(entry, tensor.storageOffset * size, span * size);
  const out = new Uint8Array(count * size);
  const index = new Array<number>(tensor.shape.length).fill(0);
  for (let i = 0; i < count; i++) {
    let at = 0;
    for (let d = 0; d < index.length; d++) at += index[d]! * tensor.strides[d]!;
    out.set(bytes.subarray(at * size, (at + 1) * size), i * size);
    for (let d = index.length - 1; d >= 0; d--) {
      if (++index[d]! < tensor.shape[d]!) break;
      index[d] = 0;
    }
  }
  return viewAs(tensor.dtype, out);
}
