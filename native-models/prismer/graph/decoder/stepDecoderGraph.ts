// One decoding step with a self-attention cache: new tokens [B, S] with their positions, the mask over past
// and new tokens, past keys/values of every self-attention (decoder layers, then the output layer) and the
// cross-attention keys/values → logits of the new tokens [B, S, V] and the present keys/values (past +
// new) for the next step. The first step passes past tensors with 0 tokens.
import { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { WeightBank } from '../ops/weightBank.ts';
import type { KeyValues } from './decoderBlocks.ts';
import { decoderStack } from './decoderStack.ts';
import type { DecoderWeights } from './decoderWeights.ts';
import { crossKeyName, crossValueName, pastKeyName, pastValueName, presentKeyName, presentValueName, stepDecoderIo } from './decodingIo.ts';
import { embeddings } from './embeddings.ts';
import { selfAttentionBias } from './selfAttentionMask.ts';

/** The graph builder, for writing with external data or rewriting precision. */
export function stepDecoderBuilder(weights: DecoderWeights): GraphBuilder {
  const d = weights.dims;
  const g = new GraphBuilder('prismer_decoder_step');
  const w = new WeightBank(g, weights.tensors);
  const ids = g.input(stepDecoderIo.inputIds, 'int64', ['batch', 'new_tokens']);
  const positions = g.input(stepDecoderIo.positionIds, 'int64', ['batch', 'new_tokens']);
  const mask = g.input(stepDecoderIo.attentionMask, 'int64', ['batch', 'all_tokens']);
  const pastShape = ['batch', d.heads, 'past_tokens', d.headDim];
  const past: KeyValues[] = Array.from({ length: d.layers + 1 }, (_, i) => ({
    key: g.input(pastKeyName(i), 'float32', pastShape),
    value: g.input(pastValueName(i), 'float32', pastShape),
  }));
  const crossShape = ['batch', d.heads, 'memory_tokens', d.headDim];
  const cross: KeyValues[] = Array.from({ length: d.layers }, (_, i) => ({
    key: g.input(crossKeyName(i), 'float32', crossShape),
    value: g.input(crossValueName(i), 'float32', crossShape),
  }));
  const { logits, present } = decoderStack(g, w, d, embeddings(g, w, ids, positions), selfAttentionBias(g, mask, ids), cross, past);
  g.output(logits, stepDecoderIo.logits, 'float32', ['batch', 'new_tokens', d.vocabulary]);
  const presentShape = ['batch', d.heads, 'all_tokens', d.headDim];
  present.forEach((kv, i) => {
    g.output(kv.key, presentKeyName(i), 'float32', presentShape);
    g.output(kv.value, presentValueName(i), 'float32', presentShape);
  });
  return g;
}

export function buildStepDecoderGraph(weights: DecoderWeights): Uint8Array {
  return stepDecoderBuilder(weights).toBytes();
}
