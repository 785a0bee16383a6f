// The positional embedding at the grids the encoder uses, computed at conversion: the stored [g², D]
// table (row-major over the g×g grid, no class slot) seen as a [D, g, g] image, bicubically resized to the
// run grid G, and that run grid resized the same way to each expert grid.
import { resizeBicubic, type Grid } from './bicubicResize.ts';

export interface TokenTable {
  /** [side², D], row-major. */
  readonly shape: readonly [number, number];
  readonly data: Float32Array;
}

function tableToGrid(table: TokenTable): Grid {
  const [tokens, width] = table.shape;
  const side = Math.round(Math.sqrt(tokens));
  if (side * side !== tokens) throw new Error(`The positional embedding has ${tokens} rows, not a square grid`);
  const data = new Float32Array(tokens * width);
  for (let t = 0; t < tokens; t++) for (let d = 0; d < width; d++) data[d * tokens + t] = table.data[t * width + d]!;
  return { channels: width, height: side, width: side, data };
}

function gridToTable(grid: Grid): TokenTable {
  const tokens = grid.height * grid.width;
  const data = new Float32Array(tokens * grid.channels);
  for (let t = 0; t < tokens; t++) for (let d = 0; d < grid.channels; d++) data[t * grid.channels + d] = grid.data[d * tokens + t]!;
  return { shape: [tokens, grid.channels], data };
}

/** The table resized to a side×side grid (unchanged when it already is one). */
export function resizePositionalTable(table: TokenTable, side: number): TokenTable {
  const grid = tableToGrid(table);
  if (grid.height === side) return table;
  return gridToTable(resizeBicubic(grid, side, side));
}
