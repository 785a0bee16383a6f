// The Experts Resampler (`resampler.`): learned latents [L, D] broadcast over the batch; per block
// l1 = ln_1(lat); lat += attn(q = l1, k = v = [l1, ln_2(x)]); lat += c_proj(relu(c_fc(ln_ff(lat)))²).
// No final norm. x is every expert's tokens concatenated.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { layerNorm, linear, squaredRelu } from '../ops/denseOps.ts';
import { multiheadAttention } from '../ops/attention.ts';
import type { WeightBank } from '../ops/weightBank.ts';

export interface ResamplerConfig {
  readonly latents: number;
  readonly layers: number;
  readonly heads: number;
}

/** expertTokens [B, N, D] → latents [B, L, D]. */
export function expertsResampler(g: GraphBuilder, w: WeightBank, expertTokens: string, config: ResamplerConfig, width: number): string {
  const batch = g.op('Slice', [g.op('Shape', [expertTokens]), g.constantInts([0]), g.constantInts([1])]);
  const shape = g.op('Concat', [batch, g.constantInts([config.latents, width])], { axis: 0 });
  let latents = g.op('Expand', [w.tensor('resampler.latents'), shape]);
  for (let j = 0; j < config.layers; j++) {
    const p = `resampler.perceiver_blocks.${j}`;
    const l1 = layerNorm(g, w, latents, `${p}.ln_1`);
    const keyValue = g.op('Concat', [l1, layerNorm(g, w, expertTokens, `${p}.ln_2`)], { axis: 1 });
    latents = g.op('Add', [latents, multiheadAttention(g, w, `${p}.attn`, l1, keyValue, width, config.heads)]);
    const hidden = squaredRelu(g, linear(g, w, layerNorm(g, w, latents, `${p}.ln_ff`), `${p}.mlp.c_fc`));
    latents = g.op('Add', [latents, linear(g, w, hidden, `${p}.mlp.c_proj`)]);
  }
  return latents;
}
