// What a tensor file (PyTorch zip or safetensors) exposes: tensor descriptors (name, dtype, shape, strides,
// storage and offset) and reads of one tensor's data at a time; plus the byte decoding shared by both.
import { endianness } from 'node:os';
import { bfloat16ArrayToFloat32, float16ArrayToFloat32 } from './float16.ts';

export type DType = 'F64' | 'F32' | 'F16' | 'BF16' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

export const dtypeBytes: Readonly<Record<DType, number>> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

export const isFloatDType = (dtype: DType): boolean => dtype === 'F64' || dtype === 'F32' || dtype === 'F16' || dtype === 'BF16';

export interface TensorDescriptor {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** In elements, as PyTorch reports them. */
  readonly strides: readonly number[];
  /** The storage holding the data: a zip entry's key (`data/<key>`) or, for safetensors, the tensor's own name. */
  readonly storageKey: string;
  /** Offset into the storage, in elements. */
  readonly storageOffset: number;
}

/** The raw values of one tensor, row-major, in its own dtype (F16/BF16 as their bit patterns). */
export type TensorArray = Float64Array | Float32Array | Uint16Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

export interface TensorFile {
  /** Every tensor, in file order. */
  readonly tensors: readonly TensorDescriptor[];
  get(name: string): TensorDescriptor | undefined;
  /** One tensor's values in its own dtype, reading only its bytes. */
  read(name: string): Promise<TensorArray>;
  /** One floating-point tensor as float32 (fp16/bf16/fp64 converted); integer tensors are refused. */
  readFloat32(name: string): Promise<Float32Array>;
  close(): Promise<void>;
}

export const elementCount = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    step *= shape[i]!;
  }
  return strides;
}

if (endianness() !== 'LE') throw new Error('Checkpoint reading assumes a little-endian machine');

/** Views little-endian bytes (byteOffset 0, length a multiple of the element size) as the dtype's array. */
export function viewAs(dtype: DType, bytes: Uint8Array): TensorArray {
  const n = bytes.length / dtypeBytes[dtype];
  switch (dtype) {
    case 'F64': return new Float64Array(bytes.buffer, bytes.byteOffset, n);
    case 'F32': return new Float32Array(bytes.buffer, bytes.byteOffset, n);
    case 'F16':
    case 'BF16': return new Uint16Array(bytes.buffer, bytes.byteOffset, n);
    case 'I64': return new BigInt64Array(bytes.buffer, bytes.byteOffset, n);
    case 'I32': return new Int32Array(bytes.buffer, bytes.byteOffset, n);
    case 'I16': return new Int16Array(bytes.buffer, bytes.byteOffset, n);
    case 'I8': return new Int8Array(bytes.buffer, bytes.byteOffset, n);
    case 'U8':
    case 'BOOL': return bytes;
  }
}

export function toFloat32(name: string, dtype: DType, values: TensorArray): Float32Array {
  switch (dtype) {
    case 'F32': return values as Float32Array;
    case 'F16': return float16ArrayToFloat32(values as Uint16Array);
    case 'BF16': return bfloat16ArrayToFloat32(values as Uint16Array);
    case 'F64': return Float32Array.from(values as Float64Array);
    default: throw new Error(`Tensor "${name}" is ${dtype}, not a floating-point tensor`);
  }
}
