// The blocks of a Prismer decoder layer, all post-LN: self-attention (with an optional key/value cache),
// cross-attention on precomputed memory keys/values, the language adaptor and the feed-forward block.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { attend, mergeHeads, splitHeads } from '../ops/attention.ts';
import { geluErf, layerNorm, linear, squaredRelu } from '../ops/denseOps.ts';
import type { WeightBank } from '../ops/weightBank.ts';
import type { DecoderDims } from './decoderWeights.ts';

/** Keys and values split into heads, [B, H, T, D/H]. */
export interface KeyValues {
  readonly key: string;
  readonly value: string;
}

/** `prefix` is `…layer.i.0.attention` or `…output_layer.attention`; returns the block output and the keys/values incl. `past`. */
export function selfAttention(g: GraphBuilder, w: WeightBank, d: DecoderDims, h: string, prefix: string, bias: string, past?: KeyValues): { out: string; present: KeyValues } {
  const heads = (name: string) => splitHeads(g, linear(g, w, h, `${prefix}.self.${name}`), d.heads, d.headDim);
  let key = heads('key');
  let value = heads('value');
  if (past) {
    key = g.op('Concat', [past.key, key], { axis: 2 });
    value = g.op('Concat', [past.value, value], { axis: 2 });
  }
  const context = mergeHeads(g, attend(g, heads('query'), key, value, d.headDim, bias), d.hidden);
  const out = layerNorm(g, w, g.op('Add', [linear(g, w, context, `${prefix}.output.dense`), h]), `${prefix}.output.LayerNorm`);
  return { out, present: { key, value } };
}

/** Layer i's cross-attention keys/values from memory [B, M, Dm]. */
export function crossKeyValues(g: GraphBuilder, w: WeightBank, d: DecoderDims, memory: string, layer: number): KeyValues {
  const prefix = `roberta.encoder.layer.${layer}.1.self`;
  return {
    key: splitHeads(g, linear(g, w, memory, `${prefix}.key`), d.heads, d.headDim),
    value: splitHeads(g, linear(g, w, memory, `${prefix}.value`), d.heads, d.headDim),
  };
}

/** Layer i's cross-attention (no mask). */
export function crossAttention(g: GraphBuilder, w: WeightBank, d: DecoderDims, h: string, layer: number, memory: KeyValues): string {
  const prefix = `roberta.encoder.layer.${layer}.1`;
  const query = splitHeads(g, linear(g, w, h, `${prefix}.self.query`), d.heads, d.headDim);
  const context = mergeHeads(g, attend(g, query, memory.key, memory.value, d.headDim), d.hidden);
  return layerNorm(g, w, g.op('Add', [linear(g, w, context, `${prefix}.output.dense`), h]), `${prefix}.output.LayerNorm`);
}

/** Layer i's adaptor: adaptor_ln(up(relu(down(h))²) + h). */
export function adaptor(g: GraphBuilder, w: WeightBank, h: string, layer: number): string {
  const prefix = `roberta.encoder.layer.${layer}.2`;
  const inner = linear(g, w, squaredRelu(g, linear(g, w, h, `${prefix}.adaptor.down_proj`)), `${prefix}.adaptor.up_proj`);
  return layerNorm(g, w, g.op('Add', [inner, h]), `${prefix}.adaptor_ln`);
}

/** `prefix` is `…layer.i.0` or `…output_layer`: LN(output.dense(GELU(intermediate.dense(h))) + h). */
export function feedForward(g: GraphBuilder, w: WeightBank, h: string, prefix: string): string {
  const inner = linear(g, w, geluErf(g, linear(g, w, h, `${prefix}.intermediate.dense`)), `${prefix}.output.dense`);
  return layerNorm(g, w, g.op('Add', [inner, h]), `${prefix}.output.LayerNorm`);
}
