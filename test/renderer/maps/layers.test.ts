import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultLayerSettings, expertOrder, layerForKey, layerInfo, paintFor } from '../../../renderer/src/lib/maps/layers.ts';

test('keys 1–6 are depth, normals, edges, segmentation, detection, OCR', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6].map(layerForKey), ['depth', 'normal', 'edge', 'seg', 'det', 'ocr']);
  assert.equal(layerForKey(7), null);
  assert.equal(layerForKey(0), null);
  for (const [i, expert] of expertOrder.entries()) assert.equal(layerInfo[expert].key, i + 1);
});

test('every layer starts with a colormap it offers; side by side shows every layer', () => {
  const settings = defaultLayerSettings();
  for (const expert of expertOrder) {
    assert.ok(layerInfo[expert].colormaps.includes(settings[expert].colormap), expert);
    assert.equal(settings[expert].visible.side, true, expert);
  }
  assert.notEqual(defaultLayerSettings(), defaultLayerSettings(), 'a fresh copy each time');
});

test('raster layers paint as their settings say; vector layers do not paint', () => {
  assert.deepEqual(paintFor('depth', { colormap: 'viridis', low: 10, high: 200 }), { kind: 'scalar', colormap: 'viridis', range: { low: 10, high: 200 } });
  assert.equal(paintFor('edge', { colormap: 'lines', low: 0, high: 200 })?.kind, 'lines');
  assert.deepEqual(paintFor('edge', { colormap: 'grey', low: 0, high: 255 }), { kind: 'scalar', colormap: 'grey', range: { low: 0, high: 255 } });
  assert.deepEqual(paintFor('normal', { colormap: 'relit', low: 0, high: 255 }), { kind: 'normals', mode: 'relit' });
  assert.deepEqual(paintFor('seg', { colormap: 'classes', low: 0, high: 255 }), { kind: 'classes' });
  assert.equal(paintFor('det', { colormap: 'vectors', low: 0, high: 255 }), null);
});
