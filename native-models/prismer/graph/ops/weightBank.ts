// Checkpoint weights held in memory (float32, row-major) and placed in one ONNX graph on first use: each
// tensor becomes one initializer named after its key; a linear weight is transposed once. Shared by the
// encoder and decoder graph builders.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';

export interface HostTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export class WeightBank {
  readonly #graph: GraphBuilder;
  readonly #tensors: ReadonlyMap<string, HostTensor>;
  readonly #placed = new Map<string, string>();

  constructor(graph: GraphBuilder, tensors: ReadonlyMap<string, HostTensor>) {
    this.#graph = graph;
    this.#tensors = tensors;
  }

  has(name: string): boolean {
    return this.#tensors.has(name);
  }

  shape(name: string): readonly number[] {
    return this.get(name).shape;
  }

  get(name: string): HostTensor {
    const tensor = this.#tensors.get(name);
    if (!tensor) throw new Error(`The checkpoint has no tensor "${name}"`);
    return tensor;
  }

  /** The tensor as an initializer, as stored. */
  tensor(name: string): string {
    return this.#place(name, () => this.get(name));
  }

  /** A 2-D [out, in] weight as an [in, out] initializer, for x · Wᵀ with MatMul. */
  transposed(name: string): string {
    return this.#place(`${name}.T`, () => transpose2d(this.get(name)));
  }

  /** Rows [start, end) of a 2-D weight, transposed (e.g. one of Wq, Wk, Wv out of in_proj_weight). */
  rowsTransposed(name: string, start: number, end: number): string {
    return this.#place(`${name}[${start}:${end}].T`, () => transpose2d(sliceRows(this.get(name), start, end)));
  }

  /** Entries [start, end) of a 1-D tensor (e.g. one of bq, bk, bv out of in_proj_bias). */
  slice(name: string, start: number, end: number): string {
    return this.#place(`${name}[${start}:${end}]`, () => ({ shape: [end - start], data: this.get(name).data.slice(start, end) }));
  }

  /** A tensor computed at conversion (e.g. a resized positional grid), under a name of its own. */
  computed(name: string, tensor: HostTensor): string {
    return this.#place(name, () => tensor);
  }

  #place(name: string, make: () => HostTensor): string {
    const placed = this.#placed.get(name);
    if (placed) return placed;
    const tensor = make();
    const value = this.#graph.initializer(name, 'float32', tensor.shape, tensor.data);
    this.#placed.set(name, value);
    return value;
  }
}

function sliceRows(t: HostTensor, start: number, end: number): HostTensor {
  const cols = t.shape[1]!;
  return { shape: [end - start, cols], data: t.data.slice(start * cols, end * cols) };
}

function transpose2d(t: HostTensor): HostTensor {
  if (t.shape.length !== 2) throw new Error(`Expected a 2-D weight, got shape [${t.shape.join(', ')}]`);
  const [rows, cols] = t.shape as [number, number];
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c]!;
  return { shape: [cols, rows], data: out };
}
