// The whole decoder in one ONNX graph: memory [B, M, Dm] (float32), input_ids and attention_mask [B, T]
// (int64, right-padded) → logits [B, T, V]. For scoring whole sequences (and as the reference the split
// decoding graphs are checked against).
import { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { WeightBank } from '../ops/weightBank.ts';
import { crossKeyValues } from './decoderBlocks.ts';
import { decoderStack } from './decoderStack.ts';
import type { DecoderWeights } from './decoderWeights.ts';
import { embeddings } from './embeddings.ts';
import { positionIdsNode } from './positions.ts';
import { selfAttentionBias } from './selfAttentionMask.ts';

export const fullDecoderIo = { memory: 'memory', inputIds: 'input_ids', attentionMask: 'attention_mask', logits: 'logits' } as const;

/** The graph builder, for writing with external data or rewriting precision. */
export function fullDecoderBuilder(weights: DecoderWeights): GraphBuilder {
  const d = weights.dims;
  const g = new GraphBuilder('prismer_decoder');
  const w = new WeightBank(g, weights.tensors);
  const memory = g.input(fullDecoderIo.memory, 'float32', ['batch', 'memory_tokens', d.memoryWidth]);
  const ids = g.input(fullDecoderIo.inputIds, 'int64', ['batch', 'tokens']);
  const mask = g.input(fullDecoderIo.attentionMask, 'int64', ['batch', 'tokens']);
  const embedded = embeddings(g, w, ids, positionIdsNode(g, ids));
  const cross = Array.from({ length: d.layers }, (_, i) => crossKeyValues(g, w, d, memory, i));
  const { logits } = decoderStack(g, w, d, embedded, selfAttentionBias(g, mask, ids), cross);
  g.output(logits, fullDecoderIo.logits, 'float32', ['batch', 'tokens', d.vocabulary]);
  return g;
}

export function buildFullDecoderGraph(weights: DecoderWeights): Uint8Array {
  return fullDecoderBuilder(weights).toBytes();
}
