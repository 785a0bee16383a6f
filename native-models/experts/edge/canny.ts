// Canny edge detection (the classical fallback when DexiNed is not installed): Gaussian blur, Sobel
// gradients, non-maximum suppression along the gradient direction, double threshold and hysteresis.
// Thresholds follow the image (the 80th percentile of edge-candidate gradients, and half of it) so photos
// of any contrast give a usable map; flat noise below a floor never counts.

/** Sobel magnitude (on 0–255 luma) under which nothing is an edge. */
const minimumGradient = 40;

/** Luma (BT.601) of RGB bytes. */
export function toGrey(rgb: Uint8Array, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
  return out;
}

function blur(src: Float32Array, width: number, height: number): Float32Array {
  const kernel = [1, 4, 6, 4, 1].map((v) => v / 16);
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const clampX = (x: number) => Math.min(width - 1, Math.max(0, x));
  const clampY = (y: number) => Math.min(height - 1, Math.max(0, y));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = -2; k <= 2; k++) s += kernel[k + 2]! * src[y * width + clampX(x + k)]!;
      tmp[y * width + x] = s;
    }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let k = -2; k <= 2; k++) s += kernel[k + 2]! * tmp[clampY(y + k) * width + x]!;
      out[y * width + x] = s;
    }
  return out;
}

/** Edge mask: 1 on edges, 0 elsewhere. */
export function canny(grey: Float32Array, width: number, height: number, thresholds?: { low: number; high: number }): Uint8Array {
  const g = blur(grey, width, height);
  const magnitude = new Float32Array(g.length);
  const direction = new Uint8Array(g.length); // 0: horizontal, 1: 45°, 2: vertical, 3: 135°
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const gx = -g[i - width - 1]! - 2 * g[i - 1]! - g[i + width - 1]! + g[i - width + 1]! + 2 * g[i + 1]! + g[i + width + 1]!;
      const gy = -g[i - width - 1]! - 2 * g[i - width]! - g[i - width + 1]! + g[i + width - 1]! + 2 * g[i + width]! + g[i + width + 1]!;
      magnitude[i] = Math.hypot(gx, gy);
      const angle = ((Math.atan2(gy, gx) * 180) / Math.PI + 180) % 180;
      direction[i] = angle < 22.5 || angle >= 157.5 ? 0 : angle < 67.5 ? 1 : angle < 112.5 ? 2 : 3;
    }
  }
  const thin = new Float32Array(g.length);
  const offsets = [
    [1, 0],
    [1, 1],
    [0, 1],
    [-1, 1],
  ] as const;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const [dx, dy] = offsets[direction[i]!]!;
      const m = magnitude[i]!;
      if (m >= magnitude[i + dy * width + dx]! && m > magnitude[i - dy * width - dx]!) thin[i] = m;
    }
  }
  let low: number;
  let high: number;
  if (thresholds) ({ low, high } = thresholds);
  else {
    // The strongest fifth of the edge candidates seed edges; hysteresis extends them down to half that.
    const candidates = thin.filter((v) => v > 0).sort();
    const p80 = candidates.length ? candidates[Math.floor(candidates.length * 0.8)]! : 0;
    high = Math.max(minimumGradient, p80);
    low = high / 2;
  }
  const edges = new Uint8Array(g.length);
  const stack: number[] = [];
  for (let i = 0; i < thin.length; i++) {
    if (thin[i]! >= high && high > 0) {
      edges[i] = 1;
      stack.push(i);
    }
  }
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % width;
    const y = (i - x) / width;
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const nx = x + dx;
        const ny = y + dy;
        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
        const j = ny * width + nx;
        if (!edges[j] && thin[j]! >= low && thin[j]! > 0) {
          edges[j] = 1;
          stack.push(j);
        }
      }
  }
  return edges;
}
