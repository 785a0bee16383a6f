// The benchmark's PyTorch reference (bench/prismerReference/) is itself right: on every shared parity case
// its encoder memory and logits match the official classes' within 1e-4 × max(1, max |expected|); the check
// really compares (expected logits nudged past the tolerance fail it); and its decoding — beam search that
// re-runs the whole decoder every step, as the official code does — picks the same ids as the studio's
// beam search through the ONNX KV cache on the same weights.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { packageRoot } from '../../electron/packageRoot.ts';
import { beamSearch } from '../../native-models/prismer/generation/beamSearch.ts';
import { OnnxStepDecoder } from '../../native-models/prismer/tasks/onnxStepDecoder.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { copyCase, nudgeTensor, parityCases, parityDir } from '../native-models/prismer/convert/parityCopies.ts';
import { loadTaskCase, ModelScratch } from '../native-models/prismer/tasks/fixtures.ts';

const PYTHON = '/usr/bin/python3';
const checkParity = join(packageRoot, 'bench', 'prismerReference', 'check_parity.py');
const hasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
const skip = !existsSync(parityDir) ? `needs ${parityDir} (absent in a plain clone)` : !hasTorch ? `needs ${PYTHON} with torch (apt-get install python3-torch)` : false;

interface TensorCheck {
  readonly maxAbs: number;
  readonly maxExpected: number;
  readonly allowed: number;
  readonly ok: boolean;
}

interface ParityReport {
  readonly case: string;
  readonly memory: TensorCheck;
  readonly logits: TensorCheck;
  readonly ok: boolean;
  readonly caption?: { readonly tokens: number[]; readonly score: number };
}

function runCheck(dir: string, args: readonly string[] = []): { status: number | null; report: ParityReport } {
  const result = spawnSync(PYTHON, [checkParity, dir, '--threads', '1', ...args], { encoding: 'utf8' });
  assert.ok(result.stdout.trim(), `check_parity.py printed nothing: ${result.stderr}`);
  return { status: result.status, report: JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ParityReport };
}

describe('the PyTorch reference on the shared parity cases', { skip }, () => {
  for (const name of parityCases) {
    test(`${name}: memory and logits within 1e-4 × max(1, max |expected|)`, (t) => {
      const { status, report } = runCheck(join(parityDir, name));
      t.diagnostic(`memory max abs ${report.memory.maxAbs.toExponential(2)}; logits max abs ${report.logits.maxAbs.toExponential(2)}`);
      assert.equal(report.case, name);
      assert.ok(report.memory.maxAbs <= 1e-4 * Math.max(1, report.memory.maxExpected), `memory max abs ${report.memory.maxAbs}`);
      assert.ok(report.logits.maxAbs <= 1e-4 * Math.max(1, report.logits.maxExpected), `logits max abs ${report.logits.maxAbs}`);
      assert.equal(report.ok, true);
      assert.equal(status, 0);
    });
  }

  test('expected logits nudged past the tolerance fail the check on logits alone', (t) => {
    const dir = copyCase(parityCases[0]!, tempDir(t));
    nudgeTensor(join(dir, 'fixture.safetensors'), 'expected.logits', 0.01, 5);
    const { status, report } = runCheck(dir);
    assert.equal(report.memory.ok, true);
    assert.equal(report.logits.ok, false);
    assert.ok(report.logits.maxAbs > 0.009, `the nudge shows: ${report.logits.maxAbs}`);
    assert.equal(status, 1);
  });

  test('a folder that is not a parity case is refused with exit status 2', (t) => {
    const result = spawnSync(PYTHON, [checkParity, tempDir(t)], { encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.match(result.stdout, /is not a parity case: it has no checkpoint\.bin/);
  });

  describe('captioning: the no-cache reference and the studio beam search choose the same ids', () => {
    const scratch = new ModelScratch();
    after(() => scratch.close());
    for (const name of parityCases) {
      test(name, async () => {
        const prompt = [0, 10, 11, 12]; // `<s>` and three ordinary ids of the tiny vocabularies
        const { report } = runCheck(join(parityDir, name), ['--caption', prompt.join(',')]);
        const taskCase = await loadTaskCase(name, scratch);
        const decoder = new OnnxStepDecoder(scratch.runtime, taskCase.graphs, taskCase.memory(0));
        const [best] = await beamSearch(decoder, prompt, { numBeams: 3, maxLength: 20, minLength: 8, lengthPenalty: 1, eosTokenId: 2 });
        assert.ok(report.caption, 'the reference captioned');
        assert.deepEqual(report.caption.tokens, best!.tokens);
        assert.ok(Math.abs(report.caption.score - best!.score) < 1e-4, `scores ${report.caption.score} vs ${best!.score}`);
        assert.ok(report.caption.tokens.length >= 8 && report.caption.tokens.length <= 20, 'lengths within min/max, prompt counted');
      });
    }
  });
});
