// Colormaps as 256-entry lookup tables (RGB, 768 bytes): turbo (Google's), viridis (matplotlib's), both
// interpolated between samples of the published tables, and grey. A scalar map is drawn by indexing a
// table with its 8-bit value after the value range is applied, so drawing costs one lookup per pixel.

export type ScalarColormap = 'turbo' | 'viridis' | 'grey';

export const scalarColormaps: readonly ScalarColormap[] = ['turbo', 'viridis', 'grey'];

/** A 256 × RGB table: entry i at bytes 3i, 3i+1, 3i+2. */
export type Lut = Uint8Array;

function toByte(unit: number): number {
  return Math.round(Math.min(1, Math.max(0, unit)) * 255);
}

function build(colour: (t: number) => readonly [number, number, number]): Lut {
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = colour(i / 255);
    lut[i * 3] = toByte(r);
    lut[i * 3 + 1] = toByte(g);
    lut[i * 3 + 2] = toByte(b);
  }
  return lut;
}

type Stops = readonly (readonly [number, number, number])[];

function parseStops(hex: string): Stops {
  return hex.split(' ').map((h) => [parseInt(h.slice(0, 2), 16) / 255, parseInt(h.slice(2, 4), 16) / 255, parseInt(h.slice(4, 6), 16) / 255] as const);
}

/** Linear interpolation between evenly spaced colour stops. */
function fromStops(stops: Stops, t: number): readonly [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isNaN(t) ? 0 : t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f];
}

// Every eighth entry of Google's 256-entry turbo table (Apache-2.0); interpolating them stays within
// 3/255 of the full table.
const turboStops = parseStops(
  '30123b 392a73 4040a2 4456c7 466be3 4680f6 4294ff 37a8fa 28bceb 1ccdd8 18ddc2 1fe9af 32f298 4ef97d 6dfe62 8bff4b a4fc3c ' +
    'b7f735 cbed34 dde037 ecd13a f7c13a fdae35 fe992c fb8122 f56918 ec530f e14109 d23105 c12302 ac1701 950d01 7a0403',
);

// matplotlib's viridis at ten evenly spaced points.
const viridisStops = parseStops('440154 482878 3e4989 31688e 26828e 1f9e89 35b779 6ece58 b5de2b fde725');

/** Turbo: dark blue → cyan → green → yellow → red → dark red; an improved rainbow for depth. */
export function turbo(t: number): readonly [number, number, number] {
  return fromStops(turboStops, t);
}

/** Viridis: dark purple → teal → yellow; perceptually uniform and readable in greyscale. */
export function viridis(t: number): readonly [number, number, number] {
  return fromStops(viridisStops, t);
}

const cache = new Map<ScalarColormap, Lut>();

export function lutFor(name: ScalarColormap): Lut {
  let lut = cache.get(name);
  if (!lut) {
    lut = build(name === 'turbo' ? turbo : name === 'viridis' ? viridis : (t) => [t, t, t]);
    cache.set(name, lut);
  }
  return lut;
}

/** A CSS linear-gradient of a colormap (left = 0), for legends' colour bars. */
export function cssGradient(name: ScalarColormap, stops = 12): string {
  const lut = lutFor(name);
  const parts: string[] = [];
  for (let s = 0; s <= stops; s++) {
    const i = Math.round((s / stops) * 255);
    parts.push(`rgb(${lut[i * 3]} ${lut[i * 3 + 1]} ${lut[i * 3 + 2]}) ${((s / stops) * 100).toFixed(1)}%`);
  }
  return `linear-gradient(to right, ${parts.join(', ')})`;
}
