// Reads a safetensors file lazily: an 8-byte little-endian header length, a JSON header of
// `name: {dtype, shape, data_offsets}` (plus optional `__metadata__`), then the packed data; each tensor is
// read by its own byte range.
import { openFileSource, type ByteSource } from './byteSource.ts';
import { contiguousStrides, dtypeBytes, elementCount, toFloat32, viewAs, type DType, type TensorArray, type TensorDescriptor, type TensorFile } from './tensors.ts';

const DTYPES: Readonly<Record<string, DType>> = { F64: 'F64', F32: 'F32', F16: 'F16', BF16: 'BF16', I64: 'I64', I32: 'I32', I16: 'I16', I8: 'I8', U8: 'U8', BOOL: 'BOOL' };
const MAX_HEADER = 100 * 1024 * 1024;

class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

export interface SafetensorsFile extends TensorFile {
  readonly metadata: Readonly<Record<string, string>>;
}

export async function openSafetensors(pathOrSource: string | ByteSource): Promise<SafetensorsFile> {
  const label = typeof pathOrSource === 'string' ? pathOrSource : 'safetensors';
  const source = typeof pathOrSource === 'string' ? await openFileSource(pathOrSource) : pathOrSource;
  try {
    return await readHeader(source, label);
  } catch (error) {
    await source.close();
    throw error;
  }
}

async function readHeader(source: ByteSource, label: string): Promise<SafetensorsFile> {
  const fail = (message: string): never => {
    throw new SafetensorsError(`${label}: ${message}`);
  };
  if (source.size < 8) fail(`${source.size} bytes is too short for a safetensors file`);
  const length = new DataView((await source.read(0, 8)).buffer).getBigUint64(0, true);
  if (length > BigInt(Math.min(MAX_HEADER, source.size - 8))) fail(`the header length ${length} runs past the file (truncated or not safetensors)`);
  const dataStart = 8 + Number(length);
  const dataLength = source.size - dataStart;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(await source.read(8, Number(length))).toString('utf8'));
  } catch {
    fail('the header is not valid JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header is not a JSON object');

  const tensors: TensorDescriptor[] = [];
  const ranges = new Map<string, { start: number; end: number; tensor: TensorDescriptor }>();
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      metadata = value as Record<string, string>;
      continue;
    }
    const info = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = typeof info?.dtype === 'string' ? DTYPES[info.dtype] : undefined;
    if (!dtype) fail(`"${name}" has an unsupported dtype ${JSON.stringify(info?.dtype)}`);
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) fail(`"${name}" has a malformed shape`);
    const offsets = info.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((n) => Number.isSafeInteger(n) && n >= 0)) fail(`"${name}" has malformed data_offsets`);
    const [start, end] = offsets as [number, number];
    const expected = elementCount(shape as number[]) * dtypeBytes[dtype!];
    if (end - start !== expected) fail(`"${name}" spans ${end - start} bytes, but ${dtype} ${JSON.stringify(shape)} needs ${expected}`);
    if (end > dataLength) fail(`"${name}" ends at byte ${end} of a ${dataLength}-byte data section (truncated?)`);
    const tensor: TensorDescriptor = { name, dtype: dtype!, shape: shape as number[], strides: contiguousStrides(shape as number[]), storageKey: name, storageOffset: 0 };
    tensors.push(tensor);
    ranges.set(name, { start, end, tensor });
  }

  const read = async (name: string): Promise<TensorArray> => {
    const range = ranges.get(name);
    if (!range) fail(`no tensor "${name}"`);
    return viewAs(range!.tensor.dtype, await source.read(dataStart + range!.start, range!.end - range!.start));
  };
  return {
    metadata,
    tensors,
    get: (name) => ranges.get(name)?.tensor,
    read,
    async readFloat32(name) {
      const range = ranges.get(name);
      if (!range) fail(`no tensor "${name}"`);
      return toFloat32(name, range!.tensor.dtype, await read(name));
    },
    close: () => source.close(),
  };
}
