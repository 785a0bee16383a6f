// Connected components of a binary mask, 8-connected (a diagonal neighbour joins, as OpenCV's contour
// following does), labelled 1…count in raster order of their first pixel; 0 is background.

export interface Components {
  readonly count: number;
  /** width × height labels, 0 where the mask is off. */
  readonly labels: Int32Array;
}

/** `mask[i]` non-zero is foreground. */
export function connectedComponents(mask: Uint8Array, width: number, height: number): Components {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  let count = 0;
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    count++;
    labels[start] = count;
    let top = 0;
    stack[top++] = start;
    while (top > 0) {
      const i = stack[--top]!;
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const j = ny * width + nx;
          if (mask[j] && !labels[j]) {
            labels[j] = count;
            stack[top++] = j;
          }
        }
      }
    }
  }
  return { count, labels };
}
