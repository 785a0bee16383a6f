// Converts a Prismer checkpoint (PyTorch zip or safetensors) into a model bundle folder: encoder.onnx,
// decoder-cross.onnx, decoder-step.onnx (and decoder-full.onnx on request), the tokenizer files when
// given, config.json (everything a runner needs to feed the graphs) and manifest.json (the source
// checkpoint's sha256, computed streaming, and the size and sha256 of every written file). The key set is
// checked by name first; variant/size/resolution requests that disagree with the checkpoint are refused.
// Every graph keeps its initializers of at least `externalDataThreshold` bytes (1 MiB) in `<graph>.data`
// (ONNX external data: protobuf cannot hold LARGE's 2+ GB), listed in the manifest like the other files.
// `precision` fp16 / fp16-compute / int8 rewrites the weights (see onnx/precision/) and is recorded in config and manifest.
// The bundle is written to `<out>.partial` and renamed into place when complete.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { GraphBuilder } from '../../onnx/graphBuilder.ts';
import { applyWeightPrecision, isWeightPrecision, WEIGHT_PRECISIONS, type WeightPrecision } from '../../onnx/precision/weightPrecision.ts';
import { openSafetensors } from '../checkpoint/safetensors.ts';
import type { TensorFile } from '../checkpoint/tensors.ts';
import { openTorchCheckpoint } from '../checkpoint/torchCheckpoint.ts';
import { crossKeyValueBuilder } from '../graph/decoder/crossKeyValueGraph.ts';
import { readDecoderWeights } from '../graph/decoder/decoderWeights.ts';
import { fullDecoderBuilder } from '../graph/decoder/fullDecoderGraph.ts';
import { stepDecoderBuilder } from '../graph/decoder/stepDecoderGraph.ts';
import { encoderGraphBuilder, type GraphValue } from '../graph/encoder/encoderGraph.ts';
import { keyProblems, readStructure, type CheckpointStructure } from './checkpointStructure.ts';
import { sha256File } from './sha256File.ts';
import { copyTokenizer } from './tokenizerFiles.ts';

export const CONVERTER_VERSION = '1.1.0';
/** Initializers of at least this many bytes go to the graph's external `.data` file. */
export const EXTERNAL_DATA_THRESHOLD = 1024 * 1024;
export const RESAMPLER_HEADS = 8;
const HEADS = { base: 12, large: 16 } as const;

export interface ConvertProgress {
  readonly step: 'hash' | 'read' | 'encoder' | 'decoder' | 'tokenizer' | 'manifest' | 'done';
  /** Of the whole conversion, 0…1. */
  readonly fraction: number;
  readonly detail: string;
}

export interface ConvertOptions {
  readonly checkpoint: string;
  /** The bundle folder to create; it must not exist yet (unless `overwrite`). */
  readonly outDir: string;
  /** Checked against the checkpoint when given. */
  readonly variant?: 'prismer' | 'prismerz';
  readonly size?: 'base' | 'large';
  /** The image side the encoder is built for (default: the one the checkpoint's positional grid serves). */
  readonly resolution?: number;
  /** Allow a resolution whose grid differs from the checkpoint's (the positional grid is resized, as fine-tuning does). */
  readonly allowResize?: boolean;
  /** Attention heads for checkpoints of no standard size (tiny test models); BASE/LARGE use 12/16. */
  readonly visionHeads?: number;
  readonly decoderHeads?: number;
  /** Experts the encoder takes, in order (default: every stem in the checkpoint). */
  readonly experts?: readonly string[];
  readonly tokenizerDir?: string;
  readonly name?: string;
  readonly includeFullDecoder?: boolean;
  /** Weights as in the checkpoint (fp32, default), stored as float16 (fp16), weight MatMuls in float16 (fp16-compute, for GPU) or int8 (for CPU). */
  readonly precision?: WeightPrecision;
  /** Bytes from which an initializer is written to external data (default 1 MiB). */
  readonly externalDataThreshold?: number;
  readonly overwrite?: boolean;
  readonly onProgress?: (progress: ConvertProgress) => void;
  /** Stops the conversion at its next step (nothing is written to outDir); it rejects with ConversionCancelledError. */
  readonly signal?: AbortSignal;
}

export class ConversionCancelledError extends Error {
  constructor() {
    super('The conversion was cancelled.');
    this.name = 'ConversionCancelledError';
  }
}

export interface BundleConfig {
  readonly name: string;
  /** How the weights are stored (fp16: float16 weights, float32 compute; fp16-compute: weight MatMuls in float16; int8: dynamically quantised MatMuls). */
  readonly precision: WeightPrecision;
  readonly variant: 'prismer' | 'prismerz';
  readonly size: 'base' | 'large' | null;
  readonly resolution: number;
  readonly checkpointResolution: number;
  readonly patch: number;
  readonly labelResolution: number;
  readonly vision: { readonly width: number; readonly layers: number; readonly heads: number; readonly tokens: number };
  readonly resampler: { readonly latents: number; readonly layers: number; readonly heads: number } | null;
  /** The expert inputs the encoder expects besides RGB, in order. */
  readonly experts: readonly string[];
  /** The encoder graph's inputs (name, element type, shape with symbolic dimensions). */
  readonly encoderInputs: readonly GraphValue[];
  readonly decoder: { readonly layers: number; readonly hidden: number; readonly heads: number; readonly intermediate: number; readonly vocabulary: number; readonly maxPositions: number; readonly memoryWidth: number };
  readonly specialTokens: { readonly bos: number; readonly pad: number; readonly eos: number; readonly unk: number; readonly mask: number };
  readonly tokenizer: { readonly files: readonly string[] } | { readonly missing: string };
  readonly graphs: { readonly encoder: string; readonly decoderCross: string; readonly decoderStep: string; readonly decoderFull: string | null };
}

export interface BundleManifest {
  readonly converterVersion: string;
  readonly createdAt: string;
  readonly precision: WeightPrecision;
  readonly source: { readonly file: string; readonly size: number; readonly sha256: string };
  readonly files: readonly { readonly path: string; readonly size: number; readonly sha256: string }[];
}

export interface ConvertResult {
  readonly dir: string;
  readonly config: BundleConfig;
  readonly manifest: BundleManifest;
}

export class ConversionError extends Error {
  override name = 'ConversionError';
}

export async function openCheckpointFile(path: string): Promise<TensorFile> {
  if (!existsSync(path)) throw new ConversionError(`No checkpoint at ${path}`);
  try {
    return path.endsWith('.safetensors') ? await openSafetensors(path) : await openTorchCheckpoint(path);
  } catch (error) {
    throw new ConversionError(`Could not read the checkpoint ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function headsFor(s: CheckpointStructure, options: ConvertOptions): { vision: number; decoder: number } {
  const size = s.detected.size;
  const vision = options.visionHeads ?? (size ? HEADS[size] : undefined);
  const decoder = options.decoderHeads ?? (size ? HEADS[size] : undefined);
  if (!vision || !decoder) {
    throw new ConversionError(`This checkpoint is of no standard size (width ${s.detected.width}, patch ${s.detected.patch}); give the vision and decoder head counts`);
  }
  if (s.detected.width % vision !== 0 || s.decoder.hidden % decoder !== 0) throw new ConversionError(`Head counts ${vision}/${decoder} do not divide widths ${s.detected.width}/${s.decoder.hidden}`);
  return { vision, decoder };
}

/** Refuses requests that disagree with what the checkpoint is. */
function checkRequest(s: CheckpointStructure, options: ConvertOptions): number {
  const d = s.detected;
  if (options.variant && options.variant !== d.variant) {
    throw new ConversionError(`--variant ${options.variant} does not match the checkpoint: it is ${d.variant === 'prismer' ? 'Prismer (with expert stems)' : 'PrismerZ (RGB only)'}`);
  }
  if (options.size && options.size !== d.size) {
    throw new ConversionError(`--size ${options.size} does not match the checkpoint: width ${d.width}, patch ${d.patch} is ${d.size ? d.size.toUpperCase() : 'no standard size'}`);
  }
  const resolution = options.resolution ?? d.resolution;
  if (!Number.isSafeInteger(resolution) || resolution < d.patch) throw new ConversionError(`--resolution ${resolution} is not an image side of at least one ${d.patch}-px patch`);
  if (Math.floor(resolution / d.patch) !== d.grid && !options.allowResize) {
    throw new ConversionError(`--resolution ${resolution} does not match the checkpoint: its ${d.grid}×${d.grid} positional grid serves ${d.resolution} px (patch ${d.patch})`);
  }
  return resolution;
}

async function fileEntry(dir: string, path: string): Promise<{ path: string; size: number; sha256: string }> {
  const { sha256, size } = await sha256File(join(dir, path));
  return { path, size, sha256 };
}

export async function convertCheckpoint(options: ConvertOptions): Promise<ConvertResult> {
  const progress = (step: ConvertProgress['step'], fraction: number, detail: string) => {
    if (options.signal?.aborted) throw new ConversionCancelledError();
    options.onProgress?.({ step, fraction, detail });
  };
  if (existsSync(options.outDir) && readdirSync(options.outDir).length > 0 && !options.overwrite) {
    throw new ConversionError(`${options.outDir} already exists and is not empty`);
  }
  if (!existsSync(options.checkpoint)) throw new ConversionError(`No checkpoint at ${options.checkpoint}`);
  const precision = options.precision ?? 'fp32';
  if (!isWeightPrecision(precision)) throw new ConversionError(`--precision ${String(precision)} is not one of ${WEIGHT_PRECISIONS.join(', ')}`);
  const sourceSize = (await stat(options.checkpoint)).size;

  progress('read', 0, 'Reading the checkpoint');
  const checkpoint = await openCheckpointFile(options.checkpoint);
  const partial = `${options.outDir}.partial`;
  try {
    let structure: CheckpointStructure;
    try {
      structure = readStructure(checkpoint.tensors);
    } catch (error) {
      throw new ConversionError(error instanceof Error ? error.message : String(error));
    }
    const problems = keyProblems(checkpoint.tensors, structure);
    if (problems.length > 0) {
      const shown = problems.slice(0, 20).join('\n  ');
      throw new ConversionError(`The checkpoint's keys are not a Prismer state dict (${problems.length} problems):\n  ${shown}${problems.length > 20 ? `\n  … ${problems.length - 20} more` : ''}`);
    }
    const resolution = checkRequest(structure, options);
    const heads = headsFor(structure, options);
    const experts = (options.experts ?? structure.experts).filter((e) => e !== 'rgb');
    const d = structure.detected;

    progress('hash', 0.05, 'Hashing the checkpoint');
    const source = await sha256File(options.checkpoint, (done) => progress('hash', 0.05 + 0.15 * (done / Math.max(1, sourceSize)), 'Hashing the checkpoint'));
    const resampler = structure.resampler ? { ...structure.resampler, heads: RESAMPLER_HEADS } : null;

    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true });

    const graphFiles: string[] = [];
    const writeGraph = async (builder: GraphBuilder, file: string): Promise<void> => {
      applyWeightPrecision(builder, precision);
      const written = await builder.writeFiles(join(partial, file), { threshold: options.externalDataThreshold ?? EXTERNAL_DATA_THRESHOLD });
      graphFiles.push(file, ...(written.data ? [basename(written.data)] : []));
    };

    progress('encoder', 0.2, 'Building the encoder graph');
    const encoder = await encoderGraphBuilder(
      checkpoint,
      { patchSize: d.patch, width: d.width, layers: structure.visionLayers, heads: heads.vision, resampler, labelResolution: 224 },
      { resolution, experts },
    );
    await writeGraph(encoder.builder, 'encoder.onnx');

    progress('decoder', 0.5, 'Building the decoder graphs');
    const weights = await readDecoderWeights(checkpoint, heads.decoder);
    await writeGraph(crossKeyValueBuilder(weights), 'decoder-cross.onnx');
    progress('decoder', 0.65, 'Building the decoder step graph');
    await writeGraph(stepDecoderBuilder(weights), 'decoder-step.onnx');
    if (options.includeFullDecoder) {
      progress('decoder', 0.8, 'Building the full decoder graph');
      await writeGraph(fullDecoderBuilder(weights), 'decoder-full.onnx');
    }

    progress('tokenizer', 0.9, options.tokenizerDir ? 'Copying the tokenizer' : 'No tokenizer given');
    const tokenizer: BundleConfig['tokenizer'] = options.tokenizerDir
      ? { files: await copyTokenizer(options.tokenizerDir, partial) }
      : { missing: 'no tokenizer files were given (vocab.json + merges.txt or tokenizer.json); captioning needs them' };

    const config: BundleConfig = {
      name: options.name ?? basename(options.outDir),
      precision,
      variant: d.variant,
      size: d.size,
      resolution,
      checkpointResolution: d.resolution,
      patch: d.patch,
      labelResolution: 224,
      vision: { width: d.width, layers: structure.visionLayers, heads: heads.vision, tokens: encoder.tokens },
      resampler: experts.length > 0 ? resampler : null,
      experts,
      encoderInputs: encoder.inputs,
      decoder: { ...structure.decoder, heads: heads.decoder, memoryWidth: weights.dims.memoryWidth },
      specialTokens: { bos: 0, pad: 1, eos: 2, unk: 3, mask: structure.decoder.vocabulary - 1 },
      tokenizer,
      graphs: { encoder: 'encoder.onnx', decoderCross: 'decoder-cross.onnx', decoderStep: 'decoder-step.onnx', decoderFull: options.includeFullDecoder ? 'decoder-full.onnx' : null },
    };
    await writeFile(join(partial, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);

    progress('manifest', 0.95, 'Hashing the bundle');
    const written = [...graphFiles, ...('files' in tokenizer ? tokenizer.files : []), 'config.json'];
    const files = [];
    for (const f of written) files.push(await fileEntry(partial, f));
    const manifest: BundleManifest = {
      converterVersion: CONVERTER_VERSION,
      createdAt: new Date().toISOString(),
      precision,
      source: { file: basename(options.checkpoint), size: source.size, sha256: source.sha256 },
      files,
    };
    await writeFile(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    if (options.signal?.aborted) throw new ConversionCancelledError();
    await rm(options.outDir, { recursive: true, force: true });
    await rename(partial, options.outDir);
    options.onProgress?.({ step: 'done', fraction: 1, detail: `Wrote ${options.outDir}` });
    return { dir: options.outDir, config, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    await checkpoint.close();
  }
}
