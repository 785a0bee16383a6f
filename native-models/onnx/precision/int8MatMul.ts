// int8 dynamic quantisation for CPU: every MatMul whose second input is a constant 2-D float32 weight
// [K, N] becomes com.microsoft DynamicQuantizeMatMul (ONNX Runtime contrib op, CPU): the weight stored as
// int8, symmetric per column (scale = max |W[:, n]| / 127, zero point 0), activations quantised to uint8
// at run time. Other weights (embeddings, convolutions, LayerNorm) stay float32.
import type { GraphBuilder } from '../graphBuilder.ts';
import { constantMatMulWeight, dropUnreadInitializers } from './constantMatMuls.ts';

export const CONTRIB_DOMAIN = 'com.microsoft';

/** Symmetric per-column int8 of a row-major [rows, cols] matrix. */
export function quantizeColumns(values: Float32Array, rows: number, cols: number): { weights: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) scales[c] = Math.max(scales[c]!, Math.abs(values[r * cols + c]!));
  for (let c = 0; c < cols; c++) scales[c] = scales[c]! > 0 ? scales[c]! / 127 : 1;
  const weights = new Int8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) weights[r * cols + c] = Math.max(-127, Math.min(127, Math.round(values[r * cols + c]! / scales[c]!)));
  }
  return { weights, scales };
}

export function quantizeMatMulWeights(g: GraphBuilder): { quantized: number } {
  const { initializers, nodes } = g.parts;
  const byName = new Map(initializers.map((t) => [t.name, t]));
  const quantized = new Map<string, { weights: string; scales: string }>();
  let count = 0;
  for (const node of nodes) {
    const weight = constantMatMulWeight(node, byName);
    if (!weight) continue;
    const { tensor: t, values } = weight;
    const name = t.name;
    let q = quantized.get(name);
    if (!q) {
      const [rows, cols] = t.dims.map(Number) as [number, number];
      const { weights, scales } = quantizeColumns(values, rows, cols);
      q = { weights: `${name}.int8`, scales: `${name}.scale` };
      initializers.push(g.tensorMessage(q.weights, 'int8', [rows, cols], weights), g.tensorMessage(q.scales, 'float32', [cols], scales));
      quantized.set(name, q);
    }
    node.opType = 'DynamicQuantizeMatMul';
    node.domain = CONTRIB_DOMAIN;
    node.input = [node.input[0]!, q.weights, q.scales];
    count++;
  }
  // Float weights no node reads any more are dropped.
  dropUnreadInitializers(g, quantized);
  if (count > 0) g.useDomain(CONTRIB_DOMAIN, 1);
  return { quantized: count };
}
