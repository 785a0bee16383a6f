// Shared by the decoder graph tests: the parity cases in ../shared/prismer (absent in a plain clone), their
// decoder weights, inputs and expected outputs, ONNX models written to a temporary folder and run, and
// the error measures reported.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSafetensors } from '../../../../../native-models/prismer/checkpoint/safetensors.ts';
import { openTorchCheckpoint } from '../../../../../native-models/prismer/checkpoint/torchCheckpoint.ts';
import { readDecoderWeights, type DecoderWeights } from '../../../../../native-models/prismer/graph/decoder/decoderWeights.ts';
import { ModelRuntime, TensorClass, type Tensor } from '../../../../../native-models/runtime/modelRuntime.ts';
import { parityCases, parityDir, sharedPrismer, skipWithoutParity } from '../../sharedData.ts';

export { parityCases, sharedPrismer, skipWithoutParity as skipWithoutShared };

export interface ParityCase {
  readonly weights: DecoderWeights;
  readonly batch: number;
  readonly tokens: number;
  readonly ids: Int32Array;
  readonly mask: Int32Array;
  readonly memory: Float32Array;
  readonly memoryShape: readonly number[];
  readonly logits: Float32Array;
}

export async function loadCase(name: string): Promise<ParityCase> {
  const dir = join(parityDir, name);
  const config = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as { decoder: { num_attention_heads: number } };
  const checkpoint = await openTorchCheckpoint(join(dir, 'checkpoint.bin'));
  const fixture = await openSafetensors(join(dir, 'fixture.safetensors'));
  try {
    const weights = await readDecoderWeights(checkpoint, config.decoder.num_attention_heads);
    const [batch, tokens] = fixture.get('input_ids')!.shape as [number, number];
    return {
      weights,
      batch,
      tokens,
      ids: (await fixture.read('input_ids')) as Int32Array,
      mask: (await fixture.read('attention_mask')) as Int32Array,
      memory: await fixture.readFloat32('expected.memory'),
      memoryShape: fixture.get('expected.memory')!.shape,
      logits: await fixture.readFloat32('expected.logits'),
    };
  } finally {
    await checkpoint.close();
    await fixture.close();
  }
}

export const int64 = (values: ArrayLike<number>, dims: readonly number[]): Tensor =>
  new TensorClass('int64', BigInt64Array.from(Array.from(values, (v) => BigInt(v))), dims);

export const float32 = (values: Float32Array, dims: readonly number[]): Tensor => new TensorClass('float32', values, dims);

/** Writes models to a temporary folder and runs them on the CPU. */
export class ModelScratch {
  readonly dir = mkdtempSync(join(tmpdir(), 'prismer-decoder-'));
  readonly runtime = new ModelRuntime({ provider: 'cpu', warmUp: false, idleUnloadMs: 0 });
  #count = 0;

  write(bytes: Uint8Array): string {
    const path = join(this.dir, `model${this.#count++}.onnx`);
    writeFileSync(path, bytes);
    return path;
  }

  async close(): Promise<void> {
    await this.runtime.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Errors {
  readonly maxAbs: number;
  readonly maxRel: number;
  readonly maxExpected: number;
}

/** Largest |a − e| and |a − e| / max(|e|, 1e-3) (near-zero entries would swamp it) over the indices `keep` accepts. */
export function compare(actual: ArrayLike<number>, expected: ArrayLike<number>, keep: (index: number) => boolean = () => true): Errors {
  if (actual.length !== expected.length) throw new Error(`length ${actual.length} ≠ expected ${expected.length}`);
  let maxAbs = 0;
  let maxRel = 0;
  let maxExpected = 0;
  for (let i = 0; i < expected.length; i++) {
    if (!keep(i)) continue;
    const e = expected[i]!;
    const err = Math.abs(actual[i]! - e);
    if (!(err <= maxAbs)) maxAbs = err;
    maxRel = Math.max(maxRel, err / Math.max(Math.abs(e), 1e-3));
    maxExpected = Math.max(maxExpected, Math.abs(e));
  }
  return { maxAbs, maxRel, maxExpected };
}
