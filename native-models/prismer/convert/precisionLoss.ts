// The measured accuracy loss of the reduced weight precisions on a parity case: the case converted with
// fp32 weights and with each of fp16 / int8, the encoder memory and the logits of each compared with the
// fp32 bundle's and with the parity expectations (largest absolute and relative errors), and a text
// report for the command line.
import type { WeightPrecision } from '../../onnx/precision/weightPrecision.ts';
import { ModelRuntime } from '../../runtime/modelRuntime.ts';
import { PRECISION_TOLERANCE, tensorErrors, type TensorErrors } from './checkParity.ts';
import { runParityCase } from './parityRun.ts';

export interface OutputErrors {
  readonly memory: TensorErrors;
  readonly logits: TensorErrors;
}

export interface PrecisionLoss {
  readonly precision: WeightPrecision;
  /** Against the fp32 bundle's outputs (the loss the precision alone causes). */
  readonly vsFp32: OutputErrors;
  /** Against the parity expectations (the official model's outputs). */
  readonly vsExpected: OutputErrors;
  /** Both tensors within the precision's tolerance of the expectations. */
  readonly ok: boolean;
}

export interface PrecisionLossReport {
  readonly dir: string;
  /** fp32 against the expectations, for reference. */
  readonly fp32: OutputErrors;
  readonly precisions: readonly PrecisionLoss[];
}

export async function measurePrecisionLoss(dir: string, precisions: readonly WeightPrecision[] = ['fp16', 'int8'], options: { runtime?: ModelRuntime } = {}): Promise<PrecisionLossReport> {
  const runtime = options.runtime ?? new ModelRuntime({ provider: 'cpu', warmUp: false, idleUnloadMs: 0 });
  try {
    const base = await runParityCase(dir, { runtime });
    const fp32 = { memory: tensorErrors(base.memory, base.expectedMemory), logits: tensorErrors(base.logits, base.expectedLogits) };
    const losses: PrecisionLoss[] = [];
    for (const precision of precisions) {
      const tolerance = PRECISION_TOLERANCE[precision];
      const out = await runParityCase(dir, { runtime, precision });
      const vsFp32 = { memory: tensorErrors(out.memory, base.memory, tolerance), logits: tensorErrors(out.logits, base.logits, tolerance) };
      const vsExpected = { memory: tensorErrors(out.memory, out.expectedMemory, tolerance), logits: tensorErrors(out.logits, out.expectedLogits, tolerance) };
      losses.push({ precision, vsFp32, vsExpected, ok: vsExpected.memory.ok && vsExpected.logits.ok });
    }
    return { dir, fp32, precisions: losses };
  } finally {
    if (!options.runtime) await runtime.close();
  }
}

/** One line per precision and reference: max abs / rel of memory and logits. */
export function formatPrecisionLoss(report: PrecisionLossReport): string {
  const e = (t: TensorErrors) => `max abs ${t.maxAbs.toExponential(2)} rel ${t.maxRel.toExponential(2)}`;
  const pair = (o: OutputErrors) => `memory ${e(o.memory)}; logits ${e(o.logits)}`;
  const lines = [`${report.dir}`, `  fp32 vs expected: ${pair(report.fp32)}`];
  for (const p of report.precisions) {
    lines.push(`  ${p.precision} vs fp32:     ${pair(p.vsFp32)}`);
    lines.push(`  ${p.precision} vs expected: ${pair(p.vsExpected)} (${p.ok ? 'within' : 'OUTSIDE'} ${PRECISION_TOLERANCE[p.precision]} × max(1, |expected|))`);
  }
  return lines.join('\n');
}
