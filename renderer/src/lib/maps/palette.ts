// Colours for class ids (segmentation classes, detected labels): the same id always gets the same
// colour, in every photo and session, and neighbouring ids get far-apart hues (golden-angle steps),
// with lightness alternating in bands so that ids a full turn apart still differ.

export type Rgb = readonly [number, number, number];

function hslToRgb(h: number, s: number, l: number): Rgb {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [Math.round(f(0) * 255), Math.round(f(8) * 255), Math.round(f(4) * 255)];
}

const bands: readonly (readonly [number, number])[] = [
  [0.72, 0.55],
  [0.6, 0.42],
  [0.85, 0.66],
];

export function classColour(classId: number): Rgb {
  const id = Math.max(0, Math.floor(classId));
  const hue = (id * 137.508 + 20) % 360;
  const [s, l] = bands[Math.floor(id / 7) % bands.length]!;
  return hslToRgb(hue, s, l);
}

export function cssColour([r, g, b]: Rgb, alpha = 1): string {
  return alpha >= 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** A colour for a label with no id of its own (a detected class by name). */
export function labelColour(label: string): Rgb {
  let hash = 0;
  for (const char of label) hash = (Math.imul(hash, 31) + char.codePointAt(0)!) >>> 0;
  return classColour(hash % 997);
}

/** A 256 × RGBA table of class colours (255 is transparent: background in instance maps). */
let table: Uint8Array | null = null;

export function paletteTable(): Uint8Array {
  if (table) return table;
  table = new Uint8Array(256 * 4);
  for (let id = 0; id < 255; id++) {
    const [r, g, b] = classColour(id);
    table.set([r, g, b, 255], id * 4);
  }
  return table;
}
