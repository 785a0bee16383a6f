// Multi-head attention as ONNX nodes: heads are contiguous channel slices ([B, T, D] ↔ [B, H, T, D/H]);
// scores q·kᵀ/√(D/H) plus an optional additive bias, clamped at the float32 minimum as HF does so that a
// fully masked row gives uniform weights rather than NaN; softmax; weights · v. Also nn.MultiheadAttention
// for the vision side (in_proj_weight = [Wq; Wk; Wv] stacked by rows, no mask).
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { linear } from './denseOps.ts';
import type { WeightBank } from './weightBank.ts';

/** torch.finfo(torch.float32).min, the additive mask value. */
export const FLOAT32_MIN = -3.4028234663852886e38;

/** [B, T, H·d] → [B, H, T, d]. */
export function splitHeads(g: GraphBuilder, x: string, heads: number, headDim: number): string {
  const reshaped = g.op('Reshape', [x, g.constantInts([0, 0, heads, headDim])]);
  return g.op('Transpose', [reshaped], { perm: [0, 2, 1, 3] });
}

/** [B, H, T, d] → [B, T, H·d]. */
export function mergeHeads(g: GraphBuilder, x: string, hidden: number): string {
  const transposed = g.op('Transpose', [x], { perm: [0, 2, 1, 3] });
  return g.op('Reshape', [transposed, g.constantInts([0, 0, hidden])]);
}

/** softmax(q·kᵀ/√d (+ bias, clamped)) · v over [B, H, *, d] operands; bias broadcasts to [B, H, Tq, Tk]. */
export function attend(g: GraphBuilder, q: string, k: string, v: string, headDim: number, bias?: string): string {
  const kT = g.op('Transpose', [k], { perm: [0, 1, 3, 2] });
  let scores = g.op('Div', [g.op('MatMul', [q, kT]), g.constantFloats([Math.sqrt(headDim)], [])]);
  if (bias) scores = g.op('Max', [g.op('Add', [scores, bias]), g.constantFloats([FLOAT32_MIN], [])]);
  const weights = g.op('Softmax', [scores], { axis: -1 });
  return g.op('MatMul', [weights, v]);
}

/** nn.MultiheadAttention (batch first), attn(query, key = value = keyValue) for [B, Tq, D] and [B, Tk, D]. */
export function multiheadAttention(g: GraphBuilder, w: WeightBank, prefix: string, query: string, keyValue: string, width: number, heads: number): string {
  if (width % heads !== 0) throw new Error(`${prefix}: width ${width} is not divisible by ${heads} heads`);
  const headDim = width / heads;
  const project = (x: string, part: number): string => {
    const product = g.op('MatMul', [x, w.rowsTransposed(`${prefix}.in_proj_weight`, part * width, (part + 1) * width)]);
    return splitHeads(g, g.op('Add', [product, w.slice(`${prefix}.in_proj_bias`, part * width, (part + 1) * width)]), heads, headDim);
  };
  const mixed = attend(g, project(query, 0), project(keyValue, 1), project(keyValue, 2), headDim);
  return linear(g, w, mergeHeads(g, mixed, width), `${prefix}.out_proj`);
}
