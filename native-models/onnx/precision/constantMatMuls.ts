// What the fp16-compute and int8 rewrites share: finding the MatMuls whose second input is a constant
// 2-D float32 weight, and dropping the float weights no node reads once those MatMuls use a new form.
import type { GraphBuilder, NodeMessage, TensorMessage } from '../graphBuilder.ts';
import { initializerFloats } from './float16Weights.ts';

/** The constant 2-D float32 weight a default-domain MatMul multiplies by, or null for any other node. */
export function constantMatMulWeight(node: NodeMessage, initializers: ReadonlyMap<string, TensorMessage>): { tensor: TensorMessage; values: Float32Array } | null {
  if (node.opType !== 'MatMul' || (node.domain ?? '') !== '') return null;
  const tensor = initializers.get(node.input[1]!);
  const values = tensor ? initializerFloats(tensor) : null;
  if (!tensor || !values || tensor.dims.length !== 2) return null;
  return { tensor, values };
}

/** Removes the initializers among `replaced` (by name) that no node reads any more. */
export function dropUnreadInitializers(g: GraphBuilder, replaced: { has(name: string): boolean }): void {
  const { initializers, nodes } = g.parts;
  const used = new Set(nodes.flatMap((n) => n.input));
  for (let i = initializers.length - 1; i >= 0; i--) if (replaced.has(initializers[i]!.name) && !used.has(initializers[i]!.name)) initializers.splice(i, 1);
}
