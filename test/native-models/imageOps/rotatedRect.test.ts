// Specification of the oriented-rectangle geometry: convex hull, minimum-area rectangle with corners in
// reading order, and growing a rectangle on every side.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Point } from '../../../native-models/imageOps/fillPolygon.ts';
import { convexHull, growRect, minAreaRect, orderCorners } from '../../../native-models/imageOps/rotatedRect.ts';

const close = (actual: readonly Point[], expected: readonly Point[], tolerance = 1e-9) => {
  assert.equal(actual.length, expected.length);
  actual.forEach((p, i) => {
    assert.ok(Math.abs(p[0] - expected[i]![0]) <= tolerance && Math.abs(p[1] - expected[i]![1]) <= tolerance, `corner ${i}: ${p} ≠ ${expected[i]}`);
  });
};

describe('convexHull', () => {
  test('keeps the outer corners only (no interior or collinear points)', () => {
    const points: Point[] = [[0, 0], [2, 0], [4, 0], [4, 3], [2, 1], [0, 3], [1, 1]];
    const hull = convexHull(points);
    assert.equal(hull.length, 4);
    assert.deepEqual(new Set(hull.map(String)), new Set(['0,0', '4,0', '4,3', '0,3']));
  });
});

describe('minAreaRect', () => {
  test('of an upright block of points is its bounding box, corners from the top-left clockwise', () => {
    const points: Point[] = [];
    for (let y = 3; y <= 6; y++) for (let x = 2; x <= 7; x++) points.push([x, y]);
    const rect = minAreaRect(points);
    close(rect.corners, [[2, 3], [7, 3], [7, 6], [2, 6]]);
    assert.equal(rect.width, 5);
    assert.equal(rect.height, 3);
  });

  test('of a rectangle turned 30° finds it again, its top edge rising to the right', () => {
    const angle = (-30 * Math.PI) / 180;
    const turn = ([x, y]: Point): Point => [100 + x * Math.cos(angle) - y * Math.sin(angle), 50 + x * Math.sin(angle) + y * Math.cos(angle)];
    const corners = ([[0, 0], [40, 0], [40, 10], [0, 10]] as Point[]).map(turn);
    const inside = ([[5, 5], [20, 2], [35, 8]] as Point[]).map(turn);
    const rect = minAreaRect([...inside, ...corners]);
    assert.ok(Math.abs(rect.width - 40) < 1e-9 && Math.abs(rect.height - 10) < 1e-9);
    close(rect.corners, corners);
  });

  test('of points on a line is a rectangle of zero height; of one point, that point', () => {
    const line = minAreaRect([[0, 0], [3, 0], [6, 0]]);
    assert.equal(line.width, 6);
    assert.equal(line.height, 0);
    const dot = minAreaRect([[2, 2]]);
    assert.equal(dot.width, 0);
    close(dot.corners, [[2, 2], [2, 2], [2, 2], [2, 2]]);
  });
});

describe('orderCorners', () => {
  test('starts at the top-left and goes clockwise on screen whatever order the corners come in', () => {
    const expected: Point[] = [[1, 1], [9, 2], [8, 6], [0, 5]];
    for (const order of [[0, 1, 2, 3], [2, 3, 0, 1], [3, 2, 1, 0], [1, 0, 3, 2]]) {
      close(orderCorners(order.map((i) => expected[i]!)).corners, expected);
    }
  });
});

describe('growRect', () => {
  test('moves every side out by the distance (in, for a negative one)', () => {
    const rect = orderCorners([[2, 3], [7, 3], [7, 6], [2, 6]]);
    const grown = growRect(rect, 1.5);
    close(grown.corners, [[0.5, 1.5], [8.5, 1.5], [8.5, 7.5], [0.5, 7.5]]);
    assert.equal(grown.width, 8);
    assert.equal(grown.height, 6);
    close(growRect(grown, -1.5).corners, rect.corners);
  });
});
