// `prismer-studio models check-parity` and `models convert`, run as a user runs them: the launcher in a
// child process. Every shared parity case passes with its errors printed; damaged copies exit 1 with the
// reason; convert refuses bad usage (2) and flags that disagree with the checkpoint (1).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { copyCase, nudgeTensor, parityCases, parityDir, skipWithoutParity, truncateCheckpoint } from '../native-models/prismer/convert/parityCopies.ts';


const cli = runCli;

const errorLine = (tensor: string, verdict: 'OK' | 'FAIL') =>
  new RegExp(`^${tensor}: max abs \\d\\.\\de[-+]\\d+, max rel \\d\\.\\de[-+]\\d+ \\(allowed abs \\d\\.\\de[-+]\\d+\\) — ${verdict}$`, 'm');

describe('prismer-studio models check-parity', { skip: skipWithoutParity }, () => {
  for (const name of parityCases) {
    test(name, (t) => {
      const run = cli(['models', 'check-parity', join(parityDir, name)], { PRISMER_STUDIO_HOME: tempDir(t) });
      assert.equal(run.code, 0, run.stderr + run.stdout);
      assert.match(run.stdout, errorLine('memory', 'OK'));
      assert.match(run.stdout, errorLine('logits', 'OK'));
      t.diagnostic(run.stdout.trim().split('\n').slice(0, 2).join('; '));
    });
  }

  test('--json gives the errors and the verdict', (t) => {
    const run = cli(['models', 'check-parity', join(parityDir, parityCases[0]!), '--json'], { PRISMER_STUDIO_HOME: tempDir(t) });
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { ok: boolean; memory: { maxAbs: number; ok: boolean }; logits: { maxRel: number; ok: boolean } };
    assert.equal(result.ok, true);
    assert.ok(result.memory.maxAbs < 1e-4 && result.memory.ok && result.logits.ok);
  });

  test('a truncated checkpoint: exit 1 with the reason', (t) => {
    const dir = copyCase(parityCases[0]!, tempDir(t));
    truncateCheckpoint(dir);
    const run = cli(['models', 'check-parity', dir], { PRISMER_STUDIO_HOME: tempDir(t) });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Could not read the checkpoint .*checkpoint\.bin/);
  });

  test('perturbed expected logits: exit 1, the logits error printed as FAIL', (t) => {
    const dir = copyCase(parityCases[0]!, tempDir(t));
    nudgeTensor(join(dir, 'fixture.safetensors'), 'expected.logits', 0.01, 3);
    const run = cli(['models', 'check-parity', dir], { PRISMER_STUDIO_HOME: tempDir(t) });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, errorLine('memory', 'OK'));
    assert.match(run.stdout, /^logits: max abs 1\.0e-2, .* — FAIL$/m);
    assert.match(run.stdout, /Parity FAILED/);
  });

  test('usage errors exit 2', (t) => {
    assert.equal(cli(['models', 'check-parity'], { PRISMER_STUDIO_HOME: tempDir(t) }).code, 2);
  });
});

describe('prismer-studio models convert', { skip: skipWithoutParity }, () => {
  test('bad usage exits 2; flags that disagree with the checkpoint exit 1 and write nothing', (t) => {
    const home = tempDir(t);
    const checkpoint = join(parityDir, 'tiny-seed0', 'checkpoint.bin');
    const noName = cli(['models', 'convert', checkpoint], { PRISMER_STUDIO_HOME: home });
    assert.equal(noName.code, 2);
    assert.match(noName.stderr, /Usage: prismer-studio models convert <checkpoint> --name NAME/);
    assert.equal(cli(['models', 'convert', checkpoint, '--name', 'x', '--variant', 'prismerx'], { PRISMER_STUDIO_HOME: home }).code, 2);
    const wrongVariant = cli(['models', 'convert', checkpoint, '--name', 'tiny', '--variant', 'prismerz'], { PRISMER_STUDIO_HOME: home });
    assert.equal(wrongVariant.code, 1);
    assert.match(wrongVariant.stderr, /--variant prismerz does not match the checkpoint: it is Prismer/);
    const wrongSize = cli(['models', 'convert', checkpoint, '--name', 'tiny', '--size', 'base', '--resolution', '480'], { PRISMER_STUDIO_HOME: home });
    assert.equal(wrongSize.code, 1);
    assert.match(wrongSize.stderr, /--size base does not match the checkpoint/);
    assert.match(wrongSize.stderr, /0%  Reading the checkpoint/, 'a progress line is shown');
    assert.ok(!existsSync(join(home, 'models', 'prismer', 'tiny')));
  });
});
