// Specification of the perspective crop: a quadrilateral of the photo mapped onto an upright image, its
// corners given top-left, top-right, bottom-right, bottom-left, in continuous pixel coordinates.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cropQuad, homography } from '../../../native-models/imageOps/cropQuad.ts';
import type { Point } from '../../../native-models/imageOps/fillPolygon.ts';

/** width × height image whose pixel (x, y) is (x, y, 10x + y): every pixel tells where it came from. */
function coordinateImage(width: number, height: number) {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 10 * x + y], (y * width + x) * 3);
  return { width, height, data };
}

const origins = (image: { width: number; height: number; data: Uint8Array }) => {
  const rows: string[] = [];
  for (let y = 0; y < image.height; y++) {
    const row: string[] = [];
    for (let x = 0; x < image.width; x++) row.push(`${image.data[(y * image.width + x) * 3]},${image.data[(y * image.width + x) * 3 + 1]}`);
    rows.push(row.join(' '));
  }
  return rows;
};

describe('cropQuad', () => {
  test('an axis-aligned quad at the same size is exactly the sub-image', () => {
    const crop = cropQuad(coordinateImage(8, 6), [[2, 1], [5, 1], [5, 3], [2, 3]], 3, 2);
    assert.deepEqual(origins(crop), ['2,1 3,1 4,1', '2,2 3,2 4,2']);
  });

  test('corners listed from the top-right give the image turned a quarter counter-clockwise (np.rot90)', () => {
    // 3 × 2 image; quad starting at its top-right corner; output 2 wide, 3 high.
    const crop = cropQuad(coordinateImage(3, 2), [[3, 0], [3, 2], [0, 2], [0, 0]], 2, 3);
    assert.deepEqual(origins(crop), ['2,0 2,1', '1,0 1,1', '0,0 0,1']);
  });

  test('outside the photo the border pixels are repeated', () => {
    const crop = cropQuad(coordinateImage(4, 4), [[-2, 0], [2, 0], [2, 1], [-2, 1]], 4, 1);
    assert.deepEqual(origins(crop), ['0,0 0,0 0,0 1,0']);
  });

  test('the homography takes each corner to its partner, for any convex quadrilateral', () => {
    const from: Point[] = [[0, 0], [10, 0], [10, 5], [0, 5]];
    const to: Point[] = [[3, 2], [40, 8], [35, 30], [1, 22]];
    const h = homography(from, to);
    for (let i = 0; i < 4; i++) {
      const [x, y] = from[i]!;
      const w = h[6]! * x + h[7]! * y + h[8]!;
      assert.ok(Math.abs((h[0]! * x + h[1]! * y + h[2]!) / w - to[i]![0]) < 1e-9);
      assert.ok(Math.abs((h[3]! * x + h[4]! * y + h[5]!) / w - to[i]![1]) < 1e-9);
    }
    assert.throws(() => homography(from, [[0, 0], [1, 1], [2, 2], [3, 3]]), /degenerate/);
  });
});
