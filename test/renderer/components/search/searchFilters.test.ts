// The search filters as the grid holds them: which count as set, the chips they read as (each removing
// exactly its own condition), toggling smart filters, the query sent to search.query, a saved view's
// query split back, and the hint an empty result gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchQuerySchema } from '../../../../electron/api/search.ts';
import {
  filterChips,
  fromSearchQuery,
  hasFilters,
  noFilters,
  relaxHint,
  sameQuery,
  toggleDetected,
  toggleInList,
  toSearchQuery,
  withFilter,
  type GridPart,
  type SearchFilters,
} from '../../../../renderer/src/lib/components/search/searchFilters.ts';

const plainGrid: GridPart = { status: 'all', sort: 'path', descending: false };

test('blank text and empty lists are no filter; anything else is', () => {
  assert.equal(hasFilters(noFilters), false);
  assert.equal(hasFilters({ text: '   ', reviewStatus: [], detected: [] }), false);
  assert.equal(hasFilters({ hasText: false }), true, 'a false condition ("no text") is still a condition');
  assert.equal(hasFilters({ text: 'bicycle' }), true);
});

test('smart filters toggle on and off and combine', () => {
  let f: SearchFilters = noFilters;
  f = toggleInList(f, 'reviewStatus', 'accepted');
  f = toggleInList(f, 'reviewStatus', 'none');
  f = toggleDetected(f, 'person');
  f = withFilter(f, 'hasText', true);
  assert.deepEqual(f, { reviewStatus: ['accepted', 'none'], detected: [{ label: 'person' }], hasText: true });
  f = toggleInList(f, 'reviewStatus', 'accepted');
  f = toggleDetected(f, 'person');
  f = withFilter(f, 'hasText', undefined);
  assert.deepEqual(f, { reviewStatus: ['none'] }, 'emptied lists and cleared values leave no key behind');
});

test('each chip removes only its own condition', () => {
  const filters: SearchFilters = {
    text: ' red bicycle ',
    reviewStatus: ['pending', 'accepted'],
    flagKinds: ['count-mismatch'],
    detected: [{ label: 'person', minCount: 2 }],
    takenFrom: new Date(2024, 0, 1).getTime(),
    takenTo: new Date(2024, 0, 31, 23, 59).getTime(),
    duplicates: 'near',
    excluded: true,
  };
  const chips = filterChips(filters);
  assert.deepEqual(
    chips.map((c) => c.label),
    ['“red bicycle”', 'Pending review', 'Accepted', 'Flag: count-mismatch', 'Detected: person ≥ 2', 'Taken 2024-01-01 – 2024-01-31', 'Duplicates (exact or near)', 'Excluded from exports'],
  );
  assert.equal(new Set(chips.map((c) => c.id)).size, chips.length, 'chip ids are unique');
  const pending = chips.find((c) => c.label === 'Pending review')!;
  assert.deepEqual(pending.without.reviewStatus, ['accepted']);
  assert.equal(pending.without.text, filters.text);
  const taken = chips.find((c) => c.id === 'taken')!;
  assert.equal('takenFrom' in taken.without || 'takenTo' in taken.without, false, 'the date chip removes both ends of the range');
  for (const chip of chips) assert.equal(filterChips(chip.without).length, chips.length - 1);
});

test('the query carries the filters, the folder, the file status and the order, and is valid for the contract', () => {
  const query = toSearchQuery({ text: '  stop sign ', hasText: true }, { folderId: 3, relDir: 'roll-01', status: 'ok', sort: 'review', descending: true });
  assert.deepEqual(query, { text: 'stop sign', hasText: true, status: 'ok', folderId: 3, relDir: 'roll-01', sort: 'review', descending: true });
  assert.equal(searchQuerySchema.safeParse(query).success, true);
});

test("the grid's Duplicates status becomes the exact-duplicates search filter", () => {
  const query = toSearchQuery({ reviewStatus: ['none'] }, { ...plainGrid, status: 'duplicates' });
  assert.equal(query.duplicates, 'exact');
  assert.equal('status' in query, false);
  assert.equal(searchQuerySchema.safeParse(query).success, true);
  assert.equal(toSearchQuery({ duplicates: 'near' }, { ...plainGrid, status: 'duplicates' }).duplicates, 'near', 'an explicit duplicates filter wins');
});

test("a saved view's query splits back into the same filters and grid part", () => {
  const grid: GridPart = { folderId: 7, relDir: 'a/b', status: 'failed', sort: 'taken', descending: true };
  const filters: SearchFilters = { text: 'dog', flagged: true, cameraModels: ['X100V'] };
  const back = fromSearchQuery(toSearchQuery(filters, grid));
  assert.deepEqual(back.filters, filters);
  assert.deepEqual(back.grid, grid);
  assert.deepEqual(fromSearchQuery({ vqa: [{ question: 'Is there a dog?' }], sort: 'vqaScore', sortQuestion: 'Is there a dog?' }).grid.sort, 'path', 'a VQA order the menu cannot show opens in path order');
});

test('queries compare by content, not key order or defaults', () => {
  assert.equal(sameQuery({ text: 'a', hasText: true, sort: 'path' }, { hasText: true, text: 'a', status: 'all', descending: false }), true);
  assert.equal(sameQuery({ text: 'a' }, { text: 'b' }), false);
  assert.equal(sameQuery({ reviewStatus: ['none', 'pending'] }, { reviewStatus: ['pending', 'none'] }), false, 'list order is the user’s');
});

test('an empty result names every condition to relax', () => {
  assert.match(relaxHint({ text: 'zebra' }, { status: 'all' }), /No photo matches “zebra”\. Remove that filter/);
  const hint = relaxHint({ text: 'zebra', reviewStatus: ['accepted'] }, { status: 'all', folderId: 2 });
  assert.match(hint, /all of: “zebra”, Accepted, this folder only/);
});
