// The decoder's self-attention bias: query i (absolute position P + i after P cached tokens) may see key j
// when j ≤ P + i and mask[j]; allowed pairs add 0, the rest the float32 minimum (clamped in attention).
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { FLOAT32_MIN } from '../ops/attention.ts';

/** int64 mask [B, P+S] (past and new tokens), int64 new ids [B, S] → float bias [B, 1, S, P+S]. */
export function selfAttentionBias(g: GraphBuilder, mask: string, ids: string): string {
  const scalar = (x: string) => g.op('Squeeze', [x, g.constantInts([0])]);
  const total = g.op('Shape', [mask], { start: 1, end: 2 });
  const fresh = g.op('Shape', [ids], { start: 1, end: 2 });
  const one = g.constantInts([1], []);
  const rows = g.op('Range', [scalar(g.op('Sub', [total, fresh])), scalar(total), one]);
  const cols = g.op('Range', [g.constantInts([0], []), scalar(total), one]);
  const causal = g.op('LessOrEqual', [g.op('Unsqueeze', [cols, g.constantInts([0])]), g.op('Unsqueeze', [rows, g.constantInts([1])])]);
  const keep = g.op('Unsqueeze', [g.op('Cast', [mask], { to: 9 }), g.constantInts([1, 2])]);
  const allowed = g.op('And', [causal, keep]);
  return g.op('Where', [allowed, g.constantFloats([0], []), g.constantFloats([FLOAT32_MIN], [])]);
}
