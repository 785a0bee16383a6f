// A label map as the viewer keeps it: decoded once, downscaled so its long side is at most 2048 px (a
// 24-megapixel photo's map would otherwise cost ~100 MB of pixels per layer), one byte per pixel for
// greyscale maps and three for normals. Sampling takes a position as a fraction of the image, so the
// same point reads the same place whatever size the map was kept at.

export interface MapData {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
  /** The saved map's own size (the photo's pixels), before downscaling. */
  readonly sourceWidth: number;
  readonly sourceHeight: number;
}

export const maxMapSide = 2048;

/** The size to keep a map at: the original when small enough, else scaled so the long side fits. */
export function downscaledSize(width: number, height: number, maxSide = maxMapSide): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxSide || long === 0) return { width, height };
  const scale = maxSide / long;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Keeps the channels a map means from canvas RGBA pixels. */
export function fromRgba(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, channels: 1 | 3, source: { width: number; height: number }): MapData {
  const data = new Uint8Array(width * height * channels);
  if (channels === 1) {
    for (let i = 0, j = 0; j < data.length; i += 4, j++) data[j] = rgba[i]!;
  } else {
    for (let i = 0, j = 0; j < data.length; i += 4, j += 3) {
      data[j] = rgba[i]!;
      data[j + 1] = rgba[i + 1]!;
      data[j + 2] = rgba[i + 2]!;
    }
  }
  return { width, height, channels, data, sourceWidth: source.width, sourceHeight: source.height };
}

/** The map's pixel at (fx, fy), fractions of the image's width and height; null outside it. */
export function sampleAt(map: MapData, fx: number, fy: number): number[] | null {
  if (!(fx >= 0 && fx < 1 && fy >= 0 && fy < 1)) return null;
  const x = Math.min(map.width - 1, Math.floor(fx * map.width));
  const y = Math.min(map.height - 1, Math.floor(fy * map.height));
  const i = (y * map.width + x) * map.channels;
  return Array.from(map.data.subarray(i, i + map.channels));
}
