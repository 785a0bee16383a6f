// Scanline polygon fill. Coordinates are continuous: pixel (x, y) is the square [x, x+1) × [y, y+1), so
// a polygon's corner (10, 20) is the top-left corner of pixel (10, 20). A pixel belongs to the polygon
// when its centre (x + 0.5, y + 0.5) is inside it (even-odd rule; a centre on a left or top edge is in,
// on a right or bottom edge out), so an axis-aligned rectangle with integer corners covers exactly its
// area in pixels and two polygons sharing an edge never both claim a pixel.

export type Point = readonly [number, number];

/** Calls `visit(y, x0, x1)` for every run of covered pixels x0 ≤ x < x1 on row y, inside width × height. */
export function polygonSpans(
  polygon: readonly Point[],
  width: number,
  height: number,
  visit: (y: number, x0: number, x1: number) => void,
): void {
  const n = polygon.length;
  if (n < 3) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of polygon) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const firstRow = Math.max(0, Math.ceil(minY - 0.5));
  const lastRow = Math.min(height - 1, Math.ceil(maxY - 0.5) - 1);
  const crossings: number[] = [];
  for (let y = firstRow; y <= lastRow; y++) {
    const yc = y + 0.5;
    crossings.length = 0;
    for (let i = 0; i < n; i++) {
      const [ax, ay] = polygon[i]!;
      const [bx, by] = polygon[(i + 1) % n]!;
      // Half-open in y: a vertex shared by two edges is counted once, horizontal edges never.
      if ((ay <= yc && yc < by) || (by <= yc && yc < ay)) crossings.push(ax + ((yc - ay) * (bx - ax)) / (by - ay));
    }
    crossings.sort((a, b) => a - b);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const x0 = Math.max(0, Math.ceil(crossings[i]! - 0.5));
      const x1 = Math.min(width, Math.ceil(crossings[i + 1]! - 0.5));
      if (x1 > x0) visit(y, x0, x1);
    }
  }
}

/** Sets every pixel of a one-channel 8-bit map covered by `polygon` to `value`. */
export function fillPolygon(
  map: { readonly width: number; readonly height: number; readonly data: Uint8Array },
  polygon: readonly Point[],
  value: number,
): void {
  polygonSpans(polygon, map.width, map.height, (y, x0, x1) => map.data.fill(value, y * map.width + x0, y * map.width + x1));
}
