// The Experts Resampler (`resampler.`): learned latents [L, D] broadcast over the batch; per block
// l1 = ln_1(lat); lat += attn(q = l1, k = v = [l1, ln_2(x)]); lat += c_proj(relu(c_fc(ln_ff(lat)))²).
// No final norm. x is every expert's tokens concatenated.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { encLayerNorm, encLinear, encSquaredRelu } from '../ops/encLayers.ts';
import { encMultiheadAttention } from '../ops/encMultiheadAttention.ts';
import type { EncWeights } from '../ops/encWeights.ts';

export interface ResamplerConfig {
  readonly latents: number;
  readonly layers: number;
  readonly heads: number;
}

/** expertTokens [B, N, D] → latents [B, L, D]. */
export function expertsResampler(g: GraphBuilder, w: EncWeights, expertTokens: string, config: ResamplerConfig, width: number): string {
  const batch = g.op('Slice', [g.op('Shape', [expertTokens]), g.constantInts([0]), g.constantInts([1])]);
  const shape = g.op('Concat', [batch, g.constantInts([config.latents, width])], { axis: 0 });
  let latents = g.op('Expand', [w.tensor('resampler.latents'), shape]);
  for (let j = 0; j < config.layers; j++) {
    const p = `resampler.perceiver_blocks.${j}`;
    const l1 = encLayerNorm(g, w, latents, `${p}.ln_1`);
    const keyValue = g.op('Concat', [l1, encLayerNorm(g, w, expertTokens, `${p}.ln_2`)], { axis: 1 });
    latents = g.op('Add', [latents, encMultiheadAttention(g, w, `${p}.attn`, l1, keyValue, width, config.heads)]);
    const hidden = encSquaredRelu(g, encLinear(g, w, encLayerNorm(g, w, latents, `${p}.ln_ff`), `${p}.mlp.c_fc`));
    latents = g.op('Add', [latents, encLinear(g, w, hidden, `${p}.mlp.c_proj`)]);
  }
  return latents;
}
