// Checks a conversion against a parity case (a folder like shared/prismer/parity/<name>: checkpoint.bin,
// fixture.json, fixture.safetensors): converts the checkpoint with the fixture's configuration into a
// temporary bundle, runs the fixture's inputs through the encoder and the full decoder on that encoder's
// memory (see parityRun.ts), and compares memory and logits with the expected ones. A tensor passes when
// its largest absolute error ≤ tolerance × max(1, largest |expected|): 1e-4 for fp32 weights; with
// `precision` fp16 / fp16-compute / int8 the looser tolerance of that precision (PRECISION_TOLERANCE).
import type { WeightPrecision } from '../../onnx/precision/weightPrecision.ts';
import type { ModelRuntime } from '../../runtime/modelRuntime.ts';
import { ConversionError, type ConvertProgress } from './convertCheckpoint.ts';
import { runParityCase } from './parityRun.ts';

export const PARITY_TOLERANCE = 1e-4;

/** The tolerance each weight precision is held to (× max(1, largest |expected|)), from measured losses. */
export const PRECISION_TOLERANCE: Readonly<Record<WeightPrecision, number>> = { fp32: PARITY_TOLERANCE, fp16: 1e-2, 'fp16-compute': 1e-2, int8: 5e-2 };

export interface TensorErrors {
  readonly maxAbs: number;
  /** Largest |actual − expected| / max(|expected|, 1e-3). */
  readonly maxRel: number;
  readonly maxExpected: number;
  /** tolerance × max(1, maxExpected). */
  readonly allowed: number;
  readonly ok: boolean;
}

export interface ParityResult {
  readonly dir: string;
  readonly precision: WeightPrecision;
  readonly tolerance: number;
  readonly memory: TensorErrors;
  readonly logits: TensorErrors;
  readonly ok: boolean;
  readonly seconds: number;
}

export function tensorErrors(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = PARITY_TOLERANCE): TensorErrors {
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
  const allowed = tolerance * Math.max(1, maxExpected);
  return { maxAbs, maxRel, maxExpected, allowed, ok: maxAbs <= allowed };
}

export async function checkParity(dir: string, options: { onProgress?: (p: ConvertProgress) => void; runtime?: ModelRuntime; precision?: WeightPrecision } = {}): Promise<ParityResult> {
  const started = performance.now();
  const precision = options.precision ?? 'fp32';
  const tolerance = PRECISION_TOLERANCE[precision];
  const out = await runParityCase(dir, options);
  const memory = tensorErrors(out.memory, out.expectedMemory, tolerance);
  const logits = tensorErrors(out.logits, out.expectedLogits, tolerance);
  return { dir, precision, tolerance, memory, logits, ok: memory.ok && logits.ok, seconds: (performance.now() - started) / 1000 };
}
