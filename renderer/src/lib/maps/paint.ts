// Turns a kept map into display pixels (RGBA) for the layer's settings: scalar maps through the value
// range and a colormap, normals as RGB or relit, class maps through the class palette. Runs when a
// layer's colormap or range changes, never on pan or zoom (those are CSS transforms of the result).
import { lutFor, type ScalarColormap } from './colormaps.ts';
import type { MapData } from './mapData.ts';
import { paletteTable } from './palette.ts';
import { rangeTable, type ValueRange } from './valueRange.ts';

export type Paint =
  | { readonly kind: 'scalar'; readonly colormap: ScalarColormap; readonly range: ValueRange }
  /** Edges as coloured lines over transparency: the darker (stronger) the edge, the more opaque. */
  | { readonly kind: 'lines'; readonly range: ValueRange; readonly colour: readonly [number, number, number] }
  | { readonly kind: 'normals'; readonly mode: 'rgb' | 'relit' }
  /** Class or instance ids through the palette; 255 (background) stays transparent. */
  | { readonly kind: 'classes' };

/** The light for relit normals: from the upper left, towards the scene. */
const light = (() => {
  const l = [-0.45, -0.55, 0.7];
  const n = Math.hypot(l[0]!, l[1]!, l[2]!);
  return l.map((v) => v / n) as [number, number, number];
})();

/** Grey shade (0–255) of a normal encoded as (n + 1) / 2 in bytes, lit by `light`, with some ambient. */
export function relitShade(r: number, g: number, b: number): number {
  const nx = (r / 255) * 2 - 1;
  const ny = (g / 255) * 2 - 1;
  const nz = (b / 255) * 2 - 1;
  const lambert = Math.max(0, nx * light[0] + ny * light[1] + nz * light[2]);
  return Math.round(255 * (0.15 + 0.85 * lambert));
}

export function paintMap(map: MapData, paint: Paint, out: Uint8ClampedArray = new Uint8ClampedArray(map.width * map.height * 4)): Uint8ClampedArray {
  const n = map.width * map.height;
  const src = map.data;
  switch (paint.kind) {
    case 'scalar': {
      const lut = lutFor(paint.colormap);
      const table = rangeTable(paint.range);
      for (let p = 0, o = 0; p < n; p++, o += 4) {
        const c = table[src[p * map.channels]!]! * 3;
        out[o] = lut[c]!;
        out[o + 1] = lut[c + 1]!;
        out[o + 2] = lut[c + 2]!;
        out[o + 3] = 255;
      }
      break;
    }
    case 'lines': {
      const table = rangeTable(paint.range);
      const [r, g, b] = paint.colour;
      for (let p = 0, o = 0; p < n; p++, o += 4) {
        out[o] = r;
        out[o + 1] = g;
        out[o + 2] = b;
        out[o + 3] = 255 - table[src[p * map.channels]!]!;
      }
      break;
    }
    case 'normals': {
      const relit = paint.mode === 'relit';
      for (let p = 0, o = 0; p < n; p++, o += 4) {
        const i = p * map.channels;
        const r = src[i]!;
        const g = map.channels === 3 ? src[i + 1]! : r;
        const b = map.channels === 3 ? src[i + 2]! : r;
        if (relit) {
          const shade = relitShade(r, g, b);
          out[o] = shade;
          out[o + 1] = shade;
          out[o + 2] = shade;
        } else {
          out[o] = r;
          out[o + 1] = g;
          out[o + 2] = b;
        }
        out[o + 3] = 255;
      }
      break;
    }
    case 'classes': {
      const table = paletteTable();
      for (let p = 0, o = 0; p < n; p++, o += 4) {
        const c = src[p * map.channels]! * 4;
        out[o] = table[c]!;
        out[o + 1] = table[c + 1]!;
        out[o + 2] = table[c + 2]!;
        out[o + 3] = table[c + 3]!;
      }
      break;
    }
  }
  return out;
}
