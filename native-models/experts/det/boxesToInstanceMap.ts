// The spec's detection label map: every kept box is a filled rectangle of its instance index (0…N−1) on
// a background of 255. Boxes with IoU > 0.95 to a higher-scoring one are duplicates and dropped.
// Where boxes overlap, a box inside another is drawn over it; otherwise the nearer box (higher mean of
// the depth map, where larger = nearer) is drawn over the farther one.
import type { Detection, LabelMap } from '../expert.ts';

export function iou(a: Detection['box'], b: Detection['box']): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const area = (r: Detection['box']) => Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
  const union = area(a) + area(b) - inter;
  return union > 0 ? inter / union : 0;
}

export function contains(outer: Detection['box'], inner: Detection['box']): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/** Keeps detections in score order, dropping near-duplicates (IoU > 0.95 to one already kept). */
export function dropDuplicates(detections: readonly Detection[]): Detection[] {
  const kept: Detection[] = [];
  for (const d of [...detections].sort((a, b) => b.score - a.score)) {
    if (!kept.some((k) => iou(k.box, d.box) > 0.95)) kept.push(d);
  }
  return kept;
}

function meanDepth(box: Detection['box'], depth: LabelMap | undefined, width: number, height: number): number {
  if (!depth) return 0;
  const sx = depth.width / width;
  const sy = depth.height / height;
  const x0 = Math.max(0, Math.floor(box[0] * sx));
  const y0 = Math.max(0, Math.floor(box[1] * sy));
  const x1 = Math.min(depth.width, Math.ceil(box[2] * sx));
  const y1 = Math.min(depth.height, Math.ceil(box[3] * sy));
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) (sum += depth.data[y * depth.width + x]!), n++;
  return n ? sum / n : 0;
}

/** Painting order: those drawn later win overlaps. */
export function paintOrder(kept: readonly Detection[], depth: LabelMap | undefined, width: number, height: number): number[] {
  const depths = kept.map((d) => meanDepth(d.box, depth, width, height));
  return kept
    .map((_, i) => i)
    .sort((a, b) => {
      const A = kept[a]!.box;
      const B = kept[b]!.box;
      if (contains(A, B) && !contains(B, A)) return -1; // B inside A: A first, B on top
      if (contains(B, A) && !contains(A, B)) return 1;
      return depths[a]! - depths[b]!; // farther first, nearer on top
    });
}

export function instanceMap(kept: readonly Detection[], width: number, height: number, depth?: LabelMap): LabelMap {
  if (kept.length > 255) throw new Error('At most 255 instances fit an 8-bit instance map.');
  const data = new Uint8Array(width * height).fill(255);
  for (const index of paintOrder(kept, depth, width, height)) {
    const [bx0, by0, bx1, by1] = kept[index]!.box;
    const x0 = Math.max(0, Math.round(bx0));
    const y0 = Math.max(0, Math.round(by0));
    const x1 = Math.min(width, Math.round(bx1));
    const y1 = Math.min(height, Math.round(by1));
    for (let y = y0; y < y1; y++) data.fill(index, y * width + x0, y * width + Math.max(x0, x1));
  }
  return { width, height, channels: 1, data };
}
