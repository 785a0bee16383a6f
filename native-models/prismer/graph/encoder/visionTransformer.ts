// The CLIP transformer with Prismer's adaptors: x = ln_pre(x); per block i
// x += attn(ln_1 x); x += up(relu(down(adaptor_ln x))²); x += c_proj(QuickGELU(c_fc(ln_2 x))); ln_post.
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import { layerNorm, linear, quickGelu, squaredRelu } from '../ops/denseOps.ts';
import { multiheadAttention } from '../ops/attention.ts';
import type { WeightBank } from '../ops/weightBank.ts';

export function visionTransformer(g: GraphBuilder, w: WeightBank, tokens: string, options: { layers: number; heads: number; width: number }): string {
  let x = layerNorm(g, w, tokens, 'ln_pre');
  for (let i = 0; i < options.layers; i++) {
    const block = `transformer.resblocks.${i}.0`;
    const adaptor = `transformer.resblocks.${i}.1`;
    const h1 = layerNorm(g, w, x, `${block}.ln_1`);
    x = g.op('Add', [x, multiheadAttention(g, w, `${block}.attn`, h1, h1, options.width, options.heads)]);
    const down = squaredRelu(g, linear(g, w, layerNorm(g, w, x, `${adaptor}.adaptor_ln`), `${adaptor}.adaptor.down_proj`));
    x = g.op('Add', [x, linear(g, w, down, `${adaptor}.adaptor.up_proj`)]);
    const hidden = quickGelu(g, linear(g, w, layerNorm(g, w, x, `${block}.ln_2`), `${block}.mlp.c_fc`));
    x = g.op('Add', [x, linear(g, w, hidden, `${block}.mlp.c_proj`)]);
  }
  return layerNorm(g, w, x, 'ln_post');
}
