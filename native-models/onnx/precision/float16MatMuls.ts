// fp16 compute for the weight products (for GPU): every MatMul whose second input is a constant 2-D
// float32 weight runs in float16: its activation is cast to float16, the weight is stored as float16,
// and the product is cast back to float32. Everything else — LayerNorm, softmax and the attention score
// products, GELU, residual sums — stays float32. On the CPU (x86) ONNX Runtime has no float16 MatMul: it
// runs the product in float32 and drops the activations' float32→float16→float32 round trip, so CPU
// figures equal fp16's (weights rounded only); the loss of real float16 products needs a GPU to measure.
// Activations over 65504 would overflow to ∞ in float16 (not seen in Prismer's hidden states).
import { onnxDataTypes, type GraphBuilder, type NodeMessage } from '../graphBuilder.ts';
import { constantMatMulWeight, dropUnreadInitializers } from './constantMatMuls.ts';
import { float32ArrayToFloat16 } from './float32ToFloat16.ts';

export function computeMatMulsInFloat16(g: GraphBuilder): { converted: number } {
  const { initializers, nodes } = g.parts;
  const byName = new Map(initializers.map((t) => [t.name, t]));
  const halves = new Map<string, string>();
  const rewritten: NodeMessage[] = [];
  let count = 0;
  for (const node of nodes) {
    const weight = constantMatMulWeight(node, byName);
    if (!weight) {
      rewritten.push(node);
      continue;
    }
    const { tensor: t, values } = weight;
    let half = halves.get(t.name);
    if (!half) {
      half = `${t.name}.fp16`;
      initializers.push(g.tensorMessage(half, 'float16', t.dims.map(Number), float32ArrayToFloat16(values)));
      halves.set(t.name, half);
    }
    const output = node.output[0]!;
    const input = `${output}.in_fp16`;
    const product = `${output}.fp16`;
    rewritten.push(g.nodeMessage('Cast', [node.input[0]!], [input], { to: onnxDataTypes.FLOAT16 }));
    node.input = [input, half];
    node.output = [product];
    rewritten.push(node, g.nodeMessage('Cast', [product], [output], { to: onnxDataTypes.FLOAT }));
    count++;
  }
  nodes.splice(0, nodes.length, ...rewritten);
  dropUnreadInitializers(g, halves);
  return { converted: count };
}
