// The pickle globals a NumPy array needs, as inert records for the restricted unpickler: `_reconstruct`
// (protocols 1–4) and `_frombuffer` (protocol 5) make an array record whose BUILD state (shape, dtype,
// Fortran order, raw bytes) is captured, `dtype` a dtype record, `scalar` a scalar record, and
// `_codecs.encode(text, 'latin1')` the bytes protocols 1–2 write that way. Nothing is executed; the
// records become numbers only through `ndarrayToFloat32`, for float32/float64 arrays of known byte order.
import { isTuple, PickleGlobal, type AllowedGlobal } from './restrictedUnpickler.ts';

export interface NumpyDType {
  readonly kind: 'numpy-dtype';
  readonly code: string;
  /** '<', '>', '|' or '=' as the pickle states it (BUILD), '=' until then. */
  byteorder: string;
}

export interface NumpyArray {
  readonly kind: 'numpy-array';
  shape: readonly number[];
  dtype: NumpyDType | undefined;
  fortran: boolean;
  /** The raw bytes, or a list for object arrays (never interpreted). */
  data: Uint8Array | readonly unknown[] | undefined;
}

export interface NumpyScalar {
  readonly kind: 'numpy-scalar';
  readonly dtype: unknown;
  readonly bytes: unknown;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export const isNumpyArray = (value: unknown): value is NumpyArray => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'numpy-array';

function shapeOf(value: unknown, what: string): number[] {
  if (isCount(value)) return [value];
  if (!isTuple(value) || !value.every(isCount)) throw new Error(`${what}: the shape is not a tuple of non-negative integers`);
  return [...(value as number[])];
}

function asDType(value: unknown, what: string): NumpyDType {
  if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== 'numpy-dtype') throw new Error(`${what}: the dtype is not a numpy.dtype`);
  return value as NumpyDType;
}

const dtype: AllowedGlobal = {
  call(args) {
    const [code] = args;
    if (typeof code !== 'string' || !/^[<>|=]?[a-zA-Z]\d*$/.test(code)) throw new Error(`numpy.dtype: ${JSON.stringify(code)} is not a simple type code`);
    const explicit = /^[<>|=]/.test(code) ? code[0]! : '=';
    return { kind: 'numpy-dtype', code: code.replace(/^[<>|=]/, ''), byteorder: explicit } satisfies NumpyDType;
  },
  setState(target, state) {
    // (version, byteorder, subarray, names, fields, elsize, alignment, flags)
    if (!isTuple(state) || typeof state[1] !== 'string') throw new Error('numpy.dtype: malformed state');
    (target as NumpyDType).byteorder = state[1] as string;
    return target;
  },
};

const reconstruct: AllowedGlobal = {
  call(args) {
    const [cls] = args;
    if (!(cls instanceof PickleGlobal) || cls.name !== 'ndarray') throw new Error('_reconstruct: only numpy.ndarray may be reconstructed');
    return { kind: 'numpy-array', shape: [0], dtype: undefined, fortran: false, data: undefined } satisfies NumpyArray;
  },
};

/** BUILD on an array record: (version, shape, dtype, is_fortran, data) or the older 4-tuple. */
function buildArray(target: unknown, state: unknown): unknown {
  if (!isTuple(state) || (state.length !== 5 && state.length !== 4)) throw new Error('numpy.ndarray: malformed state');
  const [shape, type, fortran, data] = state.length === 5 ? state.slice(1) : state;
  const array = target as NumpyArray;
  array.shape = shapeOf(shape, 'numpy.ndarray');
  array.dtype = asDType(type, 'numpy.ndarray');
  array.fortran = fortran === true;
  if (!(data instanceof Uint8Array) && !Array.isArray(data)) throw new Error('numpy.ndarray: the data is neither bytes nor a list');
  array.data = data as Uint8Array | unknown[];
  return array;
}

const frombuffer: AllowedGlobal = {
  call(args) {
    const [buffer, type, shape, order] = args;
    if (!(buffer instanceof Uint8Array)) throw new Error('_frombuffer: the buffer is not bytes');
    return { kind: 'numpy-array', shape: shapeOf(shape, '_frombuffer'), dtype: asDType(type, '_frombuffer'), fortran: order === 'F', data: buffer } satisfies NumpyArray;
  },
};

const codecsEncode: AllowedGlobal = {
  call(args) {
    const [text, encoding] = args;
    if (typeof text !== 'string' || (encoding !== 'latin1' && encoding !== 'latin-1')) throw new Error('_codecs.encode: only (str, "latin1") is allowed');
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 255) throw new Error('_codecs.encode: a character outside latin-1');
      out[i] = code;
    }
    return out;
  },
};

const scalar: AllowedGlobal = { call: (args) => ({ kind: 'numpy-scalar', dtype: args[0], bytes: args[1] }) satisfies NumpyScalar };

/** The NumPy globals (numpy 1.x `numpy.core` and 2.x `numpy._core` names); merge into a caller's allow-list. */
export const numpyGlobals: ReadonlyMap<string, AllowedGlobal> = new Map<string, AllowedGlobal>([
  ['numpy.dtype', dtype],
  ['numpy.ndarray', {}], // only named, as _reconstruct's argument
  ...['numpy.core', 'numpy._core'].flatMap((core): [string, AllowedGlobal][] => [
    [`${core}.multiarray._reconstruct`, { ...reconstruct, setState: buildArray }],
    [`${core}.multiarray.scalar`, scalar],
    [`${core}.numeric._frombuffer`, frombuffer],
  ]),
  ['_codecs.encode', codecsEncode],
]);

/** A float32/float64 array's values as float32, row-major; other dtypes and big-endian data are refused. */
export function ndarrayToFloat32(value: unknown, what: string): { shape: readonly number[]; values: Float32Array } {
  if (!isNumpyArray(value) || !value.dtype) throw new Error(`${what} is not a NumPy array`);
  const { shape, dtype: type, data } = value;
  const size = type.code === 'f8' || type.code === 'd' ? 8 : type.code === 'f4' || type.code === 'f' ? 4 : 0;
  if (!size) throw new Error(`${what} has dtype ${type.code}, not float32 or float64`);
  if (type.byteorder === '>') throw new Error(`${what} is big-endian; only little-endian arrays are supported`);
  if (!(data instanceof Uint8Array)) throw new Error(`${what} holds no raw data`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (data.length !== count * size) throw new Error(`${what}: ${data.length} bytes for ${count} ${type.code} values`);
  const copy = new Uint8Array(data.length); // a real copy, aligned at 0 (a Buffer's slice() is a view)
  copy.set(data);
  const raw = size === 8 ? new Float64Array(copy.buffer, 0, count) : new Float32Array(copy.buffer, 0, count);
  let values = Float32Array.from(raw);
  if (value.fortran && shape.length === 2) {
    const [rows, cols] = shape as [number, number];
    const c = new Float32Array(count);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) c[i * cols + j] = values[j * rows + i]!;
    values = c;
  } else if (value.fortran && shape.filter((n) => n > 1).length > 1) {
    throw new Error(`${what}: a Fortran-ordered array of ${shape.length} dimensions is not supported`);
  }
  return { shape, values };
}
