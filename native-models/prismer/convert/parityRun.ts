// Runs a parity case (a folder like shared/prismer/parity/<name>: checkpoint.bin, fixture.json,
// fixture.safetensors) through a converted bundle: converts the checkpoint with the fixture's
// configuration (and a weight precision) into a temporary bundle, runs the fixture's inputs through the
// encoder and the full decoder on that encoder's memory (so the chain is tested), and returns the outputs
// with the expected ones.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WeightPrecision } from '../../onnx/precision/weightPrecision.ts';
import { openSafetensors, type SafetensorsFile } from '../checkpoint/safetensors.ts';
import { fullDecoderIo } from '../graph/decoder/fullDecoderGraph.ts';
import { ModelRuntime, TensorClass, type Feeds } from '../../runtime/modelRuntime.ts';
import { convertCheckpoint, ConversionError, type BundleConfig, type ConvertProgress } from './convertCheckpoint.ts';

interface Fixture {
  readonly image_resolution: number;
  readonly vision: { readonly heads: number; readonly experts: readonly string[] };
  readonly decoder: { readonly num_attention_heads: number };
}

export interface ParityRunOptions {
  readonly precision?: WeightPrecision;
  /** Bytes from which weights go to external data (default: the converter's). */
  readonly externalDataThreshold?: number;
  readonly onProgress?: (p: ConvertProgress) => void;
  readonly runtime?: ModelRuntime;
}

export interface ParityOutputs {
  readonly memory: Float32Array;
  readonly logits: Float32Array;
  readonly expectedMemory: Float32Array;
  readonly expectedLogits: Float32Array;
}

function readFixture(dir: string): Fixture {
  for (const f of ['checkpoint.bin', 'fixture.json', 'fixture.safetensors']) {
    if (!existsSync(join(dir, f))) throw new ConversionError(`${dir} is not a parity case: it has no ${f}`);
  }
  try {
    const fixture = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as Fixture;
    if (!Number.isSafeInteger(fixture.image_resolution) || !fixture.vision?.heads || !fixture.decoder?.num_attention_heads) throw new Error('missing image_resolution, vision.heads or decoder.num_attention_heads');
    return fixture;
  } catch (error) {
    throw new ConversionError(`${join(dir, 'fixture.json')}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** One tensor of a safetensors file as a graph feed (integer tensors as the graph's int32 / int64); `label` names the file in errors. */
export async function safetensorsFeed(tensors: SafetensorsFile, name: string, type: 'float32' | 'int32' | 'int64', label = 'fixture.safetensors'): Promise<InstanceType<typeof TensorClass>> {
  const d = tensors.get(name);
  if (!d) throw new ConversionError(`${label} has no "${name}"`);
  if (type === 'float32') return new TensorClass('float32', await tensors.readFloat32(name), [...d.shape]);
  const values = Int32Array.from((await tensors.read(name)) as ArrayLike<number>, Number);
  return type === 'int32' ? new TensorClass('int32', values, [...d.shape]) : new TensorClass('int64', BigInt64Array.from(values, (v) => BigInt(v)), [...d.shape]);
}

/** The encoder graph's feeds (a bundle's `encoderInputs`) from a safetensors file holding one tensor per input. */
export async function encoderFeeds(tensors: SafetensorsFile, inputs: BundleConfig['encoderInputs'], label?: string): Promise<Feeds> {
  const feeds: Feeds = {};
  for (const input of inputs) feeds[input.name] = await safetensorsFeed(tensors, input.name, input.type === 'int32' ? 'int32' : 'float32', label);
  return feeds;
}

export async function runParityCase(dir: string, options: ParityRunOptions = {}): Promise<ParityOutputs> {
  const fixture = readFixture(dir);
  const scratch = mkdtempSync(join(tmpdir(), 'prismer-parity-'));
  const runtime = options.runtime ?? new ModelRuntime({ provider: 'cpu', warmUp: false, idleUnloadMs: 0 });
  let tensors: SafetensorsFile | null = null;
  try {
    const bundle = await convertCheckpoint({
      checkpoint: join(dir, 'checkpoint.bin'),
      outDir: join(scratch, 'bundle'),
      resolution: fixture.image_resolution,
      allowResize: true,
      visionHeads: fixture.vision.heads,
      decoderHeads: fixture.decoder.num_attention_heads,
      experts: fixture.vision.experts,
      includeFullDecoder: true,
      precision: options.precision,
      externalDataThreshold: options.externalDataThreshold,
      onProgress: options.onProgress,
    });
    try {
      tensors = await openSafetensors(join(dir, 'fixture.safetensors'));
    } catch (error) {
      throw new ConversionError(`Could not read ${join(dir, 'fixture.safetensors')}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const feeds = await encoderFeeds(tensors, bundle.config.encoderInputs);
    const memory = (await runtime.run(join(bundle.dir, bundle.config.graphs.encoder), feeds))['memory']!;
    const logits = (
      await runtime.run(join(bundle.dir, bundle.config.graphs.decoderFull!), {
        [fullDecoderIo.memory]: memory,
        [fullDecoderIo.inputIds]: await safetensorsFeed(tensors, 'input_ids', 'int64'),
        [fullDecoderIo.attentionMask]: await safetensorsFeed(tensors, 'attention_mask', 'int64'),
      })
    )[fullDecoderIo.logits]!;
    const expected = async (name: string, actual: InstanceType<typeof TensorClass>): Promise<Float32Array> => {
      const descriptor = tensors!.get(name);
      if (!descriptor) throw new ConversionError(`fixture.safetensors has no "${name}"`);
      if (actual.dims.join(',') !== descriptor.shape.join(',')) throw new ConversionError(`${name}: got shape [${actual.dims.join(', ')}], expected [${descriptor.shape.join(', ')}]`);
      return tensors!.readFloat32(name);
    };
    return {
      memory: memory.data as Float32Array,
      logits: logits.data as Float32Array,
      expectedMemory: await expected('expected.memory', memory),
      expectedLogits: await expected('expected.logits', logits),
    };
  } finally {
    await tensors?.close();
    if (!options.runtime) await runtime.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
