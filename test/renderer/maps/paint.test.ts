import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lutFor } from '../../../renderer/src/lib/maps/colormaps.ts';
import { paintMap, relitShade } from '../../../renderer/src/lib/maps/paint.ts';
import { classColour } from '../../../renderer/src/lib/maps/palette.ts';

const grey = (values: number[]) => ({ width: values.length, height: 1, channels: 1 as const, data: new Uint8Array(values), sourceWidth: values.length, sourceHeight: 1 });
const pixel = (out: Uint8ClampedArray, i: number) => [...out.subarray(i * 4, i * 4 + 4)];

test('a scalar map goes through the range, then the colormap, fully opaque', () => {
  const out = paintMap(grey([0, 100, 125, 150, 255]), { kind: 'scalar', colormap: 'turbo', range: { low: 100, high: 150 } });
  const lut = lutFor('turbo');
  assert.deepEqual(pixel(out, 0), [lut[0], lut[1], lut[2], 255]);
  assert.deepEqual(pixel(out, 1), pixel(out, 0), 'at the low limit: first colour');
  assert.deepEqual(pixel(out, 2), [lut[128 * 3], lut[128 * 3 + 1], lut[128 * 3 + 2], 255]);
  assert.deepEqual(pixel(out, 4), [lut[765], lut[766], lut[767], 255]);
});

test('edges as lines: dark (strong) edges opaque, light background transparent', () => {
  const out = paintMap(grey([0, 255, 100]), { kind: 'lines', range: { low: 0, high: 200 }, colour: [255, 226, 77] });
  assert.deepEqual(pixel(out, 0), [255, 226, 77, 255]);
  assert.equal(pixel(out, 1)[3], 0);
  assert.equal(pixel(out, 2)[3], 255 - Math.round((100 / 200) * 255));
});

test('normals as saved RGB, or relit: a normal facing the light is bright, one facing away dark', () => {
  const map = { width: 2, height: 1, channels: 3 as const, data: new Uint8Array([128, 128, 255, 255, 255, 128]), sourceWidth: 2, sourceHeight: 1 };
  assert.deepEqual(pixel(paintMap(map, { kind: 'normals', mode: 'rgb' }), 0), [128, 128, 255, 255]);
  const relit = paintMap(map, { kind: 'normals', mode: 'relit' });
  const [facing] = pixel(relit, 0);
  const [away] = pixel(relit, 1);
  assert.ok(facing! > 150 && away! < facing!, `${facing} vs ${away}`);
  assert.equal(relitShade(0, 0, 0) >= 0, true);
});

test('class maps take the palette; 255 (background) is transparent', () => {
  const out = paintMap(grey([3, 255]), { kind: 'classes' });
  assert.deepEqual(pixel(out, 0), [...classColour(3), 255]);
  assert.equal(pixel(out, 1)[3], 0);
});
