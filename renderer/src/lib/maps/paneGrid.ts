// Side by side is eight panes: four across and two down, or two across and four down, whichever shows
// the photo bigger in the space there is (a wide window takes 4 × 2, a tall or narrow one 2 × 4).

export interface PaneGrid {
  readonly columns: number;
  readonly rows: number;
}

export function paneGrid(width: number, height: number, photoWidth: number, photoHeight: number, gap = 2): PaneGrid {
  const options: PaneGrid[] = [
    { columns: 4, rows: 2 },
    { columns: 2, rows: 4 },
  ];
  if (width <= 0 || height <= 0 || photoWidth <= 0 || photoHeight <= 0) return options[0]!;
  const scaleOf = ({ columns, rows }: PaneGrid) => {
    const paneWidth = (width - gap * (columns - 1)) / columns;
    const paneHeight = (height - gap * (rows - 1)) / rows;
    return Math.min(paneWidth / photoWidth, paneHeight / photoHeight);
  };
  return scaleOf(options[1]!) > scaleOf(options[0]!) ? options[1]! : options[0]!;
}
