// RoBERTa position ids from the token ids (padding_idx 1): pos = cumsum(ids ≠ 1)·(ids ≠ 1) + 1, so real
// tokens count from 2 and pads take 1. As graph nodes for whole sequences, and on the host for the step
// graph, whose caller continues the count across calls.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';

export const PADDING_ID = 1;

/** int64 ids [B, T] → int64 positions [B, T]. */
export function positionIdsNode(g: GraphBuilder, ids: string): string {
  const notPad = g.op('Cast', [g.op('Not', [g.op('Equal', [ids, g.constantInts([PADDING_ID], [])])])], { to: 7 });
  const counted = g.op('CumSum', [notPad, g.constantInts([1], [])]);
  return g.op('Add', [g.op('Mul', [counted, notPad]), g.constantInts([PADDING_ID], [])]);
}

/**
 * Positions of `ids` (one row per sequence) when `before[i]` real (non-pad) tokens of row i came earlier;
 * returns the positions and the new counts.
 */
export function hostPositionIds(ids: readonly (readonly number[])[], before: readonly number[] = []): { positions: number[][]; counts: number[] } {
  const counts: number[] = [];
  const positions = ids.map((row, i) => {
    let count = before[i] ?? 0;
    const out = row.map((id) => (id === PADDING_ID ? PADDING_ID : ++count + PADDING_ID));
    counts.push(count);
    return out;
  });
  return { positions, counts };
}
