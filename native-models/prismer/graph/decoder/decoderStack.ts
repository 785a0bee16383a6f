// From embeddings to logits: every decoder layer (self-attention → cross-attention → adaptor → FFN), the
// output layer (self-attention → FFN) and the LM head (dense → GELU → LayerNorm → vocabulary + bias).
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { geluErf, layerNorm, linear } from '../ops/denseOps.ts';
import type { WeightBank } from '../ops/weightBank.ts';
import { adaptor, crossAttention, feedForward, selfAttention, type KeyValues } from './decoderBlocks.ts';
import { LM_HEAD_BIAS, LM_HEAD_WEIGHT, type DecoderDims } from './decoderWeights.ts';

export interface StackOutput {
  readonly logits: string;
  /** Self-attention keys/values incl. the past, one per layer and last the output layer's. */
  readonly present: readonly KeyValues[];
}

/** `cross`: one per layer; `past`: none, or one per layer plus the output layer's. */
export function decoderStack(g: GraphBuilder, w: WeightBank, d: DecoderDims, embedded: string, bias: string, cross: readonly KeyValues[], past?: readonly KeyValues[]): StackOutput {
  const present: KeyValues[] = [];
  let h = embedded;
  for (let i = 0; i < d.layers; i++) {
    const attention = selfAttention(g, w, d, h, `roberta.encoder.layer.${i}.0.attention`, bias, past?.[i]);
    present.push(attention.present);
    h = crossAttention(g, w, d, attention.out, i, cross[i]!);
    h = adaptor(g, w, h, i);
    h = feedForward(g, w, h, `roberta.encoder.layer.${i}.0`);
  }
  const last = selfAttention(g, w, d, h, 'roberta.encoder.output_layer.attention', bias, past?.[d.layers]);
  present.push(last.present);
  h = feedForward(g, w, last.out, 'roberta.encoder.output_layer');
  return { logits: lmHead(g, w, h), present };
}

export function lmHead(g: GraphBuilder, w: WeightBank, h: string): string {
  const normed = layerNorm(g, w, geluErf(g, linear(g, w, h, 'lm_head.dense')), 'lm_head.layer_norm');
  return g.op('Add', [g.op('MatMul', [normed, w.transposed(LM_HEAD_WEIGHT)]), w.tensor(LM_HEAD_BIAS)]);
}
