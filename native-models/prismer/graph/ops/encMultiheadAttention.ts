// nn.MultiheadAttention (batch first) as ONNX nodes: `in_proj_weight` = [Wq; Wk; Wv] stacked by rows with
// `in_proj_bias` to match, heads as contiguous channel slices, scores scaled by 1/√(D/heads), softmax,
// then `out_proj`. No mask: the vision side never masks.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { encLinear } from './encLayers.ts';
import type { EncWeights } from './encWeights.ts';

/** attn(query, key = value = keyValue) for [B, Tq, D] and [B, Tk, D]; returns [B, Tq, D]. */
export function encMultiheadAttention(g: GraphBuilder, w: EncWeights, prefix: string, query: string, keyValue: string, width: number, heads: number): string {
  if (width % heads !== 0) throw new Error(`${prefix}: width ${width} is not divisible by ${heads} heads`);
  const headDim = width / heads;
  const project = (x: string, part: number): string => {
    const product = g.op('MatMul', [x, w.rowsTransposed(`${prefix}.in_proj_weight`, part * width, (part + 1) * width)]);
    const biased = g.op('Add', [product, w.slice(`${prefix}.in_proj_bias`, part * width, (part + 1) * width)]);
    return g.op('Transpose', [g.op('Reshape', [biased, g.constantInts([0, 0, heads, headDim])])], { perm: [0, 2, 1, 3] });
  };
  const q = project(query, 0);
  const k = project(keyValue, 1);
  const v = project(keyValue, 2);
  const scores = g.op('Mul', [g.op('MatMul', [q, g.op('Transpose', [k], { perm: [0, 1, 3, 2] })]), g.constantFloats([1 / Math.sqrt(headDim)], [])]);
  const mixed = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]);
  const merged = g.op('Reshape', [g.op('Transpose', [mixed], { perm: [0, 2, 1, 3] }), g.constantInts([0, 0, width])]);
  return encLinear(g, w, merged, `${prefix}.out_proj`);
}
