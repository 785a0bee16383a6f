// Saved views and the facets the smart filters offer (cameras, detected classes, flag kinds), and which
// view the grid is showing: opening a view puts its query into the grid; the view stays "open" while the
// grid's query is still the view's, and reads as modified once a filter changes.
import { errorMessage } from '../api/remote-error.ts';
import type { SavedView, SearchFacets, SearchQuery, StudioClient } from '../api/types.ts';
import { sameQuery } from '../components/search/searchFilters.ts';
import type { GridStore } from './grid.svelte.ts';

export class SearchStore {
  readonly #client: StudioClient;
  readonly #grid: GridStore;

  facets = $state.raw<SearchFacets | null>(null);
  facetsError = $state<string | null>(null);
  views = $state.raw<SavedView[]>([]);
  viewsError = $state<string | null>(null);
  viewsLoaded = $state(false);
  /** The view last opened (or saved) while the grid still shows it; see `activeView`. */
  openedViewId = $state<number | null>(null);

  /** The opened view, as long as the grid's query is still exactly its query (worked out once per change, not per reader). */
  readonly activeView = $derived.by((): SavedView | null => {
    const view = this.views.find((v) => v.id === this.openedViewId);
    if (!view || view.query === null) return null;
    return sameQuery(view.query, this.#grid.searchQuery) ? view : null;
  });

  constructor(client: StudioClient, grid: GridStore) {
    this.#client = client;
    this.#grid = grid;
  }

  async load(): Promise<void> {
    await Promise.all([this.refreshFacets(), this.refreshViews()]);
  }

  async refreshFacets(): Promise<void> {
    try {
      this.facets = await this.#client.invoke('search.facets', {});
      this.facetsError = null;
    } catch (error) {
      this.facetsError = `Could not read the filter values: ${errorMessage(error)}`;
    }
  }

  async refreshViews(): Promise<void> {
    try {
      this.views = await this.#client.invoke('search.views', {});
      this.viewsError = null;
    } catch (error) {
      this.viewsError = `Could not list the saved views: ${errorMessage(error)}`;
    } finally {
      this.viewsLoaded = true;
    }
  }

  open(view: SavedView): void {
    if (view.query === null) return;
    this.#grid.applyQuery(view.query);
    this.openedViewId = view.id;
  }

  /** Saves `query` as a new view (or over view `id`) and marks it open; throws the server's reason. */
  async save(name: string, query: SearchQuery, id?: number): Promise<SavedView> {
    const view = await this.#client.invoke('search.saveView', id === undefined ? { name, query } : { name, query, id });
    this.#upsert(view);
    this.openedViewId = view.id;
    return view;
  }

  async rename(id: number, name: string): Promise<SavedView> {
    const view = await this.#client.invoke('search.renameView', { id, name });
    this.#upsert(view);
    return view;
  }

  async remove(id: number): Promise<void> {
    await this.#client.invoke('search.deleteView', { id });
    this.views = this.views.filter((v) => v.id !== id);
    if (this.openedViewId === id) this.openedViewId = null;
  }

  #upsert(view: SavedView): void {
    const at = this.views.findIndex((v) => v.id === view.id);
    const next = at < 0 ? [...this.views, view] : this.views.with(at, view);
    this.views = next.sort((a, b) => a.name.localeCompare(b.name));
  }
}
