// Checkpoint weights held in memory and placed in one ONNX graph on first use: each tensor becomes one
// initializer (named after its checkpoint key), a linear layer's weight transposed once for MatMul.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';

/** A float32 tensor in memory, row-major. */
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
    return this.#get(name).shape;
  }

  /** The tensor as an initializer, as stored. */
  tensor(name: string): string {
    return this.#place(name, () => this.#get(name));
  }

  /** A 2-D tensor transposed ([out, in] → [in, out]), for x · Wᵀ as one MatMul. */
  transposed(name: string): string {
    return this.#place(`${name}.T`, () => transpose2d(name, this.#get(name)));
  }

  #place(key: string, make: () => HostTensor): string {
    const placed = this.#placed.get(key);
    if (placed) return placed;
    const t = make();
    const initializer = this.#graph.initializer(key, 'float32', t.shape, t.data);
    this.#placed.set(key, initializer);
    return initializer;
  }

  #get(name: string): HostTensor {
    const t = this.#tensors.get(name);
    if (!t) throw new Error(`weight ${name} is missing`);
    return t;
  }
}

function transpose2d(name: string, t: HostTensor): HostTensor {
  if (t.shape.length !== 2) throw new Error(`weight ${name} has shape [${t.shape.join(', ')}], not 2-D`);
  const [rows, cols] = t.shape as [number, number];
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c]!;
  return { shape: [cols, rows], data: out };
}
