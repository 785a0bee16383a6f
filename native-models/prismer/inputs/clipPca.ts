// The PCA that turns a CLIP ViT-L/14 text embedding (768) into an OCR word's 64-d Prismer feature:
// y = (x − mean) · componentsᵀ, no whitening (scikit-learn PCA, whiten=False; clip_pca.json).
import { FEATURE_DIM } from './labelTables.ts';

export const CLIP_TEXT_DIM = 768;

export interface ClipPca {
  /** 768 values. */
  readonly mean: Float32Array;
  /** 64 × 768, row-major. */
  readonly components: Float32Array;
}

export function parseClipPca(json: unknown): ClipPca {
  const { mean, components } = (json ?? {}) as { mean?: unknown; components?: unknown };
  const isRow = (row: unknown): row is number[] => Array.isArray(row) && row.length === CLIP_TEXT_DIM && row.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!isRow(mean)) throw new TypeError(`clip_pca: "mean" is not ${CLIP_TEXT_DIM} finite numbers`);
  if (!Array.isArray(components) || components.length !== FEATURE_DIM || !components.every(isRow)) {
    throw new TypeError(`clip_pca: "components" is not ${FEATURE_DIM} rows of ${CLIP_TEXT_DIM} numbers`);
  }
  const flat = new Float32Array(FEATURE_DIM * CLIP_TEXT_DIM);
  components.forEach((row, i) => flat.set(row, i * CLIP_TEXT_DIM));
  return { mean: Float32Array.from(mean), components: flat };
}

/** Projects one 768-d embedding to 64 dimensions (accumulated in float64, stored as float32). */
export function applyPca(pca: ClipPca, embedding: Float32Array): Float32Array {
  if (embedding.length !== CLIP_TEXT_DIM) throw new RangeError(`A CLIP text embedding has ${CLIP_TEXT_DIM} values, not ${embedding.length}`);
  const centred = new Float64Array(CLIP_TEXT_DIM);
  for (let j = 0; j < CLIP_TEXT_DIM; j++) centred[j] = embedding[j]! - pca.mean[j]!;
  const out = new Float32Array(FEATURE_DIM);
  for (let i = 0; i < FEATURE_DIM; i++) {
    let sum = 0;
    const base = i * CLIP_TEXT_DIM;
    for (let j = 0; j < CLIP_TEXT_DIM; j++) sum += centred[j]! * pca.components[base + j]!;
    out[i] = sum;
  }
  return out;
}
