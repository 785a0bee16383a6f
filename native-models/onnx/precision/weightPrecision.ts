// The weight precisions a converted model can be written in: fp32 (as the checkpoint), fp16 (weights
// stored as float16, computed in float32: half the download), fp16-compute (the weight MatMuls computed in
// float16, LayerNorm / softmax / the rest in float32; for GPU) and int8 (dynamically quantised MatMuls;
// for CPU).
import type { GraphBuilder } from '../graphBuilder.ts';
import { computeMatMulsInFloat16 } from './float16MatMuls.ts';
import { storeWeightsAsFloat16 } from './float16Weights.ts';
import { quantizeMatMulWeights } from './int8MatMul.ts';

export type WeightPrecision = 'fp32' | 'fp16' | 'fp16-compute' | 'int8';
export const WEIGHT_PRECISIONS: readonly WeightPrecision[] = ['fp32', 'fp16', 'fp16-compute', 'int8'];

export function isWeightPrecision(value: unknown): value is WeightPrecision {
  return typeof value === 'string' && (WEIGHT_PRECISIONS as readonly string[]).includes(value);
}

/** Rewrites a built graph's weights to `precision` in place. */
export function applyWeightPrecision(g: GraphBuilder, precision: WeightPrecision): void {
  if (precision === 'fp16') storeWeightsAsFloat16(g);
  else if (precision === 'fp16-compute') {
    computeMatMulsInFloat16(g);
    storeWeightsAsFloat16(g);
  } else if (precision === 'int8') quantizeMatMulWeights(g);
}
