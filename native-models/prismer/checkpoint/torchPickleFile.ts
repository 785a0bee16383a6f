// Reads any small `torch.save` zip file whose pickle is made of plain values and tensors (a dict of tensors,
// a bare tensor, a dict holding a list of names and a tensor…), not only a state dict: the root value comes
// back as unpickled, tensors as TensorRecords, each read on request. Same allow-list as a checkpoint.
import { openFileSource, type ByteSource } from './byteSource.ts';
import { unpickle } from './restrictedUnpickler.ts';
import { torchPersistentLoad, torchStateDictGlobals, type TensorRecord } from './torchCheckpoint.ts';
import { dtypeBytes, elementCount, toFloat32, viewAs } from './tensors.ts';
import { openZipArchive } from './zipArchive.ts';

export interface TorchPickleFile {
  /** The unpickled value: Maps, arrays, strings, numbers and TensorRecords. */
  readonly root: unknown;
  /** One tensor's values as float32 (row-major, strides applied); integer tensors are refused. */
  readFloat32(tensor: TensorRecord): Promise<Float32Array>;
  close(): Promise<void>;
}

export const isTensorRecord = (value: unknown): value is TensorRecord =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'tensor';

export async function openTorchPickleFile(pathOrSource: string | ByteSource, label = typeof pathOrSource === 'string' ? pathOrSource : 'file'): Promise<TorchPickleFile> {
  const source = typeof pathOrSource === 'string' ? await openFileSource(pathOrSource) : pathOrSource;
  try {
    const magic = await source.read(0, Math.min(2, source.size));
    if (magic[0] === 0x80) throw new Error(`${label}: the legacy (pre-1.6, non-zip) PyTorch format is not supported`);
    const zip = await openZipArchive(source, label);
    const pickles = [...zip.entries.keys()].filter((name) => name === 'data.pkl' || name.endsWith('/data.pkl'));
    if (pickles.length !== 1) throw new Error(`${label}: expected one <prefix>/data.pkl in the archive, found ${pickles.length ? pickles.join(', ') : 'none'}`);
    const prefix = pickles[0]!.slice(0, -'data.pkl'.length);
    const byteorder = zip.entries.has(`${prefix}byteorder`) ? Buffer.from(await zip.readEntry(`${prefix}byteorder`)).toString('latin1').trim() : 'little';
    if (byteorder !== 'little') throw new Error(`${label}: storages are ${byteorder}-endian; only little-endian files are supported`);
    const root = unpickle(await zip.readEntry(pickles[0]!), { globals: torchStateDictGlobals, persistentLoad: torchPersistentLoad, label: `${label}: ${pickles[0]}` });

    const readFloat32 = async (tensor: TensorRecord): Promise<Float32Array> => {
      const { storage, shape, strides, storageOffset } = tensor;
      const entry = `${prefix}data/${storage.key}`;
      const info = zip.entries.get(entry);
      if (!info) throw new Error(`${label}: storage ${entry} is not in the archive`);
      const size = dtypeBytes[storage.dtype];
      if (info.size < storage.numel * size) throw new Error(`${label}: storage ${storage.key} is shorter than its ${storage.numel} elements (truncated?)`);
      const count = elementCount(shape);
      const span = count === 0 ? 0 : shape.reduce((sum, n, i) => sum + (n - 1) * strides[i]!, 0) + 1;
      if (storageOffset + span > storage.numel) throw new Error(`${label}: a tensor reaches past the end of storage ${storage.key}`);
      const bytes = await zip.readRange(entry, storageOffset * size, span * size);
      const out = new Uint8Array(count * size);
      const index = new Array<number>(shape.length).fill(0);
      for (let i = 0; i < count; i++) {
        let at = 0;
        for (let d = 0; d < index.length; d++) at += index[d]! * strides[d]!;
        out.set(bytes.subarray(at * size, (at + 1) * size), i * size);
        for (let d = index.length - 1; d >= 0; d--) {
          if (++index[d]! < shape[d]!) break;
          index[d] = 0;
        }
      }
      return Float32Array.from(toFloat32(`${label} tensor`, storage.dtype, viewAs(storage.dtype, out)));
    };
    return { root, readFloat32, close: () => zip.close() };
  } catch (error) {
    await source.close();
    throw error;
  }
}
