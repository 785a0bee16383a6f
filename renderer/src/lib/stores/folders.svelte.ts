// The library roots behind the sidebar: the folder list with counts, each root's sub-folder tree
// (fetched when first expanded), and the add/rescan/remove actions on them.
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { errorMessage } from '../api/remote-error.ts';
import type { Folder, StudioClient, SubfolderCount } from '../api/types.ts';

export class FoldersStore {
  readonly #client: StudioClient;
  folders = $state.raw<Folder[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  readonly subfolders = new SvelteMap<number, SubfolderCount[]>();
  readonly expanded = new SvelteSet<number>();
  /** Expanded sub-folder nodes, keyed `${folderId}:${relDir}`. */
  readonly expandedDirs = new SvelteSet<string>();

  constructor(client: StudioClient) {
    this.#client = client;
  }

  /** Sums over all roots; `images` counts what the grid's "All photos" shows (readable + failed). */
  get totals(): { images: number; failed: number; missing: number } {
    let images = 0;
    let failed = 0;
    let missing = 0;
    for (const f of this.folders) {
      images += f.imageCount + f.failedCount;
      failed += f.failedCount;
      missing += f.missingCount;
    }
    return { images, failed, missing };
  }

  byId(id: number): Folder | undefined {
    return this.folders.find((f) => f.id === id);
  }

  async refresh(): Promise<void> {
    try {
      this.folders = await this.#client.invoke('library.folders', {});
      this.loaded = true;
      this.error = null;
    } catch (error) {
      this.error = `Could not list the library's folders: ${errorMessage(error)}`;
      return;
    }
    const present = new Set(this.folders.map((f) => f.id));
    for (const id of [...this.subfolders.keys()]) if (!present.has(id)) this.subfolders.delete(id);
    await Promise.all([...this.expanded].filter((id) => present.has(id)).map((id) => this.#loadSubfolders(id)));
  }

  async toggle(folderId: number): Promise<void> {
    if (this.expanded.has(folderId)) {
      this.expanded.delete(folderId);
      return;
    }
    this.expanded.add(folderId);
    if (!this.subfolders.has(folderId)) await this.#loadSubfolders(folderId);
  }

  toggleDir(folderId: number, relDir: string): void {
    const key = `${folderId}:${relDir}`;
    if (this.expandedDirs.has(key)) this.expandedDirs.delete(key);
    else this.expandedDirs.add(key);
  }

  async #loadSubfolders(folderId: number): Promise<void> {
    try {
      this.subfolders.set(folderId, await this.#client.invoke('library.subfolders', { folderId }));
    } catch {
      // The folder may have just been removed; the next refresh settles it.
    }
  }

  addFolder(path: string) {
    return this.#client.invoke('library.addFolder', { path });
  }

  addFiles(paths: string[]) {
    return this.#client.invoke('library.addFiles', { paths });
  }

  rescan(folderId?: number) {
    return this.#client.invoke('library.rescan', folderId === undefined ? {} : { folderId });
  }

  async remove(folderId: number) {
    const result = await this.#client.invoke('library.removeFolder', { folderId });
    this.expanded.delete(folderId);
    this.subfolders.delete(folderId);
    await this.refresh();
    return result;
  }

  browse(path?: string) {
    return this.#client.invoke('library.browse', path === undefined ? {} : { path });
  }
}
