// The CLIP transformer with Prismer's adaptors: x = ln_pre(x); per block i
// x += attn(ln_1 x); x += up(relu(down(adaptor_ln x))²); x += c_proj(QuickGELU(c_fc(ln_2 x))); ln_post.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { encLayerNorm, encLinear, encQuickGelu, encSquaredRelu } from '../ops/encLayers.ts';
import { encMultiheadAttention } from '../ops/encMultiheadAttention.ts';
import type { EncWeights } from '../ops/encWeights.ts';

export function visionTransformer(g: GraphBuilder, w: EncWeights, tokens: string, options: { layers: number; heads: number; width: number }): string {
  let x = encLayerNorm(g, w, tokens, 'ln_pre');
  for (let i = 0; i < options.layers; i++) {
    const block = `transformer.resblocks.${i}.0`;
    const adaptor = `transformer.resblocks.${i}.1`;
    const h1 = encLayerNorm(g, w, x, `${block}.ln_1`);
    x = g.op('Add', [x, encMultiheadAttention(g, w, `${block}.attn`, h1, h1, options.width, options.heads)]);
    const down = encSquaredRelu(g, encLinear(g, w, encLayerNorm(g, w, x, `${adaptor}.adaptor_ln`), `${adaptor}.adaptor.down_proj`));
    x = g.op('Add', [x, encLinear(g, w, down, `${adaptor}.adaptor.up_proj`)]);
    const hidden = encQuickGelu(g, encLinear(g, w, encLayerNorm(g, w, x, `${block}.ln_2`), `${block}.mlp.c_fc`));
    x = g.op('Add', [x, encLinear(g, w, hidden, `${block}.mlp.c_proj`)]);
  }
  return encLayerNorm(g, w, x, 'ln_post');
}
