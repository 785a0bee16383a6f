// PyTorch's bicubic resize (F.interpolate mode='bicubic', align_corners=False, no antialias) to an explicit
// output size, on channel-first [C, H, W] float data: source = (dst + ½)·in/out − ½, index = floor (capped
// at in − 1), t clamped to [0, 1], Keys cubic with A = −0.75, taps clamped at the borders.
export interface Grid {
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** [channels, height, width], row-major. */
  readonly data: Float32Array;
}

const A = -0.75;

/** The four tap weights for fractional position t (PyTorch's get_cubic_upsample_coefficients). */
export function cubicWeights(t: number): [number, number, number, number] {
  const near = (x: number): number => ((A + 2) * x - (A + 3)) * x * x + 1;
  const far = (x: number): number => ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
  return [far(t + 1), near(t), near(1 - t), far(2 - t)];
}

interface Taps {
  readonly indices: Int32Array; // 4 per output position, clamped to [0, size − 1]
  readonly weights: Float64Array; // 4 per output position
}

function taps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const indices = new Int32Array(outSize * 4);
  const weights = new Float64Array(outSize * 4);
  for (let o = 0; o < outSize; o++) {
    const real = scale * (o + 0.5) - 0.5;
    const index = Math.min(Math.floor(real), inSize - 1);
    const t = Math.min(Math.max(real - index, 0), 1);
    const w = cubicWeights(t);
    for (let k = 0; k < 4; k++) {
      indices[o * 4 + k] = Math.min(Math.max(index - 1 + k, 0), inSize - 1);
      weights[o * 4 + k] = w[k]!;
    }
  }
  return { indices, weights };
}

export function resizeBicubic(grid: Grid, outHeight: number, outWidth: number): Grid {
  const { channels, height, width, data } = grid;
  if (data.length !== channels * height * width) throw new Error(`resizeBicubic: ${data.length} values do not fill [${channels}, ${height}, ${width}]`);
  const rows = taps(height, outHeight);
  const cols = taps(width, outWidth);
  const out = new Float32Array(channels * outHeight * outWidth);
  for (let c = 0; c < channels; c++) {
    const plane = c * height * width;
    for (let y = 0; y < outHeight; y++) {
      for (let x = 0; x < outWidth; x++) {
        let sum = 0;
        for (let i = 0; i < 4; i++) {
          const row = plane + rows.indices[y * 4 + i]! * width;
          let line = 0;
          for (let j = 0; j < 4; j++) line += cols.weights[x * 4 + j]! * data[row + cols.indices[x * 4 + j]!]!;
          sum += rows.weights[y * 4 + i]! * line;
        }
        out[(c * outHeight + y) * outWidth + x] = sum;
      }
    }
  }
  return { channels, height: outHeight, width: outWidth, data: out };
}
