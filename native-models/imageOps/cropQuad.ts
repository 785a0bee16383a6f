// Perspective crop: the quadrilateral `quad` (top-left, top-right, bottom-right, bottom-left, in
// continuous pixel coordinates) is mapped onto an upright width × height image, sampled bilinearly, with
// the border pixels repeated outside the image (OpenCV's warpPerspective with BORDER_REPLICATE, which is
// how PaddleOCR cuts a rotated text box out of the photo). A rectangle gives an exact rotation; any
// convex quadrilateral is rectified.
import type { RgbImage } from '../experts/expert.ts';
import type { Point } from './fillPolygon.ts';

/** The 3×3 homography (row-major, h[8] = 1) taking the four `from` points to the four `to` points. */
export function homography(from: readonly Point[], to: readonly Point[]): Float64Array {
  // Eight equations in h0…h7: u = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), v likewise with h3…h5.
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    a.push([x, y, 1, 0, 0, 0, -x * u, -y * u, u]);
    a.push([0, 0, 0, x, y, 1, -x * v, -y * v, v]);
  }
  // Gaussian elimination with partial pivoting.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) < 1e-12) throw new RangeError('homography: the points are degenerate (three of them on a line)');
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const row = a[r]!;
      const f = row[col]! / p[col]!;
      if (f !== 0) for (let c = col; c < 9; c++) row[c]! -= f * p[c]!;
    }
  }
  const h = new Float64Array(9);
  for (let i = 0; i < 8; i++) h[i] = a[i]![8]! / a[i]![i]!;
  h[8] = 1;
  return h;
}

export function cropQuad(image: RgbImage, quad: readonly Point[], width: number, height: number): RgbImage {
  if (quad.length !== 4) throw new RangeError(`cropQuad: expected 4 corners, got ${quad.length}`);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`cropQuad: output size must be positive integers, got ${width}×${height}`);
  }
  const h = homography(
    [
      [0, 0],
      [width, 0],
      [width, height],
      [0, height],
    ],
    quad,
  );
  const { width: sw, height: sh, data: src } = image;
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const yc = y + 0.5;
    for (let x = 0; x < width; x++) {
      const xc = x + 0.5;
      const w = h[6]! * xc + h[7]! * yc + 1;
      // Source position in pixel-index space (centre of pixel i at i + 0.5).
      const u = (h[0]! * xc + h[1]! * yc + h[2]!) / w - 0.5;
      const v = (h[3]! * xc + h[4]! * yc + h[5]!) / w - 0.5;
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const fx = u - x0;
      const fy = v - y0;
      const xa = Math.min(sw - 1, Math.max(0, x0));
      const xb = Math.min(sw - 1, Math.max(0, x0 + 1));
      const ya = Math.min(sh - 1, Math.max(0, y0));
      const yb = Math.min(sh - 1, Math.max(0, y0 + 1));
      const i00 = (ya * sw + xa) * 3;
      const i10 = (ya * sw + xb) * 3;
      const i01 = (yb * sw + xa) * 3;
      const i11 = (yb * sw + xb) * 3;
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const top = src[i00 + c]! + (src[i10 + c]! - src[i00 + c]!) * fx;
        const bottom = src[i01 + c]! + (src[i11 + c]! - src[i01 + c]!) * fx;
        out[o + c] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return { width, height, data: out };
}
