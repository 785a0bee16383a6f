// check-parity as a library: every parity case in ../shared/prismer/parity passes (memory from our encoder,
// logits from our decoder on that memory); a truncated checkpoint is a clear error; expected logits
// nudged past the tolerance make the case fail on logits alone; fp16 / int8 conversions meet their own
// tolerances.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkParity, PRECISION_TOLERANCE, tensorErrors } from '../../../../native-models/prismer/convert/checkParity.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { copyCase, nudgeTensor, parityCases, parityDir, skipWithoutParity, truncateCheckpoint } from './parityCopies.ts';

test('tensorErrors: absolute, relative (floored at 1e-3) and the 1e-4 × max(1, max |expected|) rule', () => {
  const e = tensorErrors([1, 2.0001, 0], [1, 2, 0.0005]);
  assert.ok(Math.abs(e.maxAbs - 5e-4) < 1e-9);
  assert.ok(Math.abs(e.maxRel - 0.5) < 1e-6);
  assert.equal(e.maxExpected, 2);
  assert.ok(Math.abs(e.allowed - 2e-4) < 1e-12);
  assert.equal(e.ok, false);
  assert.equal(tensorErrors([0.5], [0.50005]).ok, true);
  assert.equal(tensorErrors([Number.NaN], [0]).ok, false);
});

describe('check-parity on the shared parity cases', { skip: skipWithoutParity }, () => {
  for (const name of parityCases) {
    test(name, async (t) => {
      const result = await checkParity(join(parityDir, name));
      t.diagnostic(
        `memory max abs ${result.memory.maxAbs.toExponential(2)} rel ${result.memory.maxRel.toExponential(2)}; ` +
          `logits max abs ${result.logits.maxAbs.toExponential(2)} rel ${result.logits.maxRel.toExponential(2)}`,
      );
      assert.ok(result.memory.ok, `memory max abs ${result.memory.maxAbs} > ${result.memory.allowed}`);
      assert.ok(result.logits.ok, `logits max abs ${result.logits.maxAbs} > ${result.logits.allowed}`);
      assert.equal(result.ok, true);
    });
  }

  test('a truncated checkpoint is refused with the reason', async (t) => {
    const dir = copyCase(parityCases[0]!, tempDir(t));
    truncateCheckpoint(dir);
    await assert.rejects(checkParity(dir), /Could not read the checkpoint .*checkpoint\.bin/);
  });

  test('expected logits nudged past the tolerance fail on logits, not memory', async (t) => {
    const dir = copyCase(parityCases[0]!, tempDir(t));
    nudgeTensor(join(dir, 'fixture.safetensors'), 'expected.logits', 0.01, 7);
    const result = await checkParity(dir);
    assert.equal(result.ok, false);
    assert.equal(result.memory.ok, true);
    assert.equal(result.logits.ok, false);
    assert.ok(result.logits.maxAbs > 0.009 && result.logits.maxAbs < 0.011, String(result.logits.maxAbs));
  });

  test('--precision fp16 / int8: held to their own tolerance, which they meet', async () => {
    for (const precision of ['fp16', 'int8'] as const) {
      const result = await checkParity(join(parityDir, parityCases[0]!), { precision });
      assert.equal(result.precision, precision);
      assert.equal(result.tolerance, PRECISION_TOLERANCE[precision]);
      assert.ok(result.ok, `${precision}: memory ${result.memory.maxAbs}, logits ${result.logits.maxAbs}`);
      assert.ok(result.logits.maxAbs > 1e-6, 'the weights really changed');
    }
  });

  test('a folder that is not a parity case is named', async (t) => {
    await assert.rejects(checkParity(tempDir(t)), /is not a parity case: it has no checkpoint\.bin/);
  });
});
