// The measured accuracy loss of fp16, fp16-compute and int8 on every parity case: memory and logits
// against the fp32 bundle and against the expectations are reported, fp16 (both) stays within 1e-2 on the
// logits and int8 within 5e-2, and the text report names every figure. (On the CPU fp16-compute measures
// as fp16: ONNX Runtime runs its float16 MatMuls in float32 there; see float16MatMuls.ts.)
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { formatPrecisionLoss, measurePrecisionLoss } from '../../../../native-models/prismer/convert/precisionLoss.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { parityCases, parityDir, skipWithoutParity } from './parityCopies.ts';

const bounds = { fp16: { logits: 1e-2, memory: 2e-2 }, 'fp16-compute': { logits: 1e-2, memory: 2e-2 }, int8: { logits: 5e-2, memory: 0.2 } } as const;

describe('accuracy loss of fp16 / fp16-compute / int8', { skip: skipWithoutParity }, () => {
  const runtime = new ModelRuntime({ provider: 'cpu', warmUp: false, idleUnloadMs: 0 });
  after(() => runtime.close());
  for (const name of parityCases) {
    test(name, async (t) => {
      const report = await measurePrecisionLoss(join(parityDir, name), ['fp16', 'fp16-compute', 'int8'], { runtime });
      const text = formatPrecisionLoss(report);
      t.diagnostic(text);
      assert.ok(report.fp32.memory.ok && report.fp32.logits.ok);
      assert.deepEqual(report.precisions.map((p) => p.precision), ['fp16', 'fp16-compute', 'int8']);
      for (const p of report.precisions) {
        const bound = bounds[p.precision as keyof typeof bounds];
        for (const against of [p.vsFp32, p.vsExpected]) {
          assert.ok(against.logits.maxAbs < bound.logits && against.logits.maxAbs > 0, `${p.precision} logits ${against.logits.maxAbs}`);
          assert.ok(against.memory.maxAbs < bound.memory, `${p.precision} memory ${against.memory.maxAbs}`);
          assert.ok(Number.isFinite(against.memory.maxRel) && Number.isFinite(against.logits.maxRel));
        }
        assert.ok(p.ok);
        assert.match(text, new RegExp(`${p.precision} vs fp32: +memory max abs ${p.vsFp32.memory.maxAbs.toExponential(2).replace('+', '\\+')}`));
        assert.match(text, new RegExp(`${p.precision} vs expected: .*logits max abs ${p.vsExpected.logits.maxAbs.toExponential(2).replace('+', '\\+')}`));
      }
      const fp16 = report.precisions[0]!;
      const int8 = report.precisions[2]!;
      assert.ok(fp16.vsFp32.logits.maxAbs < int8.vsFp32.logits.maxAbs, 'fp16 loses less than int8');
    });
  }
});
