// Cross-attention keys and values, computed once per image: memory [B, M, Dm] → for every decoder layer
// cross_key.i and cross_value.i [B, H, M, D/H], the step graph's inputs.
import { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { WeightBank } from '../ops/weightBank.ts';
import { crossKeyValues } from './decoderBlocks.ts';
import type { DecoderWeights } from './decoderWeights.ts';
import { crossKeyName, crossValueName, stepDecoderIo } from './decodingIo.ts';

/** The graph builder, for writing with external data or rewriting precision. */
export function crossKeyValueBuilder(weights: DecoderWeights): GraphBuilder {
  const d = weights.dims;
  const g = new GraphBuilder('prismer_decoder_cross_key_values');
  const w = new WeightBank(g, weights.tensors);
  const memory = g.input(stepDecoderIo.memory, 'float32', ['batch', 'memory_tokens', d.memoryWidth]);
  const shape = ['batch', d.heads, 'memory_tokens', d.headDim];
  for (let i = 0; i < d.layers; i++) {
    const kv = crossKeyValues(g, w, d, memory, i);
    g.output(kv.key, crossKeyName(i), 'float32', shape);
    g.output(kv.value, crossValueName(i), 'float32', shape);
  }
  return g;
}

export function buildCrossKeyValueGraph(weights: DecoderWeights): Uint8Array {
  return crossKeyValueBuilder(weights).toBytes();
}
