// Reads any small `torch.save` zip file whose pickle is made of plain values and tensors (a dict of tensors,
// a bare tensor, a dict holding a list of names and a tensor…), not only a state dict: the root value comes
// back as unpickled, tensors as TensorRecords, each read on request. Same allow-list as a checkpoint.
import { openFileSource, type ByteSource } from './byteSource.ts';
import { openTorchZip, readTensor, type TensorRecord } from './torchCheckpoint.ts';
import { dtypeBytes, elementCount, toFloat32 } from './tensors.ts';

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
    const { zip, prefix, root } = await openTorchZip(source, label);
    const readFloat32 = async (tensor: TensorRecord): Promise<Float32Array> => {
      const { storage, shape, strides, storageOffset } = tensor;
      const entry = `${prefix}data/${storage.key}`;
      const info = zip.entries.get(entry);
      if (!info) throw new Error(`${label}: storage ${entry} is not in the archive`);
      if (info.size < storage.numel * dtypeBytes[storage.dtype]) throw new Error(`${label}: storage ${storage.key} is shorter than its ${storage.numel} elements (truncated?)`);
      const span = elementCount(shape) === 0 ? 0 : shape.reduce((sum, n, i) => sum + (n - 1) * strides[i]!, 0) + 1;
      if (storageOffset + span > storage.numel) throw new Error(`${label}: a tensor reaches past the end of storage ${storage.key}`);
      const values = await readTensor(zip, entry, { name: `${label} tensor`, dtype: storage.dtype, shape, strides, storageKey: storage.key, storageOffset });
      return Float32Array.from(toFloat32(`${label} tensor`, storage.dtype, values));
    };
    return { root, readFloat32, close: () => zip.close() };
  } catch (error) {
    await source.close();
    throw error;
  }
}
