import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cssGradient, lutFor, scalarColormaps, turbo, viridis } from '../../../renderer/src/lib/maps/colormaps.ts';

const at = (lut: Uint8Array, i: number) => [lut[i * 3], lut[i * 3 + 1], lut[i * 3 + 2]];

test('every colormap is a 256-entry RGB table', () => {
  for (const name of scalarColormaps) assert.equal(lutFor(name).length, 768, name);
});

test('grey runs from black to white through equal channels', () => {
  const grey = lutFor('grey');
  assert.deepEqual(at(grey, 0), [0, 0, 0]);
  assert.deepEqual(at(grey, 255), [255, 255, 255]);
  assert.deepEqual(at(grey, 128), [128, 128, 128]);
});

test('turbo starts dark blue-violet, passes green, ends dark red (Google’s table’s ends)', () => {
  const lut = lutFor('turbo');
  assert.deepEqual(at(lut, 0), [48, 18, 59]);
  assert.deepEqual(at(lut, 255), [122, 4, 3]);
  const [rm, gm, bm] = at(lut, 128) as [number, number, number];
  assert.ok(gm > rm && gm > bm, `middle ${rm},${gm},${bm} is greenest`);
  assert.deepEqual(turbo(-1), turbo(0), 'clamped below');
  assert.deepEqual(turbo(2), turbo(1), 'clamped above');
});

test('viridis hits matplotlib’s end colours and brightens monotonically', () => {
  const lut = lutFor('viridis');
  assert.deepEqual(at(lut, 0), [0x44, 0x01, 0x54]);
  assert.deepEqual(at(lut, 255), [0xfd, 0xe7, 0x25]);
  let last = -1;
  for (let i = 0; i < 256; i += 15) {
    const [r, g, b] = viridis(i / 255);
    const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    assert.ok(luma > last, `luma rises at ${i}`);
    last = luma;
  }
});

test('tables are built once and shared', () => {
  assert.equal(lutFor('turbo'), lutFor('turbo'));
});

test('a legend gradient spans the table', () => {
  const css = cssGradient('grey', 2);
  assert.equal(css, 'linear-gradient(to right, rgb(0 0 0) 0.0%, rgb(128 128 128) 50.0%, rgb(255 255 255) 100.0%)');
});
