import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeGridLayout, revealScrollTop, tilePosition } from '../../../renderer/src/lib/utils/grid-layout.ts';

const base = { viewportWidth: 850, viewportHeight: 790, scrollTop: 0, thumbSize: 180, total: 100_000 };

test('columns follow the thumbnail size and only visible rows (± overscan) are rendered', () => {
  const layout = computeGridLayout(base);
  assert.equal(layout.columns, 4);
  assert.equal(layout.firstIndex, 0);
  assert.ok(layout.endIndex - layout.firstIndex <= layout.columns * 12, `renders ${layout.endIndex - layout.firstIndex}`);
  const small = computeGridLayout({ ...base, thumbSize: 64 });
  assert.ok(small.columns > layout.columns);
  const middle = computeGridLayout({ ...base, scrollTop: layout.contentHeight / 2 });
  assert.ok(middle.firstIndex > 40_000 && middle.endIndex < 60_000);
  assert.ok(middle.endIndex - middle.firstIndex <= middle.columns * 12);
});

test('an empty grid has no height and renders nothing', () => {
  const layout = computeGridLayout({ ...base, total: 0 });
  assert.equal(layout.spacerHeight, 0);
  assert.equal(layout.endIndex, 0);
});

test('a grid taller than the browser allows is capped and still reaches its last row', () => {
  const layout = computeGridLayout({ ...base, viewportWidth: 350, thumbSize: 512 });
  assert.equal(layout.columns, 1);
  assert.ok(layout.contentHeight > 10_000_000);
  assert.equal(layout.spacerHeight, 10_000_000);
  const bottom = computeGridLayout({ ...base, viewportWidth: 350, thumbSize: 512, scrollTop: layout.spacerHeight - base.viewportHeight });
  assert.equal(bottom.endIndex, 100_000);
  const last = tilePosition(bottom, 99_999, layout.spacerHeight - base.viewportHeight);
  assert.ok(last.y + bottom.cellHeight <= layout.spacerHeight, 'last tile inside the spacer');
});

test('reveal scrolls only when the tile is outside the viewport', () => {
  const layout = computeGridLayout(base);
  assert.equal(revealScrollTop(layout, 0, base.viewportHeight), null);
  const target = revealScrollTop(layout, 400, base.viewportHeight);
  assert.ok(target !== null && target > 0);
  const moved = computeGridLayout({ ...base, scrollTop: target });
  assert.equal(revealScrollTop(moved, 400, base.viewportHeight), null);
  assert.ok(400 >= moved.firstIndex && 400 < moved.endIndex);
});
