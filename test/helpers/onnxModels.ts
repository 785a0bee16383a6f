// Small ONNX models with the real experts' input/output names and shapes, computing something simple
// enough that a test can predict the output by hand. They run for real through onnxruntime-node.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphBuilder } from '../../native-models/onnx/graphBuilder.ts';

/** DPT / Depth Anything signature: predicted_depth [1,h,w] = the mean of the three input channels. */
export function writeDepthModel(dir: string, name = 'depth.onnx'): string {
  const g = new GraphBuilder('fake-depth');
  const x = g.input('pixel_values', 'float32', [1, 3, 'height', 'width']);
  const mean = g.op('ReduceMean', [x, g.constantInts([1])], { keepdims: 0 });
  g.output(mean, 'predicted_depth', 'float32', [1, 'height', 'width']);
  const path = join(dir, name);
  writeFileSync(path, g.toBytes(18));
  return path;
}

/**
 * DexiNed signature (OpenCV zoo): input `img` [1,3,512,512]; seven outputs [1,1,512,512], the fused map
 * last. Here every output is the logit (B − 100) / 10 of the first (blue, in BGR order) input channel,
 * which after the mean subtraction is the blue value − 103.5.
 */
export function writeDexinedModel(dir: string, name = 'dexined.onnx'): string {
  const g = new GraphBuilder('fake-dexined');
  const x = g.input('img', 'float32', [1, 3, 512, 512]);
  const blue = g.op('Slice', [x, g.constantInts([0]), g.constantInts([1]), g.constantInts([1])]);
  const logit = g.op('Div', [g.op('Sub', [blue, g.constantFloats([100 - 103.5], [1])]), g.constantFloats([10], [1])]);
  for (let i = 0; i < 7; i++) g.output(logit, i === 6 ? 'block_cat' : `block${i}`, 'float32', [1, 1, 512, 512]);
  const path = join(dir, name);
  writeFileSync(path, g.toBytes(18));
  return path;
}

/** Metric3D signature: pred_normal [1,3,h,w], here every pixel facing the camera (0, 0, 1). */
export function writeNormalModel(dir: string, name = 'normal.onnx'): string {
  const g = new GraphBuilder('fake-normal');
  const x = g.input('pixel_values', 'float32', [1, 3, 'height', 'width']);
  const zero = g.op('Mul', [x, g.constantFloats([0], [1])]);
  const facing = g.op('Add', [zero, g.constantFloats([0, 0, 1], [1, 3, 1, 1])]);
  g.output(facing, 'pred_normal', 'float32', [1, 3, 'height', 'width']);
  const path = join(dir, name);
  writeFileSync(path, g.toBytes(18));
  return path;
}

/** SegFormer signature: logits [1,3,128,128] for a 512² input = each RGB channel averaged over 4×4 cells. */
export function writeSegformerModel(dir: string, labels: readonly string[]): { model: string; config: string } {
  const g = new GraphBuilder('fake-segformer');
  const x = g.input('pixel_values', 'float32', [1, 3, 512, 512]);
  const pooled = g.op('AveragePool', [x], { kernel_shape: [4, 4], strides: [4, 4] });
  g.output(pooled, 'logits', 'float32', [1, 3, 128, 128]);
  const model = join(dir, 'segformer.onnx');
  writeFileSync(model, g.toBytes(18));
  const config = join(dir, 'segformer.config.json');
  writeFileSync(config, JSON.stringify({ id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])) }));
  return { model, config };
}

/**
 * RT-DETR signature with fixed answers: `logits` [1,Q,C] and `pred_boxes` [1,Q,4] (cx, cy, w, h in
 * [0,1]) given by the test, whatever the image.
 */
export function writeDetectorModel(dir: string, queries: { logits: number[]; box: [number, number, number, number] }[], labels: readonly string[]): { model: string; config: string } {
  const g = new GraphBuilder('fake-rtdetr');
  const x = g.input('pixel_values', 'float32', [1, 3, 640, 640]);
  const zero = g.op('Mul', [g.op('ReduceMean', [x], { keepdims: 0 }), g.constantFloats([0], [])]);
  const logits = g.op('Add', [zero, g.constantFloats(queries.flatMap((q) => q.logits), [1, queries.length, labels.length])]);
  const boxes = g.op('Add', [zero, g.constantFloats(queries.flatMap((q) => q.box), [1, queries.length, 4])]);
  g.output(logits, 'logits', 'float32', [1, queries.length, labels.length]);
  g.output(boxes, 'pred_boxes', 'float32', [1, queries.length, 4]);
  const model = join(dir, 'rtdetr.onnx');
  writeFileSync(model, g.toBytes(18));
  const config = join(dir, 'rtdetr.config.json');
  writeFileSync(config, JSON.stringify({ id2label: Object.fromEntries(labels.map((l, i) => [String(i), l])) }));
  return { model, config };
}
