// Specification: an OCR word feature is y = (x − mean) · componentsᵀ (768 → 64, no whitening), checked
// against clip_pca.json with cases computable by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { applyPca, parseClipPca, type ClipPca } from '../../../../native-models/prismer/inputs/clipPca.ts';
import { labelFeaturesDir, skipWithoutShared } from './fixtures.ts';

describe('applyPca on clip_pca.json', { skip: skipWithoutShared }, () => {
  const json = () => JSON.parse(readFileSync(join(labelFeaturesDir, 'clip_pca.json'), 'utf8')) as { mean: number[]; components: number[][] };
  let pca: ClipPca;
  test('parses 768 means and 64×768 components', () => {
    pca = parseClipPca(json());
    assert.equal(pca.mean.length, 768);
    assert.equal(pca.components.length, 64 * 768);
  });

  test('x = mean → 0; x = mean + 3·e₅ − e₇₀₀ → 3·c[i][5] − c[i][700]', () => {
    const { mean, components } = json();
    assert.deepEqual([...applyPca(pca, Float32Array.from(mean))], new Array(64).fill(0));
    const x = Float32Array.from(mean);
    x[5] = x[5]! + 3;
    x[700] = x[700]! - 1;
    const y = applyPca(pca, x);
    for (let i = 0; i < 64; i++) {
      const expected = 3 * components[i]![5]! - components[i]![700]!;
      assert.ok(Math.abs(y[i]! - expected) < 1e-5, `component ${i}: ${y[i]} vs ${expected}`);
    }
  });

  test('no whitening: doubling the offset from the mean doubles the output', () => {
    const { mean } = json();
    const a = Float32Array.from(mean, (m, j) => m + Math.sin(j) * 0.25);
    const b = Float32Array.from(mean, (m, j) => m + Math.sin(j) * 0.5);
    const ya = applyPca(pca, a);
    const yb = applyPca(pca, b);
    for (let i = 0; i < 64; i++) assert.ok(Math.abs(yb[i]! - 2 * ya[i]!) < 1e-4, `component ${i}`);
  });
});

describe('parseClipPca / applyPca guards', () => {
  test('wrong sizes are refused', () => {
    assert.throws(() => parseClipPca({ mean: [1], components: [] }), /768/);
    const pca: ClipPca = { mean: new Float32Array(768), components: new Float32Array(64 * 768) };
    assert.throws(() => applyPca(pca, new Float32Array(512)), /768 values/);
  });
});
