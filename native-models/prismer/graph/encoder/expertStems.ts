// The expert stems (`conv1.<e>`): optional 64-channel semantic input as features[label_map], bilinear
// align_corners=True resize (low-level ×16/patch, high-level ×4/patch), 4 × [3×3 conv → BatchNorm(eval)
// → ReLU] with strides 2,2,2,2 (low) or 2,2,1,1 (high), a 1×1 conv, then tokens [B, E², D]; for
// obj_detection the chosen instance-embedding rows are added per token (nearest-resized instance map).
import type { GraphBuilder } from '../../../onnx/graphBuilder.ts';
import type { WeightBank } from '../ops/weightBank.ts';

export const LOW_LEVEL_EXPERTS: ReadonlySet<string> = new Set(['depth', 'normal', 'edge']);

/** The checkpoint's stem for an expert: every name containing "seg" shares `seg`. */
export const stemName = (expert: string): string => (expert.includes('seg') ? 'seg' : expert);

export const isLowLevel = (expert: string): boolean => LOW_LEVEL_EXPERTS.has(expert);

/** The stem's geometry for a given patch size and label size (224). */
export function stemGeometry(expert: string, patchSize: number, labelSize: number): { resized: number; strides: readonly number[]; grid: number } {
  const low = isLowLevel(expert);
  const resized = Math.floor((labelSize * (low ? 16 : 4)) / patchSize);
  const strides = low ? [2, 2, 2, 2] : [2, 2, 1, 1];
  let grid = resized;
  for (const s of strides) grid = Math.floor((grid - 1) / s) + 1; // 3×3, pad 1
  return { resized, strides, grid };
}

/** [B, C, H, W] → [B, C, size, size], bilinear with align_corners=True (identity when already that size). */
function resizeAlignCorners(g: GraphBuilder, x: string, from: number, size: number): string {
  if (from === size) return x;
  const leading = g.op('Slice', [g.op('Shape', [x]), g.constantInts([0]), g.constantInts([2])]);
  const sizes = g.op('Concat', [leading, g.constantInts([size, size])], { axis: 0 });
  return g.op('Resize', [x, '', '', sizes], { mode: 'linear', coordinate_transformation_mode: 'align_corners' });
}

/** The stem applied to a channel-first expert input; returns tokens [B, E², D]. */
export function expertStem(g: GraphBuilder, w: WeightBank, expert: string, input: string, options: { patchSize: number; labelSize: number; width: number }): string {
  const prefix = `conv1.${stemName(expert)}`;
  const { resized, strides } = stemGeometry(expert, options.patchSize, options.labelSize);
  let x = resizeAlignCorners(g, input, options.labelSize, resized);
  strides.forEach((stride, i) => {
    const conv = `${prefix}.${1 + 3 * i}`;
    const norm = `${prefix}.${2 + 3 * i}`;
    x = g.op('Conv', [x, w.tensor(`${conv}.weight`)], { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [stride, stride] });
    x = g.op('BatchNormalization', [x, w.tensor(`${norm}.weight`), w.tensor(`${norm}.bias`), w.tensor(`${norm}.running_mean`), w.tensor(`${norm}.running_var`)], { epsilon: 1e-5 });
    x = g.op('Relu', [x]);
  });
  x = g.op('Conv', [x, w.tensor(`${prefix}.13.weight`)], { kernel_shape: [1, 1] });
  return g.op('Transpose', [g.op('Reshape', [x, g.constantInts([0, options.width, -1])])], { perm: [0, 2, 1] });
}

/** features [K, 64] indexed by label_map [B, H, W] (int32) → [B, 64, H, W]. */
export function semanticInput(g: GraphBuilder, labelMap: string, features: string): string {
  return g.op('Transpose', [g.op('Gather', [features, labelMap], { axis: 0 })], { perm: [0, 3, 1, 2] });
}

/** PyTorch mode='nearest' source rows: floor(dst · in/out), capped at in − 1. */
export function nearestIndices(inSize: number, outSize: number): number[] {
  const scale = Math.fround(inSize / outSize);
  return Array.from({ length: outSize }, (_, o) => Math.min(Math.floor(Math.fround(o * scale)), inSize - 1));
}

/**
 * tokens + instance_embedding[index_k] for every token whose (nearest-resized) instance id equals ids[k].
 * instance [B, 1, H, H] int32; ids, index [N] int32 (ids distinct over the batch).
 */
export function addInstanceEmbedding(g: GraphBuilder, w: WeightBank, tokens: string, inputs: { instance: string; ids: string; index: string }, labelSize: number, grid: number): string {
  const rows = g.constantInts(nearestIndices(labelSize, grid));
  const map = g.op('Squeeze', [inputs.instance, g.constantInts([1])]);
  const picked = g.op('Gather', [g.op('Gather', [map, rows], { axis: 1 }), rows], { axis: 2 });
  const perToken = g.op('Unsqueeze', [g.op('Reshape', [picked, g.constantInts([0, -1])]), g.constantInts([2])]);
  const ids = g.op('Reshape', [inputs.ids, g.constantInts([1, 1, -1])]);
  const oneHot = g.op('Cast', [g.op('Equal', [perToken, ids])], { to: 1 /* FLOAT */ });
  const chosen = g.op('Gather', [w.tensor('instance_embedding'), inputs.index], { axis: 0 });
  return g.op('Add', [tokens, g.op('MatMul', [oneHot, chosen])]);
}
