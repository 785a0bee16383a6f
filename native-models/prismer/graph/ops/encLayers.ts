// The dense pieces of the vision encoder as ONNX nodes: nn.Linear (x · Wᵀ + b), LayerNorm over the last
// axis (eps 1e-5, fp32), QuickGELU (x · σ(1.702x)) and squared ReLU (relu(x)²).
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import type { EncWeights } from './encWeights.ts';

/** `prefix.weight` [out, in] and optional `prefix.bias` [out]. */
export function encLinear(g: GraphBuilder, w: EncWeights, x: string, prefix: string): string {
  const product = g.op('MatMul', [x, w.transposed(`${prefix}.weight`)]);
  return w.has(`${prefix}.bias`) ? g.op('Add', [product, w.tensor(`${prefix}.bias`)]) : product;
}

export function encLayerNorm(g: GraphBuilder, w: EncWeights, x: string, prefix: string, epsilon = 1e-5): string {
  return g.op('LayerNormalization', [x, w.tensor(`${prefix}.weight`), w.tensor(`${prefix}.bias`)], { axis: -1, epsilon });
}

export function encQuickGelu(g: GraphBuilder, x: string): string {
  return g.op('Mul', [x, g.op('Sigmoid', [g.op('Mul', [x, g.constantFloats([1.702], [])])])]);
}

export function encSquaredRelu(g: GraphBuilder, x: string): string {
  const r = g.op('Relu', [x]);
  return g.op('Mul', [r, r]);
}
