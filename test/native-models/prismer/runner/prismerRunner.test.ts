// The Prismer runner on tiny bundles converted from the parity checkpoints: PrismerZ gives a well-formed
// caption, answer and tags with per-stage timings from a photo on disk; a Prismer (non-Z) bundle without
// installed label tables is refused with a message naming what is missing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { LabelTablesMissingError } from '../../../../native-models/prismer/runner/expertInputs.ts';
import { loadPrismerBundle, type PrismerBundle } from '../../../../native-models/prismer/runner/loadBundle.ts';
import { clipMean, clipStd, prismerRgbInput } from '../../../../native-models/prismer/runner/preprocessRgb.ts';
import { runPrismer } from '../../../../native-models/prismer/runner/prismerRunner.ts';
import { skipWithoutShared, testPhoto, tinyBundle } from './tinyBundle.ts';

test('the RGB input is R×R, channel-first, CLIP-normalised', async () => {
  const image = { width: 2, height: 1, data: Uint8Array.from([255, 0, 0, 255, 0, 0]) };
  const rgb = await prismerRgbInput(image, 4);
  assert.deepEqual(rgb.dims, [1, 3, 4, 4]);
  assert.ok(Math.abs(rgb.data[0]! - (1 - clipMean[0]) / clipStd[0]) < 1e-5);
  assert.ok(Math.abs(rgb.data[16]! - (0 - clipMean[1]) / clipStd[1]) < 1e-5);
});

describe('the Prismer runner on tiny bundles', { skip: skipWithoutShared }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'prismer-runner-'));
  const runtime = new ModelRuntime({ intraOpThreads: 1, warmUp: false });
  let bundle: PrismerBundle;
  let photo: string;
  before(async () => {
    bundle = await loadPrismerBundle(await tinyBundle(dir));
    photo = await testPhoto(join(dir, 'photo.png'));
  });
  after(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('caption: official settings, text and timings', async () => {
    const result = await runPrismer(runtime, { bundle, image: photo, request: { task: 'caption' } });
    assert.equal(result.task, 'caption');
    if (result.task !== 'caption') return;
    const best = result.caption.candidates[0]!;
    assert.ok(best.tokens.length <= 20);
    assert.ok(result.caption.caption.endsWith('.'));
    assert.equal(result.model, 'tiny-z-seed1');
    assert.equal(result.variant, 'prismerz');
    assert.deepEqual(result.imageSize, { width: 96, height: 72 });
    for (const t of Object.values(result.timings)) assert.ok(Number.isFinite(t) && t >= 0);
    assert.ok(result.timings.encoder > 0 && result.timings.task > 0);
    assert.ok(result.timings.total >= result.timings.encoder + result.timings.task);
    const again = await runPrismer(runtime, { bundle, image: photo, request: { task: 'caption' } });
    assert.deepEqual(again.task === 'caption' && again.caption, result.caption, 'deterministic');
  });

  test('ask: generate and rank modes', async () => {
    const generated = await runPrismer(runtime, { bundle, image: photo, request: { task: 'ask', question: 'What is this?' } });
    assert.ok(generated.task === 'ask' && generated.answer.mode === 'generate' && typeof generated.answer.answer === 'string');
    const answers = ['cat', 'dog', 'red', 'two'];
    const ranked = await runPrismer(runtime, { bundle, image: photo, request: { task: 'ask', question: 'What is this?', options: { answers } } });
    assert.ok(ranked.task === 'ask' && ranked.answer.mode === 'rank');
    if (ranked.task !== 'ask') return;
    assert.ok(answers.includes(ranked.answer.answer));
    assert.equal(ranked.answer.candidates.length, answers.length);
  });

  test('tag: class names ranked', async () => {
    const result = await runPrismer(runtime, { bundle, image: photo, request: { task: 'tag', classNames: ['cat', 'dog', 'bird'] } });
    assert.ok(result.task === 'tag' && result.tags.length === 3);
  });

  test('a Prismer (non-Z) bundle without label tables is refused by name', async () => {
    const prismer = await loadPrismerBundle(await tinyBundle(dir, 'tiny-seed0'));
    assert.equal(prismer.config.variant, 'prismer');
    await assert.rejects(
      runPrismer(runtime, { bundle: prismer, image: photo, request: { task: 'caption' } }),
      (error: Error) => error instanceof LabelTablesMissingError && /label tables/.test(error.message) && /coco\.json/.test(error.message) && /PrismerZ/.test(error.message),
    );
    await assert.rejects(
      runPrismer(runtime, { bundle: prismer, image: photo, labelTablesDir: join(dir, 'nowhere'), request: { task: 'caption' } }),
      /not installed/,
    );
  });
});
