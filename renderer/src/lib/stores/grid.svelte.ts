// The grid's data and selection: the current query (scope, status filter, name filter, search filters,
// sort), the total, a bounded cache of 200-tile pages fetched as rows scroll into view — from
// `library.query`, or from `search.query` while a search filter or a search-only sort is on — and which
// image is current/selected. A refresh after `library.changed` keeps the old pages on screen until
// their replacements arrive, so the grid does not flash or jump.
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { errorMessage } from '../api/remote-error.ts';
import type { ImageQuery, ImageTile, SearchQuery, StudioClient } from '../api/types.ts';
import { fromSearchQuery, hasFilters, noFilters, toSearchQuery, type SearchFilters, type SearchSort } from '../components/search/searchFilters.ts';

export const pageSize = 200;
const maxCachedPages = 60;

export type Scope = { readonly kind: 'all' } | { readonly kind: 'folder'; readonly folderId: number; readonly relDir: string };
export type StatusFilter = NonNullable<ImageQuery['status']>;
export type SortKey = SearchSort;
type LibrarySort = NonNullable<ImageQuery['sort']>;
const librarySorts: readonly SortKey[] = ['path', 'name', 'taken', 'added', 'size'] satisfies LibrarySort[];

interface CachedPage {
  readonly tiles: ImageTile[];
  readonly generation: number;
}

export interface GridViewHooks {
  /** Scrolls so the tile at `index` is visible. */
  reveal(index: number): void;
}

export class GridStore {
  readonly #client: StudioClient;

  scope = $state.raw<Scope>({ kind: 'all' });
  status = $state<StatusFilter>('all');
  sort = $state<SortKey>('path');
  descending = $state(false);
  nameContains = $state('');
  /** Full-text search and smart filters; any of them routes the grid through `search.query`. */
  filters = $state.raw<SearchFilters>(noFilters);

  total = $state<number | null>(null);
  error = $state<string | null>(null);
  /** Bumped when the query changes: the view scrolls back to the top. */
  resets = $state(0);

  currentIndex = $state<number | null>(null);
  currentId = $state<number | null>(null);
  readonly selected = new SvelteSet<number>();

  /** Set by the grid view, for keyboard moves. */
  columns = 1;
  rowsPerPage = 1;

  readonly #pages = new SvelteMap<number, CachedPage>();
  #inflight = new Map<number, Promise<void>>();
  #generation = 0;
  #visible = { start: 0, end: 0 };
  #fetchTimer: number | null = null;
  #anchor: number | null = null;
  #view: GridViewHooks | null = null;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  /** Whether pages come from `search.query` (filters, or an order only search knows). */
  get searching(): boolean {
    return hasFilters(this.filters) || !librarySorts.includes(this.sort);
  }

  get searchQuery(): SearchQuery {
    const folder = this.scope.kind === 'folder' ? { folderId: this.scope.folderId, relDir: this.scope.relDir } : {};
    return toSearchQuery(this.filters, { ...folder, status: this.status, sort: this.sort, descending: this.descending });
  }

  get query(): ImageQuery {
    const query: ImageQuery = { status: this.status, sort: librarySorts.includes(this.sort) ? (this.sort as LibrarySort) : 'path', descending: this.descending };
    if (this.scope.kind === 'folder') {
      query.folderId = this.scope.folderId;
      if (this.scope.relDir) query.relDir = this.scope.relDir;
    }
    const name = this.nameContains.trim();
    if (name) query.nameContains = name;
    return query;
  }

  get filtered(): boolean {
    return this.status !== 'all' || this.nameContains.trim() !== '' || hasFilters(this.filters);
  }

  attachView(hooks: GridViewHooks | null): void {
    this.#view = hooks;
  }

  // ---- the query --------------------------------------------------------------------------------

  setScope(scope: Scope, status: StatusFilter = 'all'): void {
    this.scope = scope;
    this.status = status;
    this.reset();
  }

  setStatus(status: StatusFilter): void {
    this.status = status;
    this.reset();
  }

  setSort(sort: SortKey, descending: boolean): void {
    this.sort = sort;
    // Orders only search knows leave the file-name filter behind, as search filters do.
    if (!librarySorts.includes(sort)) this.nameContains = '';
    this.descending = descending;
    this.reset();
  }

  setNameContains(text: string): void {
    if (text === this.nameContains) return;
    this.nameContains = text;
    this.reset();
  }

  /** New search filters. The file-name filter is not part of a search, so it is cleared. */
  setFilters(filters: SearchFilters): void {
    this.filters = filters;
    if (hasFilters(filters)) this.nameContains = '';
    this.reset();
  }

  /** Shows a saved view's query: its filters, folder, file status and order. */
  applyQuery(query: SearchQuery): void {
    const { filters, grid } = fromSearchQuery(query);
    this.filters = filters;
    this.nameContains = '';
    this.status = grid.status;
    this.sort = grid.sort;
    this.descending = grid.descending;
    this.scope = grid.folderId !== undefined ? { kind: 'folder', folderId: grid.folderId, relDir: grid.relDir ?? '' } : { kind: 'all' };
    this.reset();
  }

  clearFilters(): void {
    this.status = 'all';
    this.nameContains = '';
    this.filters = noFilters;
    this.reset();
  }

  /** A new query: forget every page and the selection, start at the top. */
  reset(): void {
    this.#generation += 1;
    this.#pages.clear();
    this.#inflight = new Map();
    this.total = null;
    this.error = null;
    this.currentIndex = null;
    this.currentId = null;
    this.selected.clear();
    this.#anchor = null;
    this.#visible = { start: 0, end: 0 };
    this.resets += 1;
    void this.#load(0);
  }

  /** Same query, new data (a scan wrote rows): refetch what is on screen, keep the scroll position. */
  refresh(): void {
    this.#generation += 1;
    this.#inflight = new Map();
    const wanted = this.#visiblePages();
    for (const page of [...this.#pages.keys()]) if (!wanted.includes(page)) this.#pages.delete(page);
    for (const page of wanted.length ? wanted : [0]) void this.#load(page);
  }

  // ---- pages ------------------------------------------------------------------------------------

  tileAt(index: number): ImageTile | null {
    return this.#pages.get(Math.floor(index / pageSize))?.tiles[index % pageSize] ?? null;
  }

  /** The view reports what it renders; missing pages are fetched (coalesced while scrolling fast). */
  setVisibleRange(start: number, end: number): void {
    this.#visible = { start, end };
    if (this.#fetchTimer !== null) return;
    this.#fetchTimer = window.setTimeout(() => {
      this.#fetchTimer = null;
      for (const page of this.#visiblePages()) {
        const cached = this.#pages.get(page);
        if (!cached || cached.generation !== this.#generation) void this.#load(page);
      }
    }, 30);
  }

  /** The tile at `index`, fetching its page when needed; null when out of range or on failure. */
  async loadTile(index: number): Promise<ImageTile | null> {
    if (this.total !== null && (index < 0 || index >= this.total)) return null;
    const cached = this.tileAt(index);
    if (cached) return cached;
    await this.#load(Math.floor(index / pageSize));
    return this.tileAt(index);
  }

  #visiblePages(): number[] {
    const { start, end } = this.#visible;
    if (end <= start) return [];
    const pages: number[] = [];
    for (let p = Math.floor(start / pageSize); p <= Math.floor((end - 1) / pageSize); p++) pages.push(p);
    return pages;
  }

  #load(page: number): Promise<void> {
    const running = this.#inflight.get(page);
    if (running) return running;
    const generation = this.#generation;
    const inflight = this.#inflight;
    const range = { offset: page * pageSize, limit: pageSize };
    const fetched: Promise<{ total: number; tiles: ImageTile[] }> = this.searching
      ? this.#client.invoke('search.query', { query: this.searchQuery, ...range })
      : this.#client.invoke('library.query', { query: this.query, ...range });
    const request = fetched
      .then(
        (result) => {
          if (generation !== this.#generation) return;
          this.total = result.total;
          this.error = null;
          this.#pages.set(page, { tiles: result.tiles, generation });
          this.#relocateCurrent(page, result.tiles);
          this.#evict();
        },
        (error: unknown) => {
          if (generation !== this.#generation) return;
          this.error = errorMessage(error);
        },
      )
      .finally(() => {
        if (inflight.get(page) === request) inflight.delete(page);
      });
    inflight.set(page, request);
    return request;
  }

  #evict(): void {
    if (this.#pages.size <= maxCachedPages) return;
    const centre = Math.floor((this.#visible.start + this.#visible.end) / 2 / pageSize);
    const far = [...this.#pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const page of far.slice(0, this.#pages.size - maxCachedPages)) this.#pages.delete(page);
  }

  /** After new rows arrive, keep the current image current even if its position moved. */
  #relocateCurrent(page: number, tiles: ImageTile[]): void {
    const offset = page * pageSize;
    if (this.currentId !== null) {
      const at = tiles.findIndex((t) => t.id === this.currentId);
      if (at >= 0) this.currentIndex = offset + at;
      return;
    }
    if (this.currentIndex !== null && this.currentIndex >= offset && this.currentIndex < offset + tiles.length) {
      const tile = tiles[this.currentIndex - offset];
      if (tile) {
        this.currentId = tile.id;
        this.selected.add(tile.id);
      }
    }
  }

  // ---- selection --------------------------------------------------------------------------------

  /** A click on a tile: plain replaces, `toggle` (Ctrl/Cmd) adds or removes, `range` (Shift) extends. */
  click(index: number, mode: 'replace' | 'toggle' | 'range'): void {
    const tile = this.tileAt(index);
    if (!tile) return;
    if (mode === 'range' && this.#anchor !== null) {
      this.#selectRange(this.#anchor, index, true);
    } else if (mode === 'toggle') {
      if (this.selected.has(tile.id)) this.selected.delete(tile.id);
      else this.selected.add(tile.id);
      this.#anchor = index;
    } else {
      this.selected.clear();
      this.selected.add(tile.id);
      this.#anchor = index;
    }
    this.currentIndex = index;
    this.currentId = tile.id;
  }

  /** Keyboard move to `index` (clamped); `extend` grows the selection from the anchor. */
  moveTo(index: number, extend = false): void {
    if (this.total === null || this.total === 0) return;
    const target = Math.max(0, Math.min(this.total - 1, index));
    const tile = this.tileAt(target);
    if (extend && this.#anchor !== null) {
      this.#selectRange(this.#anchor, target, false);
    } else {
      this.selected.clear();
      if (tile) this.selected.add(tile.id);
      this.#anchor = target;
    }
    this.currentIndex = target;
    this.currentId = tile?.id ?? null;
    this.#view?.reveal(target);
    if (!tile) void this.#load(Math.floor(target / pageSize));
  }

  moveBy(delta: number, extend = false): void {
    if (this.currentIndex === null) this.moveTo(delta < 0 ? (this.total ?? 1) - 1 : 0);
    else this.moveTo(this.currentIndex + delta, extend);
  }

  /** Shows a particular image (a duplicate picked in the inspector), wherever it is in the grid. */
  showImage(id: number): void {
    for (const [page, cached] of this.#pages) {
      const at = cached.tiles.findIndex((t) => t.id === id);
      if (at >= 0) {
        this.moveTo(page * pageSize + at);
        return;
      }
    }
    this.selected.clear();
    this.selected.add(id);
    this.currentIndex = null;
    this.currentId = id;
    this.#anchor = null;
  }

  /** Every photo whose page is loaded (the whole set for up to a few thousand photos). */
  selectAllLoaded(): void {
    for (const cached of this.#pages.values()) for (const tile of cached.tiles) this.selected.add(tile.id);
  }

  #selectRange(from: number, to: number, keepOthers: boolean): void {
    if (!keepOthers) this.selected.clear();
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    for (let i = lo; i <= hi; i++) {
      const tile = this.tileAt(i);
      if (tile) this.selected.add(tile.id);
    }
  }
}
