// The library search's filters as the renderer holds them: the conditions of a `SearchQuery` (text,
// review status, flags, detections, camera, dates, duplicates…) without the grid's own parts (scope,
// file status, sort). Pure functions: whether any is set, the removable chips they read as, toggling one
// smart filter, the query sent to `search.query`, splitting a saved view's query back, and the hint an
// empty result gives about which filters to relax.
import type { SearchQuery } from '../../api/types.ts';
import { dayString } from './dateRange.ts';

/** The parts of a query that the grid owns (where, which files, in what order), not the filters. */
type GridOwned = 'status' | 'folderId' | 'relDir' | 'sort' | 'sortQuestion' | 'descending';
export type SearchFilters = Omit<SearchQuery, GridOwned>;
export type SearchSort = NonNullable<SearchQuery['sort']>;
export type ReviewState = NonNullable<SearchQuery['reviewStatus']>[number];

export const noFilters: SearchFilters = {};

/** The grid's side of a search: its scope, its file-status filter and its order. */
export interface GridPart {
  readonly folderId?: number | undefined;
  readonly relDir?: string | undefined;
  /** The grid's status menu; its "duplicates" entry is the exact-duplicates filter of search. */
  readonly status: 'all' | 'ok' | 'failed' | 'missing' | 'duplicates';
  readonly sort: SearchSort;
  readonly descending: boolean;
}

export interface FilterChip {
  /** Stable across renders, for keyed lists and test ids. */
  readonly id: string;
  readonly label: string;
  /** The filters without this one. */
  readonly without: SearchFilters;
}

const reviewLabels: Record<ReviewState, string> = {
  none: 'No caption',
  pending: 'Pending review',
  accepted: 'Accepted',
  rejected: 'Rejected',
};

const depthStatLabels = { min: 'nearest depth', max: 'farthest depth', median: 'median depth', normalisedMedian: 'median depth (0–1)' } as const;

/** True when a field holds a condition (an empty list or blank text is none). */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export function hasFilters(filters: SearchFilters): boolean {
  return Object.values(filters).some(isSet);
}

/** The filters with `key` set to `value`, or removed when `value` is empty. */
export function withFilter<K extends keyof SearchFilters>(filters: SearchFilters, key: K, value: SearchFilters[K] | undefined): SearchFilters {
  const next: SearchFilters = { ...filters };
  if (isSet(value)) next[key] = value;
  else delete next[key];
  return next;
}

/** Adds `value` to a list filter, or removes it when it is there. */
export function toggleInList<K extends 'reviewStatus' | 'flagKinds' | 'cameraModels' | 'cameraMakes'>(
  filters: SearchFilters,
  key: K,
  value: NonNullable<SearchFilters[K]>[number],
): SearchFilters {
  const list = (filters[key] ?? []) as NonNullable<SearchFilters[K]>[number][];
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  return withFilter(filters, key, next as SearchFilters[K]);
}

/** Adds a detected-class condition, or removes the one for that label. */
export function toggleDetected(filters: SearchFilters, label: string): SearchFilters {
  const list = filters.detected ?? [];
  const next = list.some((d) => d.label === label) ? list.filter((d) => d.label !== label) : [...list, { label }];
  return withFilter(filters, 'detected', next);
}

function listChips<T>(filters: SearchFilters, key: keyof SearchFilters, list: readonly T[] | undefined, label: (item: T) => string, id: (item: T) => string): FilterChip[] {
  if (!list) return [];
  return list.map((item, i) => ({
    id: `${key}:${id(item)}`,
    label: label(item),
    without: withFilter(filters, key, list.filter((_, j) => j !== i) as never),
  }));
}

function rangeLabel(what: string, from: number | undefined, to: number | undefined): string {
  if (from !== undefined && to !== undefined) return `${what} ${dayString(from)} – ${dayString(to)}`;
  if (from !== undefined) return `${what} from ${dayString(from)}`;
  return `${what} until ${dayString(to ?? 0)}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** The filters as chips, in a fixed order: text first, then what narrows by review, content, file. */
export function filterChips(filters: SearchFilters): FilterChip[] {
  const chips: FilterChip[] = [];
  const f = filters;
  if (isSet(f.text)) {
    const where = f.textIn?.length ? ` in ${f.textIn.join(', ')}` : '';
    chips.push({ id: 'text', label: `“${f.text!.trim()}”${where}`, without: withFilter(withFilter(f, 'text', undefined), 'textIn', undefined) });
  }
  chips.push(...listChips(f, 'reviewStatus', f.reviewStatus, (s) => reviewLabels[s], (s) => s));
  if (f.flagged !== undefined) chips.push({ id: 'flagged', label: f.flagged ? 'Flagged' : 'Not flagged', without: withFilter(f, 'flagged', undefined) });
  chips.push(...listChips(f, 'flagKinds', f.flagKinds, (k) => `Flag: ${k}`, (k) => k));
  chips.push(
    ...listChips(
      f,
      'detected',
      f.detected,
      (d) => `Detected: ${d.label}${d.minCount && d.minCount > 1 ? ` ≥ ${d.minCount}` : ''}${d.minScore !== undefined ? ` (score ≥ ${percent(d.minScore)})` : ''}`,
      (d) => d.label,
    ),
  );
  chips.push(
    ...listChips(
      f,
      'segmentation',
      f.segmentation,
      (s) => `${s.label}${s.minShare !== undefined ? ` ≥ ${percent(s.minShare)}` : ''}${s.maxShare !== undefined ? ` ≤ ${percent(s.maxShare)}` : ''} of the image`,
      (s) => s.label,
    ),
  );
  if (f.hasText !== undefined) chips.push({ id: 'hasText', label: f.hasText ? 'Has text' : 'No text', without: withFilter(f, 'hasText', undefined) });
  chips.push(
    ...listChips(
      f,
      'depth',
      f.depth,
      (d) => `${depthStatLabels[d.stat]}${d.min !== undefined ? ` ≥ ${d.min}` : ''}${d.max !== undefined ? ` ≤ ${d.max}` : ''}`,
      (d) => d.stat,
    ),
  );
  if (f.takenFrom !== undefined || f.takenTo !== undefined) {
    chips.push({ id: 'taken', label: rangeLabel('Taken', f.takenFrom, f.takenTo), without: withFilter(withFilter(f, 'takenFrom', undefined), 'takenTo', undefined) });
  }
  if (f.addedFrom !== undefined || f.addedTo !== undefined) {
    chips.push({ id: 'added', label: rangeLabel('Added', f.addedFrom, f.addedTo), without: withFilter(withFilter(f, 'addedFrom', undefined), 'addedTo', undefined) });
  }
  chips.push(...listChips(f, 'cameraMakes', f.cameraMakes, (m) => `Make: ${m}`, (m) => m));
  chips.push(...listChips(f, 'cameraModels', f.cameraModels, (m) => `Camera: ${m}`, (m) => m));
  if (f.duplicates !== undefined) {
    const label = f.duplicates === 'exact' ? 'Exact duplicates' : f.duplicates === 'near' ? 'Duplicates (exact or near)' : 'No duplicates';
    chips.push({ id: 'duplicates', label, without: withFilter(f, 'duplicates', undefined) });
  }
  if (f.duplicateGroupId !== undefined) chips.push({ id: 'duplicateGroupId', label: `Duplicate group ${f.duplicateGroupId}`, without: withFilter(f, 'duplicateGroupId', undefined) });
  if (f.excluded !== undefined) chips.push({ id: 'excluded', label: f.excluded ? 'Excluded from exports' : 'Not excluded', without: withFilter(f, 'excluded', undefined) });
  chips.push(
    ...listChips(
      f,
      'vqa',
      f.vqa,
      (v) => `“${v.question}”${v.answers?.length ? ` = ${v.answers.join(' / ')}` : ' answered'}`,
      (v) => v.question,
    ),
  );
  return chips;
}

/** The query `search.query` gets: the filters plus the grid's scope, file status and order. */
export function toSearchQuery(filters: SearchFilters, grid: GridPart): SearchQuery {
  const query: SearchQuery = {};
  for (const [key, value] of Object.entries(filters)) {
    if (isSet(value)) (query as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value;
  }
  if (grid.status === 'duplicates') query.duplicates ??= 'exact';
  else query.status = grid.status;
  if (grid.folderId !== undefined) {
    query.folderId = grid.folderId;
    if (grid.relDir) query.relDir = grid.relDir;
  }
  query.sort = grid.sort;
  if (grid.descending) query.descending = true;
  return query;
}

/** A saved view's query, split back into the filters and the grid's part. */
export function fromSearchQuery(query: SearchQuery): { filters: SearchFilters; grid: GridPart } {
  const { status, folderId, relDir, sort, sortQuestion: _sortQuestion, descending, ...filters } = query;
  // A VQA sort needs its question, which the grid's sort menu does not carry: such views open in path order.
  const usableSort: SearchSort = sort === undefined || sort === 'vqaAnswer' || sort === 'vqaScore' ? 'path' : sort;
  return {
    filters,
    grid: { folderId, relDir, status: status ?? 'all', sort: usableSort, descending: descending ?? false },
  };
}

/** Two queries with the same conditions, whatever the order of their keys (a view and the live grid). */
export function sameQuery(a: SearchQuery, b: SearchQuery): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => v !== undefined && !(key === 'descending' && v === false) && !(key === 'status' && v === 'all') && !(key === 'sort' && v === 'path'))
      .sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What to say when a search finds nothing: every condition, so the user knows which to relax. */
export function relaxHint(filters: SearchFilters, grid: Pick<GridPart, 'folderId' | 'status'>): string {
  const parts = filterChips(filters).map((chip) => chip.label);
  if (grid.status !== 'all' && grid.status !== 'duplicates') parts.push(`files: ${grid.status}`);
  if (grid.folderId !== undefined) parts.push('this folder only');
  if (parts.length === 0) return 'Nothing matches.';
  if (parts.length === 1) return `No photo matches ${parts[0]}. Remove that filter or try other words.`;
  return `No photo matches all of: ${parts.join(', ')}. Remove one of them (click its ×) to see more.`;
}
