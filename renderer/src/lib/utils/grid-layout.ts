// The virtualised grid's geometry: columns from the thumbnail size, which rows are on screen, and where
// each tile sits. Pure, so the 100,000-image case is arithmetic, not DOM.
//
// Browsers cap an element's height (Chrome ~33.5M px, Firefox ~17.9M px). When the full grid would be
// taller than `maxSpacerHeight`, the spacer is capped and scroll positions are mapped proportionally.

export interface GridMetrics {
  readonly viewportWidth: number;
  readonly viewportHeight: number;
  readonly scrollTop: number;
  readonly thumbSize: number;
  readonly total: number;
  readonly gap?: number;
  readonly padding?: number;
  readonly captionHeight?: number;
  readonly overscanRows?: number;
  readonly maxSpacerHeight?: number;
}

export interface GridLayout {
  readonly columns: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  /** Cell height plus gap: the distance between two rows' tops. */
  readonly rowPitch: number;
  readonly rowCount: number;
  /** Height of the whole grid if nothing were capped. */
  readonly contentHeight: number;
  /** Height of the scrolled spacer element (≤ contentHeight). */
  readonly spacerHeight: number;
  /** Content offset shown at the top of the viewport. */
  readonly contentTop: number;
  readonly firstIndex: number;
  /** One past the last index to render. */
  readonly endIndex: number;
  /** Whole rows that fit in the viewport (for PageUp/PageDown). */
  readonly rowsPerPage: number;
  readonly gap: number;
  readonly padding: number;
}

export function computeGridLayout(m: GridMetrics): GridLayout {
  const gap = m.gap ?? 8;
  const padding = m.padding ?? 12;
  const captionHeight = m.captionHeight ?? 24;
  const overscanRows = m.overscanRows ?? 3;
  const maxSpacer = m.maxSpacerHeight ?? 10_000_000;
  const inner = Math.max(1, m.viewportWidth - padding * 2);
  const columns = Math.max(1, Math.floor((inner + gap) / (m.thumbSize + gap)));
  const cellWidth = Math.max(1, Math.floor((inner - gap * (columns - 1)) / columns));
  const cellHeight = cellWidth + captionHeight;
  const rowPitch = cellHeight + gap;
  const rowCount = Math.ceil(m.total / columns);
  const contentHeight = rowCount === 0 ? 0 : padding * 2 + rowCount * rowPitch - gap;
  const spacerHeight = Math.min(contentHeight, maxSpacer);
  const contentTop = toContentTop(m.scrollTop, contentHeight, spacerHeight, m.viewportHeight);
  const firstRow = Math.max(0, Math.floor((contentTop - padding) / rowPitch) - overscanRows);
  const lastRow = Math.min(rowCount, Math.ceil((contentTop + m.viewportHeight - padding) / rowPitch) + overscanRows);
  return {
    columns,
    cellWidth,
    cellHeight,
    rowPitch,
    rowCount,
    contentHeight,
    spacerHeight,
    contentTop,
    firstIndex: Math.min(m.total, firstRow * columns),
    endIndex: Math.min(m.total, lastRow * columns),
    rowsPerPage: Math.max(1, Math.floor(m.viewportHeight / rowPitch)),
    gap,
    padding,
  };
}

function toContentTop(scrollTop: number, contentHeight: number, spacerHeight: number, viewportHeight: number): number {
  if (contentHeight <= spacerHeight) return scrollTop;
  const ratio = (contentHeight - viewportHeight) / Math.max(1, spacerHeight - viewportHeight);
  return scrollTop * ratio;
}

/** The scrollTop that shows content offset `contentTop` at the viewport's top. */
export function toScrollTop(layout: GridLayout, contentTop: number, viewportHeight: number): number {
  if (layout.contentHeight <= layout.spacerHeight) return contentTop;
  const ratio = (layout.contentHeight - viewportHeight) / Math.max(1, layout.spacerHeight - viewportHeight);
  return contentTop / ratio;
}

/** Where tile `index` sits inside the spacer element (already shifted for a capped spacer). */
export function tilePosition(layout: GridLayout, index: number, scrollTop: number): { x: number; y: number } {
  const row = Math.floor(index / layout.columns);
  const col = index % layout.columns;
  const contentY = layout.padding + row * layout.rowPitch;
  return {
    x: layout.padding + col * (layout.cellWidth + layout.gap),
    y: contentY - layout.contentTop + scrollTop,
  };
}

/** The scrollTop that brings tile `index` fully into view, or null when it already is. */
export function revealScrollTop(layout: GridLayout, index: number, viewportHeight: number): number | null {
  const row = Math.floor(index / layout.columns);
  const top = layout.padding + row * layout.rowPitch;
  const bottom = top + layout.cellHeight;
  if (top - layout.padding < layout.contentTop) return toScrollTop(layout, Math.max(0, top - layout.padding), viewportHeight);
  if (bottom + layout.padding > layout.contentTop + viewportHeight) {
    return toScrollTop(layout, bottom + layout.padding - viewportHeight, viewportHeight);
  }
  return null;
}
