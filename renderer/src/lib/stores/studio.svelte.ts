// The renderer's root state: one client, the app facts from `app.info`, and every store, wired to the
// events main pushes (library changes debounced ~250 ms; caption changes refresh a search) and refreshed
// after a lost connection returns.
import type { ClientHandle } from '../api/client.ts';
import type { Connection } from '../api/connection.svelte.ts';
import { errorMessage } from '../api/remote-error.ts';
import type { AppInfo, StudioClient } from '../api/types.ts';
import { debounce } from '../utils/debounce.ts';
import { FoldersStore } from './folders.svelte.ts';
import { GridStore } from './grid.svelte.ts';
import { ExpertsStore } from './experts.svelte.ts';
import { ImageDetailStore } from './image-detail.svelte.ts';
import { JobsStore } from './jobs.svelte.ts';
import { MapViewerState } from './map-viewer.svelte.ts';
import { ModelsStore } from './models.svelte.ts';
import { ReviewStore } from './review.svelte.ts';
import { DuplicatesStore } from './duplicates.svelte.ts';
import { SearchStore } from './search.svelte.ts';
import { SettingsStore } from './settings.svelte.ts';
import { UiState } from './ui.svelte.ts';
import { VqaStore } from './vqa.svelte.ts';

export class Studio {
  readonly client: StudioClient;
  readonly connection: Connection;
  readonly settings: SettingsStore;
  readonly folders: FoldersStore;
  readonly grid: GridStore;
  readonly jobs: JobsStore;
  readonly detail: ImageDetailStore;
  readonly experts: ExpertsStore;
  readonly models: ModelsStore;
  readonly review: ReviewStore;
  readonly vqa: VqaStore;
  readonly search: SearchStore;
  readonly duplicates: DuplicatesStore;
  readonly ui = new UiState();
  readonly mapViewer = new MapViewerState();

  info = $state.raw<AppInfo | null>(null);
  startError = $state<string | null>(null);

  readonly #libraryChanged = debounce(() => this.#refreshLibrary(), 250);
  /** Reviews and new captions change what a search finds (text, review state, flags). */
  readonly #captionsChanged = debounce(() => {
    if (this.grid.searching) this.grid.refresh();
    void this.search.refreshFacets();
  }, 400);

  constructor(handle: ClientHandle) {
    this.client = handle.client;
    this.connection = handle.connection;
    this.settings = new SettingsStore(this.client);
    this.folders = new FoldersStore(this.client);
    this.grid = new GridStore(this.client);
    this.jobs = new JobsStore(this.client);
    this.detail = new ImageDetailStore(this.client);
    this.experts = new ExpertsStore(this.client, () => this.mediaBase);
    // A model installed or removed changes what each expert would run, and may be a Prismer bundle.
    this.models = new ModelsStore(this.client, () => {
      void this.experts.loadStatus();
      void this.vqa.loadModels();
    });
    this.review = new ReviewStore(this.client, (id, hash) => this.originalUrl(id, hash));
    this.vqa = new VqaStore(this.client);
    this.search = new SearchStore(this.client, this.grid);
    this.duplicates = new DuplicatesStore(this.client);
  }

  /** Subscribes to main's events and loads everything; returns the teardown. */
  start(): () => void {
    const off = [
      this.settings.listen(),
      this.jobs.listen(),
      this.experts.listen(),
      this.models.listen(),
      this.review.listen(),
      this.vqa.listen(),
      this.client.on('library.changed', () => this.#libraryChanged()),
      this.client.on('captions.changed', () => this.#captionsChanged()),
    ];
    void this.load();
    this.grid.reset();
    return () => {
      for (const f of off) f();
      this.#libraryChanged.cancel();
      this.#captionsChanged.cancel();
    };
  }

  async load(): Promise<void> {
    try {
      this.info = await this.client.invoke('app.info', {});
      this.startError = null;
    } catch (error) {
      this.startError = errorMessage(error);
      return;
    }
    await Promise.all([this.settings.load(), this.folders.refresh(), this.jobs.refresh(), this.experts.loadStatus(), this.models.refresh(), this.vqa.loadModels(), this.search.load()]);
  }

  /** After the connection came back: events may have been missed, so refetch what is shown. */
  resync(): void {
    void this.load();
    this.#refreshLibrary();
  }

  #refreshLibrary(): void {
    void this.folders.refresh();
    this.grid.refresh();
    void this.detail.refresh();
    void this.experts.refresh();
    if (this.review.loaded) void this.review.mergeQueue();
    void this.search.refreshFacets();
  }

  get mediaBase(): string {
    return (this.info?.mediaBase ?? '').replace(/\/+$/, '');
  }

  thumbUrl(id: number, contentHash: string | null): string {
    return `${this.mediaBase}/thumb/${id}${contentHash ? `?v=${encodeURIComponent(contentHash)}` : ''}`;
  }

  originalUrl(id: number, contentHash: string | null = null): string {
    return `${this.mediaBase}/original/${id}${contentHash ? `?v=${encodeURIComponent(contentHash)}` : ''}`;
  }
}
