// Builds Prismer's vision encoder as one ONNX graph (opset 17) with the checkpoint's `expert_encoder.*`
// weights as initializers: RGB patch tokens + positional grid; each expert through its stem (+ instance
// rows for obj_detection) + its positional grid; all expert tokens → Experts Resampler → appended after
// the RGB tokens → ln_pre → blocks with adaptors → ln_post = memory [B, tokens, D].
// Semantic experts take `<e>.label_map` [B, 224, 224] int32 + `<e>.features` [K, 64] and gather in the
// graph (the label maps are small to feed; the 64-channel tensor is built where it is used).
// obj_detection also takes `obj_detection.instance` [B, 1, 224, 224] int32, `obj_detection.instance_ids`
// [N] and `obj_detection.instance_embedding_index` [N] (int32): the chosen instance-table rows, fed so a
// run is reproducible (the official model draws them at random).
import { GraphBuilder, type Dim, type ElementType } from '../../../onnx/graphBuilder.ts';
import type { TensorFile } from '../../checkpoint/tensors.ts';
import { WeightBank, type HostTensor } from '../ops/weightBank.ts';
import { addInstanceEmbedding, expertStem, isLowLevel, semanticInput, stemGeometry, stemName } from './expertStems.ts';
import { expertsResampler, type ResamplerConfig } from './expertsResampler.ts';
import { resizePositionalTable } from './positionalGrids.ts';
import { visionTransformer } from './visionTransformer.ts';

const PREFIX = 'expert_encoder.';

export interface EncoderConfig {
  readonly patchSize: number;
  readonly width: number;
  readonly layers: number;
  readonly heads: number;
  /** null for PrismerZ (RGB only). */
  readonly resampler: ResamplerConfig | null;
  /** Label maps enter at this size (224). */
  readonly labelResolution?: number;
}

export interface EncoderBuildOptions {
  /** The RGB side the graph is built for; the positional grid is resized to floor(resolution / patch). */
  readonly resolution: number;
  /** Experts besides RGB, in the order their tokens are concatenated ('rgb' is ignored if listed). */
  readonly experts: readonly string[];
}

export interface GraphValue {
  readonly name: string;
  readonly type: ElementType;
  readonly shape: readonly Dim[];
}

export interface EncoderGraphBuilder {
  /** For writing with external data (`writeFiles`) or rewriting precision. */
  readonly builder: GraphBuilder;
  readonly inputs: readonly GraphValue[];
  readonly outputs: readonly GraphValue[];
  /** RGB tokens + resampler latents. */
  readonly tokens: number;
}

export interface EncoderGraph extends Omit<EncoderGraphBuilder, 'builder'> {
  readonly bytes: Uint8Array;
}

/** Every float `expert_encoder.*` tensor, prefix stripped. */
async function readEncoderWeights(checkpoint: TensorFile): Promise<Map<string, HostTensor>> {
  const weights = new Map<string, HostTensor>();
  for (const t of checkpoint.tensors) {
    if (!t.name.startsWith(PREFIX) || t.name.endsWith('num_batches_tracked')) continue;
    weights.set(t.name.slice(PREFIX.length), { shape: t.shape, data: await checkpoint.readFloat32(t.name) });
  }
  return weights;
}

export async function encoderGraphBuilder(checkpoint: TensorFile, config: EncoderConfig, options: EncoderBuildOptions): Promise<EncoderGraphBuilder> {
  const tensors = await readEncoderWeights(checkpoint);
  const { patchSize, width } = config;
  const labelSize = config.labelResolution ?? 224;
  const experts = options.experts.filter((e) => e !== 'rgb');
  if (experts.length > 0 && !config.resampler) throw new Error('Experts need the Experts Resampler; this configuration has none (PrismerZ is RGB only)');
  for (const e of experts) {
    if (!tensors.has(`conv1.${stemName(e)}.1.weight`)) throw new Error(`The checkpoint has no stem for the expert "${e}"`);
  }
  const grid = Math.floor(options.resolution / patchSize);
  if (grid < 1) throw new Error(`Resolution ${options.resolution} is smaller than one ${patchSize}-px patch`);

  const g = new GraphBuilder('prismer_encoder');
  const w = new WeightBank(g, tensors);
  const inputs: GraphValue[] = [];
  const input = (name: string, type: ElementType, shape: readonly Dim[]): string => {
    inputs.push({ name, type, shape });
    return g.input(name, type, shape);
  };

  const stored = w.get('positional_embedding');
  const runTable = resizePositionalTable({ shape: [stored.shape[0]!, stored.shape[1]!], data: stored.data }, grid);
  const positional = (side: number): string => {
    const table = resizePositionalTable(runTable, side);
    return w.computed(`positional_embedding@${side}`, { shape: table.shape, data: table.data });
  };

  const rgb = input('rgb', 'float32', ['batch', 3, options.resolution, options.resolution]);
  const patches = g.op('Conv', [rgb, w.tensor('conv1.rgb.weight')], { kernel_shape: [patchSize, patchSize], strides: [patchSize, patchSize] });
  const rgbTokens = g.op('Add', [g.op('Transpose', [g.op('Reshape', [patches, g.constantInts([0, width, -1])])], { perm: [0, 2, 1] }), positional(grid)]);

  let sequence = rgbTokens;
  if (experts.length > 0) {
    const expertTokens = experts.map((e) => {
      const channels = w.get(`conv1.${stemName(e)}.1.weight`).shape[1]!;
      const x = isLowLevel(e)
        ? input(e, 'float32', ['batch', channels, labelSize, labelSize])
        : semanticInput(g, input(`${e}.label_map`, 'int32', ['batch', labelSize, labelSize]), input(`${e}.features`, 'float32', [`${e}.labels`, channels]));
      const expertGrid = stemGeometry(e, patchSize, labelSize).grid;
      let tokens = expertStem(g, w, e, x, { patchSize, labelSize, width });
      if (e === 'obj_detection') {
        const instance = input('obj_detection.instance', 'int32', ['batch', 1, labelSize, labelSize]);
        const ids = input('obj_detection.instance_ids', 'int32', ['instances']);
        const index = input('obj_detection.instance_embedding_index', 'int32', ['instances']);
        tokens = addInstanceEmbedding(g, w, tokens, { instance, ids, index }, labelSize, expertGrid);
      }
      return g.op('Add', [tokens, positional(expertGrid)]);
    });
    const all = expertTokens.length === 1 ? expertTokens[0]! : g.op('Concat', expertTokens, { axis: 1 });
    sequence = g.op('Concat', [rgbTokens, expertsResampler(g, w, all, config.resampler!, width)], { axis: 1 });
  }

  const memory = visionTransformer(g, w, sequence, { layers: config.layers, heads: config.heads, width });
  const tokens = grid * grid + (experts.length > 0 ? config.resampler!.latents : 0);
  const outputs: GraphValue[] = [{ name: 'memory', type: 'float32', shape: ['batch', tokens, width] }];
  g.output(memory, 'memory', 'float32', outputs[0]!.shape);
  return { builder: g, inputs, outputs, tokens };
}

export async function buildEncoderGraph(checkpoint: TensorFile, config: EncoderConfig, options: EncoderBuildOptions): Promise<EncoderGraph> {
  const { builder, ...rest } = await encoderGraphBuilder(checkpoint, config, options);
  return { bytes: builder.toBytes(17), ...rest };
}
