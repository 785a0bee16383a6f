// The decoder's input embeddings: word[ids] + position[pos] + token_type[0], then LayerNorm (eps 1e-5).
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { layerNorm } from '../ops/denseOps.ts';
import type { WeightBank } from '../ops/weightBank.ts';

/** int64 ids and positions [B, T] → [B, T, D]. */
export function embeddings(g: GraphBuilder, w: WeightBank, ids: string, positions: string): string {
  const words = g.op('Gather', [w.tensor('roberta.embeddings.word_embeddings.weight'), ids], { axis: 0 });
  const places = g.op('Gather', [w.tensor('roberta.embeddings.position_embeddings.weight'), positions], { axis: 0 });
  const tokenType = g.op('Gather', [w.tensor('roberta.embeddings.token_type_embeddings.weight'), g.constantInts([0], [])], { axis: 0 });
  const sum = g.op('Add', [g.op('Add', [words, tokenType]), places]);
  return layerNorm(g, w, sum, 'roberta.embeddings.LayerNorm');
}
