// fp16 weights: every float32 initializer of at least `minElements` values whose values fit float16 is
// stored as float16 and cast back to float32 by a Cast node in front of the graph, under its old name, so
// no other node changes. Compute stays float32: this is not float16 arithmetic. It halves the files (the
// download and the disk); ONNX Runtime folds the Casts when it loads the model, so in a session the
// weights are float32 again (measured: same resident memory as fp32 on CPU). Scalars and small constants
// (1/√d, the mask minimum) stay float32.
import { onnxDataTypes, type GraphBuilder, type NodeMessage, type TensorMessage } from '../graphBuilder.ts';
import { float32ArrayToFloat16 } from './float32ToFloat16.ts';

const FLOAT16_MAX = 65504;

/** The float32 values of an initializer message (its raw bytes, little-endian). */
export function initializerFloats(t: TensorMessage): Float32Array | null {
  if (t.dataType !== onnxDataTypes.FLOAT || !t.rawData) return null;
  const raw = t.rawData;
  if (raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  return new Float32Array(raw.slice().buffer);
}

export function storeWeightsAsFloat16(g: GraphBuilder, options: { minElements?: number } = {}): { converted: number } {
  const minElements = options.minElements ?? 16;
  const { initializers, nodes } = g.parts;
  const casts: NodeMessage[] = [];
  for (let i = 0; i < initializers.length; i++) {
    const t = initializers[i]!;
    const values = initializerFloats(t);
    if (!values || values.length < minElements) continue;
    if (!values.every((v) => Number.isFinite(v) && Math.abs(v) <= FLOAT16_MAX)) continue;
    const stored = `${t.name}.fp16`;
    initializers[i] = g.tensorMessage(stored, 'float16', t.dims.map(Number), float32ArrayToFloat16(values));
    casts.push(g.nodeMessage('Cast', [stored], [t.name], { to: onnxDataTypes.FLOAT }));
  }
  nodes.unshift(...casts);
  return { converted: casts.length };
}
