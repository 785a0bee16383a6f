// Specification of layout validation: each official layout validates against itself and is detected as
// its own variant, size and resolution; every dropped, renamed, reshaped or wrongly typed key is reported
// by name; the untied LM head is optional; a positional grid of another resolution is accepted and reported.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { detectModel, parseLayout, POSITIONAL_EMBEDDING, UNTIED_LM_HEAD, validateLayout, type CheckpointLayout, type TensorShape } from '../../../../native-models/prismer/checkpoint/layoutValidation.ts';
import { openTorchCheckpoint } from '../../../../native-models/prismer/checkpoint/torchCheckpoint.ts';
import { sharedPrismer, skipWithoutShared } from './fixtures.ts';

const layoutDir = join(sharedPrismer, 'checkpoint-layout');
const loadLayout = (name: string): CheckpointLayout => parseLayout(JSON.parse(readFileSync(join(layoutDir, `${name}.json`), 'utf8')));
const asTensors = (layout: CheckpointLayout): TensorShape[] =>
  layout.keys.map((k) => ({ name: k.name, shape: k.shape, dtype: k.dtype === 'int64' ? 'I64' : 'F32' }));

describe('validateLayout and detectModel on the official layouts', { skip: skipWithoutShared }, () => {
  const names = skipWithoutShared ? [] : readdirSync(layoutDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));

  test('there are eight layouts', () => assert.equal(names.length, 8));

  for (const name of names) {
    test(`${name}: validates against itself and is detected as itself`, () => {
      const layout = loadLayout(name);
      const tensors = asTensors(layout);
      const report = validateLayout(tensors, layout);
      assert.deepEqual(report.problems, []);
      assert.ok(report.ok && report.lmHeadUntied);
      assert.deepEqual(report.positionalGrid, { checkpoint: Math.sqrt(tensors[0]!.shape[0]!), layout: Math.sqrt(tensors[0]!.shape[0]!) });
      const [variant, size, resolution] = name.split('_');
      const detected = detectModel(tensors);
      assert.deepEqual([detected.variant, detected.size, detected.resolution, detected.layoutName], [variant, size, Number(resolution), name]);
    });
  }

  test('every dropped, renamed, reshaped or wrongly typed key is named', () => {
    const layout = loadLayout('prismer_base_224');
    const tensors = asTensors(layout)
      .filter((t) => t.name !== 'text_decoder.roberta.encoder.layer.3.1.self.key.bias')
      .map((t): TensorShape => {
        if (t.name === 'expert_encoder.resampler.latents') return { ...t, name: 'module.expert_encoder.resampler.latents' };
        if (t.name === 'expert_encoder.conv1.seg.13.weight') return { ...t, shape: [768, 768, 3, 3] };
        if (t.name === 'expert_encoder.conv1.depth.2.num_batches_tracked') return { ...t, dtype: 'F32' };
        if (t.name === 'text_decoder.lm_head.bias') return { ...t, dtype: 'F16' }; // a half checkpoint is fine
        return t;
      });
    const report = validateLayout(tensors, layout);
    assert.equal(report.ok, false);
    assert.deepEqual(report.problems, [
      'missing expert_encoder.resampler.latents (expected [64, 768])',
      'missing text_decoder.roberta.encoder.layer.3.1.self.key.bias (expected [768])',
      'unexpected module.expert_encoder.resampler.latents [64, 768]',
      'misshapen expert_encoder.conv1.seg.13.weight: expected [768, 768, 1, 1], got [768, 768, 3, 3]',
      'wrong dtype expert_encoder.conv1.depth.2.num_batches_tracked: expected int64, got F32',
    ]);
  });

  test('the untied LM head may be left out (tied to the word embedding)', () => {
    const layout = loadLayout('prismerz_large_480');
    const report = validateLayout(asTensors(layout).filter((t) => t.name !== UNTIED_LM_HEAD), layout);
    assert.ok(report.ok);
    assert.equal(report.lmHeadUntied, false);
  });

  test('a checkpoint at another resolution passes when only the positional grid differs, and the grid is reported', () => {
    const layout = loadLayout('prismer_large_224');
    const at384 = asTensors(layout).map((t) => (t.name === POSITIONAL_EMBEDDING ? { ...t, shape: [27 * 27, 1024] } : t));
    const report = validateLayout(at384, layout);
    assert.ok(report.ok, report.problems.join('\n'));
    assert.deepEqual(report.positionalGrid, { checkpoint: 27, layout: 16 });
    assert.deepEqual(detectModel(at384), { variant: 'prismer', size: 'large', width: 1024, patch: 14, grid: 27, resolution: 384, layoutName: 'prismer_large_224' });
    const notSquare = at384.map((t) => (t.name === POSITIONAL_EMBEDDING ? { ...t, shape: [700, 1024] } : t));
    assert.deepEqual(validateLayout(notSquare, layout).problems, ['misshapen expert_encoder.positional_embedding: expected [256, 1024], got [700, 1024]']);
    const wrongWidth = at384.map((t) => (t.name === POSITIONAL_EMBEDDING ? { ...t, shape: [256, 768] } : t));
    assert.deepEqual(validateLayout(wrongWidth, layout).problems, ['misshapen expert_encoder.positional_embedding: expected [256, 1024], got [256, 768]']);
  });

  test('the tiny parity checkpoints are detected (unknown size) and their mismatches named', async () => {
    const expected: Record<string, [string, number, number]> = { 'tiny-seed0': ['prismer', 16, 4], 'tiny-z-seed1': ['prismerz', 16, 4], 'tiny-p14-seed2': ['prismer', 14, 4], 'tiny-finetune-seed3': ['prismer', 16, 4] };
    for (const [name, [variant, patch, grid]] of Object.entries(expected)) {
      const checkpoint = await openTorchCheckpoint(join(sharedPrismer, 'parity', name, 'checkpoint.bin'));
      const detected = detectModel(checkpoint.tensors);
      assert.deepEqual([detected.variant, detected.size, detected.width, detected.patch, detected.grid, detected.layoutName], [variant, null, 64, patch, grid, null], name);
      const report = validateLayout(checkpoint.tensors, loadLayout(`${variant}_base_224`));
      assert.equal(report.ok, false);
      assert.ok(report.problems.includes('misshapen expert_encoder.conv1.rgb.weight: expected [768, 3, 16, 16], got [64, 3, ' + patch + ', ' + patch + ']'), name);
      await checkpoint.close();
    }
  });
});

describe('parseLayout', () => {
  test('refuses what is not a layout', () => {
    assert.throws(() => parseLayout({ keys: [] }), /needs "model" and "keys"/);
    assert.throws(() => parseLayout({ model: 'x', keys: [['a', [1], 'float32'], ['b', 'oops', 'float32']] }), /key 1 is not \[name, shape, dtype\]/);
  });
});
