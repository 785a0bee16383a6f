// Checks a conversion against a parity case (a folder like shared/prismer/parity/<name>: checkpoint.bin,
// fixture.json, fixture.safetensors): converts the checkpoint with the fixture's configuration into a
// temporary bundle, runs the fixture's inputs through the encoder and the full decoder on that encoder's
// memory (so the chain is tested), and compares memory and logits with the expected ones. A tensor passes
// when its largest absolute error ≤ 1e-4 × max(1, largest |expected|).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSafetensors, type SafetensorsFile } from '../checkpoint/safetensors.ts';
import { fullDecoderIo } from '../graph/decoder/fullDecoderGraph.ts';
import { ModelRuntime, TensorClass, type Feeds } from '../../runtime/modelRuntime.ts';
import { convertCheckpoint, ConversionError, type ConvertProgress } from './convertCheckpoint.ts';

export const PARITY_TOLERANCE = 1e-4;

export interface TensorErrors {
  readonly maxAbs: number;
  /** Largest |actual − expected| / max(|expected|, 1e-3). */
  readonly maxRel: number;
  readonly maxExpected: number;
  /** 1e-4 × max(1, maxExpected). */
  readonly allowed: number;
  readonly ok: boolean;
}

export interface ParityResult {
  readonly dir: string;
  readonly memory: TensorErrors;
  readonly logits: TensorErrors;
  readonly ok: boolean;
  readonly seconds: number;
}

interface Fixture {
  readonly image_resolution: number;
  readonly vision: { readonly heads: number; readonly experts: readonly string[] };
  readonly decoder: { readonly num_attention_heads: number };
}

export function tensorErrors(actual: ArrayLike<number>, expected: ArrayLike<number>): TensorErrors {
  if (actual.length !== expected.length) throw new ConversionError(`Output has ${actual.length} values, expected ${expected.length}`);
  let maxAbs = 0;
  let maxRel = 0;
  let maxExpected = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const err = Math.abs(actual[i]! - e);
    if (!(err <= maxAbs)) maxAbs = err; // NaN sticks
    if (!(err / Math.max(Math.abs(e), 1e-3) <= maxRel)) maxRel = err / Math.max(Math.abs(e), 1e-3);
    maxExpected = Math.max(maxExpected, Math.abs(e));
  }
  const allowed = PARITY_TOLERANCE * Math.max(1, maxExpected);
  return { maxAbs, maxRel, maxExpected, allowed, ok: maxAbs <= allowed };
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

async function need(tensors: SafetensorsFile, name: string, type: 'float32' | 'int32' | 'int64'): Promise<InstanceType<typeof TensorClass>> {
  const d = tensors.get(name);
  if (!d) throw new ConversionError(`fixture.safetensors has no "${name}"`);
  if (type === 'float32') return new TensorClass('float32', await tensors.readFloat32(name), [...d.shape]);
  const values = Int32Array.from((await tensors.read(name)) as ArrayLike<number>, Number);
  return type === 'int32' ? new TensorClass('int32', values, [...d.shape]) : new TensorClass('int64', BigInt64Array.from(values, (v) => BigInt(v)), [...d.shape]);
}

export async function checkParity(dir: string, options: { onProgress?: (p: ConvertProgress) => void; runtime?: ModelRuntime } = {}): Promise<ParityResult> {
  const started = performance.now();
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
      onProgress: options.onProgress,
    });
    try {
      tensors = await openSafetensors(join(dir, 'fixture.safetensors'));
    } catch (error) {
      throw new ConversionError(`Could not read ${join(dir, 'fixture.safetensors')}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const feeds: Feeds = {};
    for (const input of bundle.config.encoderInputs) feeds[input.name] = await need(tensors, input.name, input.type === 'int32' ? 'int32' : 'float32');
    const memory = (await runtime.run(join(bundle.dir, bundle.config.graphs.encoder), feeds))['memory']!;
    const logits = (
      await runtime.run(join(bundle.dir, bundle.config.graphs.decoderFull!), {
        [fullDecoderIo.memory]: memory,
        [fullDecoderIo.inputIds]: await need(tensors, 'input_ids', 'int64'),
        [fullDecoderIo.attentionMask]: await need(tensors, 'attention_mask', 'int64'),
      })
    )[fullDecoderIo.logits]!;
    const compare = async (name: string, actual: InstanceType<typeof TensorClass>): Promise<TensorErrors> => {
      const expected = tensors!.get(name);
      if (!expected) throw new ConversionError(`fixture.safetensors has no "${name}"`);
      if (actual.dims.join(',') !== expected.shape.join(',')) throw new ConversionError(`${name}: got shape [${actual.dims.join(', ')}], expected [${expected.shape.join(', ')}]`);
      return tensorErrors(actual.data as Float32Array, await tensors!.readFloat32(name));
    };
    const memoryErrors = await compare('expected.memory', memory);
    const logitErrors = await compare('expected.logits', logits);
    return { dir, memory: memoryErrors, logits: logitErrors, ok: memoryErrors.ok && logitErrors.ok, seconds: (performance.now() - started) / 1000 };
  } finally {
    await tensors?.close();
    if (!options.runtime) await runtime.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
