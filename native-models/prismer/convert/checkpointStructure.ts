// What a Prismer checkpoint holds, read from its key names and shapes alone (no layout files): variant,
// size, patch, width, block counts, resampler, experts (stems) and decoder sizes; and the full key set
// those imply, so a missing or unexpected key is reported by name before any graph is built.
import { detectModel, type DetectedModel, type TensorShape } from '../checkpoint/layoutValidation.ts';

export interface CheckpointStructure {
  readonly detected: DetectedModel;
  readonly visionLayers: number;
  /** Experts with a stem besides RGB, in checkpoint order. */
  readonly experts: readonly string[];
  readonly resampler: { readonly latents: number; readonly layers: number } | null;
  readonly hasInstanceEmbedding: boolean;
  readonly decoder: { readonly layers: number; readonly hidden: number; readonly intermediate: number; readonly vocabulary: number; readonly maxPositions: number };
}

const V = 'expert_encoder.';
const T = 'text_decoder.';
const count = (names: ReadonlySet<string>, key: (i: number) => string): number => {
  let n = 0;
  while (names.has(key(n))) n++;
  return n;
};

export function readStructure(tensors: readonly TensorShape[]): CheckpointStructure {
  const detected = detectModel(tensors);
  const names = new Set(tensors.map((t) => t.name));
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const experts: string[] = [];
  for (const t of tensors) {
    const m = /^expert_encoder\.conv1\.([^.]+)\.1\.weight$/.exec(t.name);
    if (m && m[1] !== 'rgb' && !experts.includes(m[1]!)) experts.push(m[1]!);
  }
  const latents = byName.get(`${V}resampler.latents`);
  const resamplerLayers = count(names, (i) => `${V}resampler.perceiver_blocks.${i}.attn.in_proj_weight`);
  const word = byName.get(`${T}roberta.embeddings.word_embeddings.weight`);
  if (!word || word.shape.length !== 2) throw new Error(`Not a Prismer checkpoint: no 2-d ${T}roberta.embeddings.word_embeddings.weight`);
  return {
    detected,
    visionLayers: count(names, (i) => `${V}transformer.resblocks.${i}.0.attn.in_proj_weight`),
    experts,
    resampler: latents ? { latents: latents.shape[0]!, layers: resamplerLayers } : null,
    hasInstanceEmbedding: names.has(`${V}instance_embedding`),
    decoder: {
      layers: count(names, (i) => `${T}roberta.encoder.layer.${i}.0.attention.self.query.weight`),
      hidden: word.shape[1]!,
      intermediate: byName.get(`${T}roberta.encoder.layer.0.0.intermediate.dense.weight`)?.shape[0] ?? 0,
      vocabulary: word.shape[0]!,
      maxPositions: byName.get(`${T}roberta.embeddings.position_embeddings.weight`)?.shape[0] ?? 0,
    },
  };
}

const linear = (p: string) => [`${p}.weight`, `${p}.bias`];
const attention = (p: string) => [...linear(`${p}.in_proj`).map((k) => k.replace('.in_proj.', '.in_proj_')), ...linear(`${p}.out_proj`)];
const robertaSelf = (p: string) => [...linear(`${p}.self.query`), ...linear(`${p}.self.key`), ...linear(`${p}.self.value`), ...linear(`${p}.output.dense`), ...linear(`${p}.output.LayerNorm`)];
const robertaFfn = (p: string) => [...linear(`${p}.intermediate.dense`), ...linear(`${p}.output.dense`), ...linear(`${p}.output.LayerNorm`)];
const adaptor = (p: string) => [...linear(`${p}.adaptor.down_proj`), ...linear(`${p}.adaptor.up_proj`), ...linear(`${p}.adaptor_ln`)];

/** Every key the structure implies (the LM head weight and `position_ids` may be absent). */
export function expectedKeys(s: CheckpointStructure): Set<string> {
  const keys = [`${V}conv1.rgb.weight`, `${V}positional_embedding`, ...linear(`${V}ln_pre`), ...linear(`${V}ln_post`)];
  for (const e of s.experts) {
    for (const i of [1, 4, 7, 10, 13]) keys.push(`${V}conv1.${e}.${i}.weight`);
    for (const i of [2, 5, 8, 11]) keys.push(...['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked'].map((k) => `${V}conv1.${e}.${i}.${k}`));
  }
  if (s.hasInstanceEmbedding) keys.push(`${V}instance_embedding`);
  if (s.resampler) {
    keys.push(`${V}resampler.latents`);
    for (let j = 0; j < s.resampler.layers; j++) {
      const p = `${V}resampler.perceiver_blocks.${j}`;
      keys.push(...attention(`${p}.attn`), ...linear(`${p}.ln_1`), ...linear(`${p}.ln_2`), ...linear(`${p}.ln_ff`), ...linear(`${p}.mlp.c_fc`), ...linear(`${p}.mlp.c_proj`));
    }
  }
  for (let i = 0; i < s.visionLayers; i++) {
    const p = `${V}transformer.resblocks.${i}`;
    keys.push(...attention(`${p}.0.attn`), ...linear(`${p}.0.ln_1`), ...linear(`${p}.0.ln_2`), ...linear(`${p}.0.mlp.c_fc`), ...linear(`${p}.0.mlp.c_proj`), ...adaptor(`${p}.1`));
  }
  const e = `${T}roberta.embeddings`;
  keys.push(`${e}.word_embeddings.weight`, `${e}.position_embeddings.weight`, `${e}.token_type_embeddings.weight`, ...linear(`${e}.LayerNorm`));
  for (let i = 0; i < s.decoder.layers; i++) {
    const p = `${T}roberta.encoder.layer.${i}`;
    keys.push(...robertaSelf(`${p}.0.attention`), ...robertaFfn(`${p}.0`), ...robertaSelf(`${p}.1`), ...adaptor(`${p}.2`));
  }
  keys.push(...robertaSelf(`${T}roberta.encoder.output_layer.attention`), ...robertaFfn(`${T}roberta.encoder.output_layer`));
  keys.push(...linear(`${T}lm_head.dense`), ...linear(`${T}lm_head.layer_norm`), `${T}lm_head.bias`, `${T}lm_head.decoder.bias`);
  return new Set(keys);
}

const OPTIONAL = new Set([`${T}lm_head.decoder.weight`, `${T}roberta.embeddings.position_ids`]);

/** One line per missing or unexpected key, named; empty when the key set is whole. */
export function keyProblems(tensors: readonly TensorShape[], s: CheckpointStructure): string[] {
  const want = expectedKeys(s);
  const have = new Set(tensors.map((t) => t.name));
  const problems: string[] = [];
  for (const k of want) if (!have.has(k)) problems.push(`missing ${k}`);
  for (const k of have) if (!want.has(k) && !OPTIONAL.has(k)) problems.push(`unexpected ${k}`);
  if (s.visionLayers === 0) problems.push(`missing ${V}transformer.resblocks.0`);
  if (s.decoder.layers === 0) problems.push(`missing ${T}roberta.encoder.layer.0`);
  if (s.experts.length > 0 && !s.resampler) problems.push(`missing ${V}resampler.latents (the experts need the Experts Resampler)`);
  return problems;
}
