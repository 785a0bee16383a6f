// The dense building blocks of the encoder and decoder as ONNX nodes: nn.Linear (x · Wᵀ + b, PyTorch's
// [out, in] weights), LayerNorm over the last axis, exact (erf) GELU, QuickGELU and squared ReLU.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import type { WeightBank } from './weightBank.ts';

/** `prefix.weight` [out, in] and optional `prefix.bias` [out], as nn.Linear stores them. */
export function linear(g: GraphBuilder, w: WeightBank, x: string, prefix: string): string {
  const product = g.op('MatMul', [x, w.transposed(`${prefix}.weight`)]);
  return w.has(`${prefix}.bias`) ? g.op('Add', [product, w.tensor(`${prefix}.bias`)]) : product;
}

/** nn.LayerNorm over the last axis with `prefix.weight` and `prefix.bias`. */
export function layerNorm(g: GraphBuilder, w: WeightBank, x: string, prefix: string, epsilon = 1e-5): string {
  return g.op('LayerNormalization', [x, w.tensor(`${prefix}.weight`), w.tensor(`${prefix}.bias`)], { axis: -1, epsilon });
}

/** GELU as PyTorch's default: x · ½ · (1 + erf(x / √2)). */
export function geluErf(g: GraphBuilder, x: string): string {
  const erf = g.op('Erf', [g.op('Mul', [x, g.constantFloats([Math.SQRT1_2], [])])]);
  const onePlus = g.op('Add', [erf, g.constantFloats([1], [])]);
  return g.op('Mul', [g.op('Mul', [x, g.constantFloats([0.5], [])]), onePlus]);
}

/** CLIP's QuickGELU: x · σ(1.702x). */
export function quickGelu(g: GraphBuilder, x: string): string {
  return g.op('Mul', [x, g.op('Sigmoid', [g.op('Mul', [x, g.constantFloats([1.702], [])])])]);
}

/** relu(x)². */
export function squaredRelu(g: GraphBuilder, x: string): string {
  const r = g.op('Relu', [x]);
  return g.op('Mul', [r, r]);
}
