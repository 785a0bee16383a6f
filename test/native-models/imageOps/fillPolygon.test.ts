// Specification of the scanline polygon fill: a pixel is covered when its centre is inside the polygon,
// so integer rectangles cover exactly their area and neighbours sharing an edge never overlap.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fillPolygon, polygonSpans, type Point } from '../../../native-models/imageOps/fillPolygon.ts';

function blankMap(width: number, height: number) {
  return { width, height, data: new Uint8Array(width * height).fill(255) };
}

/** The map as rows of characters: '.' for 255, the value's digit otherwise. */
function picture(map: { width: number; height: number; data: Uint8Array }): string[] {
  const rows: string[] = [];
  for (let y = 0; y < map.height; y++) {
    let row = '';
    for (let x = 0; x < map.width; x++) {
      const v = map.data[y * map.width + x]!;
      row += v === 255 ? '.' : String(v);
    }
    rows.push(row);
  }
  return rows;
}

const rect = (x0: number, y0: number, x1: number, y1: number): Point[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

describe('fillPolygon', () => {
  test('an axis-aligned rectangle with integer corners covers exactly its pixels', () => {
    const map = blankMap(8, 6);
    fillPolygon(map, rect(2, 1, 6, 4), 0);
    assert.deepEqual(picture(map), ['........', '..0000..', '..0000..', '..0000..', '........', '........']);
  });

  test('two rectangles sharing an edge split it: no pixel is claimed twice or left out', () => {
    const map = blankMap(8, 2);
    fillPolygon(map, rect(0, 0, 3, 2), 1);
    let overlap = 0;
    polygonSpans(rect(3, 0, 8, 2), 8, 2, (y, x0, x1) => {
      for (let x = x0; x < x1; x++) if (map.data[y * 8 + x] !== 255) overlap++;
    });
    fillPolygon(map, rect(3, 0, 8, 2), 2);
    assert.equal(overlap, 0);
    assert.deepEqual(picture(map), ['11122222', '11122222']);
  });

  test('a right triangle covers the pixels whose centres lie strictly below its diagonal (6 of its area 8)', () => {
    const map = blankMap(4, 4);
    fillPolygon(map, [[0, 0], [4, 0], [0, 4]], 7);
    assert.deepEqual(picture(map), ['777.', '77..', '7...', '....']);
  });

  test('a diamond (a square turned 45°) of area 8 covers 8 pixels', () => {
    const map = blankMap(8, 8);
    fillPolygon(map, [[4, 2], [6, 4], [4, 6], [2, 4]], 3);
    assert.deepEqual(picture(map).slice(1, 7), ['........', '...3....', '..333...', '..333...', '...3....', '........']);
  });

  test('the vertex order (clockwise or not) does not matter', () => {
    const a = blankMap(6, 4);
    const b = blankMap(6, 4);
    fillPolygon(a, rect(1, 1, 5, 3), 4);
    fillPolygon(b, [...rect(1, 1, 5, 3)].reverse(), 4);
    assert.deepEqual(a.data, b.data);
  });

  test('parts outside the map are clipped; fewer than three points fill nothing', () => {
    const map = blankMap(4, 4);
    fillPolygon(map, rect(-2, -2, 2, 3), 5);
    assert.deepEqual(picture(map), ['55..', '55..', '55..', '....']);
    const empty = blankMap(3, 3);
    fillPolygon(empty, [[0, 0], [3, 3]], 1);
    assert.ok(empty.data.every((v) => v === 255));
  });
});
