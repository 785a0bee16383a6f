// The duplicate group view's data: pages of exact and near-duplicate groups from `search.duplicates`
// (optionally only one kind, or only groups nobody curated yet), and the curation actions — keep one
// member (the rest are excluded from exports) and include an excluded member again — each refreshing
// the group it changed in place.
import { errorMessage } from '../api/remote-error.ts';
import type { DuplicateGroup, StudioClient } from '../api/types.ts';

export type DuplicateKindFilter = 'all' | 'exact' | 'near';
const groupsPerPage = 24;

export class DuplicatesStore {
  readonly #client: StudioClient;

  kind = $state<DuplicateKindFilter>('all');
  unresolvedOnly = $state(false);
  groups = $state.raw<DuplicateGroup[]>([]);
  total = $state<number | null>(null);
  threshold = $state<number | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** Failures of keep-one / include-again, by group id, shown on that group. */
  actionErrors = $state.raw<ReadonlyMap<number, string>>(new Map());
  #request = 0;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  get hasMore(): boolean {
    return this.total !== null && this.groups.length < this.total;
  }

  /** The first page again (after a filter change, or when the dialog opens: `refresh` recomputes groups). */
  async load(refresh = false): Promise<void> {
    const mine = ++this.#request;
    this.loading = true;
    try {
      const page = await this.#client.invoke('search.duplicates', { offset: 0, limit: groupsPerPage, ...this.#filter(), refresh });
      if (mine !== this.#request) return;
      this.groups = page.groups;
      this.total = page.total;
      this.threshold = page.threshold;
      this.error = null;
    } catch (error) {
      if (mine === this.#request) this.error = `Could not list the duplicates: ${errorMessage(error)}`;
    } finally {
      if (mine === this.#request) this.loading = false;
    }
  }

  async more(): Promise<void> {
    const mine = ++this.#request;
    this.loading = true;
    try {
      const page = await this.#client.invoke('search.duplicates', { offset: this.groups.length, limit: groupsPerPage, ...this.#filter() });
      if (mine !== this.#request) return;
      const seen = new Set(this.groups.map((g) => g.groupId));
      this.groups = [...this.groups, ...page.groups.filter((g) => !seen.has(g.groupId))];
      this.total = page.total;
    } catch (error) {
      if (mine === this.#request) this.error = `Could not list more duplicates: ${errorMessage(error)}`;
    } finally {
      if (mine === this.#request) this.loading = false;
    }
  }

  setKind(kind: DuplicateKindFilter): void {
    this.kind = kind;
    void this.load();
  }

  setUnresolvedOnly(value: boolean): void {
    this.unresolvedOnly = value;
    void this.load();
  }

  async keepOne(groupId: number, keepId: number): Promise<void> {
    await this.#act(groupId, () => this.#client.invoke('search.keepOne', { groupId, keepId }));
  }

  /** This member is a different photo: remembered for good; the groups are recomputed, so all reload. */
  async notDuplicate(groupId: number, imageId: number): Promise<void> {
    try {
      await this.#client.invoke('search.notDuplicate', { groupId, imageId });
      this.#setActionError(groupId, null);
      await this.load();
    } catch (error) {
      this.#setActionError(groupId, errorMessage(error));
    }
  }

  async include(groupId: number, imageId: number): Promise<void> {
    await this.#act(groupId, () => this.#client.invoke('search.setExcluded', { imageIds: [imageId], excluded: false }));
  }

  async #act(groupId: number, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      const group = await this.#client.invoke('search.duplicateGroup', { groupId });
      this.groups = this.groups.map((g) => (g.groupId === groupId ? group : g));
      this.#setActionError(groupId, null);
    } catch (error) {
      this.#setActionError(groupId, errorMessage(error));
    }
  }

  #filter(): { kind?: 'exact' | 'near'; unresolvedOnly?: boolean } {
    return { ...(this.kind === 'all' ? {} : { kind: this.kind }), ...(this.unresolvedOnly ? { unresolvedOnly: true } : {}) };
  }

  #setActionError(groupId: number, message: string | null): void {
    const next = new Map(this.actionErrors);
    if (message === null) next.delete(groupId);
    else next.set(groupId, message);
    this.actionErrors = next;
  }
}
