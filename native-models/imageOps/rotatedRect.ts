// Oriented rectangles around point sets: the convex hull (monotone chain), the minimum-area enclosing
// rectangle (rotating calipers: the best rectangle has a side on a hull edge, so each edge is tried), its
// corners in reading order, and growing it by a distance on every side.
import type { Point } from './fillPolygon.ts';

export interface RotatedRect {
  /** Top-left, top-right, bottom-right, bottom-left: clockwise on screen (y down), the top edge the one
   * that points most to the right, so upright text reads from corner 0 to corner 1. */
  readonly corners: readonly [Point, Point, Point, Point];
  /** Length of the top edge (corner 0 → 1). */
  readonly width: number;
  /** Length of the left edge (corner 0 → 3). */
  readonly height: number;
}

const cross = (o: Point, a: Point, b: Point): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Convex hull without collinear points; fewer than three points when the input is degenerate. */
export function convexHull(points: readonly Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 3) return sorted;
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const p = sorted[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  const hull = lower.concat(upper);
  // All points equal: the chain leaves one copy.
  return hull.length === 0 ? [sorted[0]!] : hull;
}

/** Puts four rectangle corners in the order `RotatedRect` promises. */
export function orderCorners(corners: readonly Point[]): RotatedRect {
  let ring = [...corners];
  let signedArea = 0;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[(i + 1) % 4]!;
    signedArea += ax * by - bx * ay;
  }
  if (signedArea < 0) ring = ring.reverse();
  let start = 0;
  let best = -Infinity;
  let bestDy = Infinity;
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[(i + 1) % 4]!;
    const length = Math.hypot(bx - ax, by - ay) || 1;
    const rightward = (bx - ax) / length;
    const dy = (by - ay) / length;
    // At exactly 45° two edges tie: take the one rising to the right.
    if (rightward > best + 1e-9 || (Math.abs(rightward - best) <= 1e-9 && dy < bestDy)) {
      best = rightward;
      bestDy = dy;
      start = i;
    }
  }
  const c = [0, 1, 2, 3].map((k) => ring[(start + k) % 4]!) as [Point, Point, Point, Point];
  return {
    corners: c,
    width: Math.hypot(c[1][0] - c[0][0], c[1][1] - c[0][1]),
    height: Math.hypot(c[3][0] - c[0][0], c[3][1] - c[0][1]),
  };
}

/** The smallest-area rectangle containing every point (zero width or height for collinear points). */
export function minAreaRect(points: readonly Point[]): RotatedRect {
  if (points.length === 0) throw new RangeError('minAreaRect: no points');
  const hull = convexHull(points);
  let bestArea = Infinity;
  let bestCorners: Point[] | null = null;
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[(i + 1) % hull.length]!;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (length === 0) continue;
    const ex = (b[0] - a[0]) / length;
    const ey = (b[1] - a[1]) / length;
    let minE = Infinity;
    let maxE = -Infinity;
    let minN = Infinity;
    let maxN = -Infinity;
    for (const p of hull) {
      const dx = p[0] - a[0];
      const dy = p[1] - a[1];
      const e = dx * ex + dy * ey;
      const n = -dx * ey + dy * ex;
      if (e < minE) minE = e;
      if (e > maxE) maxE = e;
      if (n < minN) minN = n;
      if (n > maxN) maxN = n;
    }
    const area = (maxE - minE) * (maxN - minN);
    if (area < bestArea - 1e-9) {
      bestArea = area;
      const at = (e: number, n: number): Point => [a[0] + e * ex - n * ey, a[1] + e * ey + n * ex];
      bestCorners = [at(minE, minN), at(maxE, minN), at(maxE, maxN), at(minE, maxN)];
    }
  }
  if (!bestCorners) {
    const p = hull[0]!;
    bestCorners = [p, p, p, p];
  }
  return orderCorners(bestCorners);
}

/** The rectangle with every side pushed out by `distance` (in by a negative one), same centre and angle. */
export function growRect(rect: RotatedRect, distance: number): RotatedRect {
  const [tl, tr, , bl] = rect.corners;
  const ex = rect.width > 0 ? (tr[0] - tl[0]) / rect.width : 1;
  const ey = rect.width > 0 ? (tr[1] - tl[1]) / rect.width : 0;
  // The down direction is the top edge turned 90° clockwise on screen.
  const nx = rect.height > 0 ? (bl[0] - tl[0]) / rect.height : -ey;
  const ny = rect.height > 0 ? (bl[1] - tl[1]) / rect.height : ex;
  const move = (p: Point, se: number, sn: number): Point => [p[0] + distance * (se * ex + sn * nx), p[1] + distance * (se * ey + sn * ny)];
  const [c0, c1, c2, c3] = rect.corners;
  return {
    corners: [move(c0, -1, -1), move(c1, 1, -1), move(c2, 1, 1), move(c3, -1, 1)],
    width: rect.width + 2 * distance,
    height: rect.height + 2 * distance,
  };
}
