// Search, saved views and duplicate curation over the library database. Queries arrive validated by the
// contract; saved views are validated again on read. Near-duplicate groups are recomputed when asked
// to, when the threshold changes, and on first use after the library changed (scans emit
// 'library.changed'), so the group view and the duplicate filters never show groups from another library.
import type { StudioDb } from '../../../db/open.ts';
import {
  countDuplicateGroups,
  getDuplicateGroup,
  listDuplicateGroups,
  listHashedImages,
  replaceDuplicateGroups,
  setExcluded,
  type DuplicateGroup,
  type DuplicateKind,
} from '../../../db/queries/duplicates.ts';
import { countSearch, searchImageIds, searchTiles } from '../../../db/queries/imageSearch.ts';
import { deleteSavedView, findSavedViewByName, getSavedView, insertSavedView, listSavedViews, updateSavedView, type SavedViewRow } from '../../../db/queries/savedViews.ts';
import { cameraFacets, detectedLabelFacets, flagKindFacets, questionFacets, segmentationLabelFacets } from '../../../db/queries/searchFacets.ts';
import { StudioError } from '../../api/protocol.ts';
import { searchQuerySchema, type DuplicatePage, type SavedView, type SearchFacets, type SearchPage, type SearchQuery } from '../../api/search.ts';
import type { EventBus } from '../eventBus.ts';
import { defaultNearDuplicateThreshold, groupNearDuplicates } from './nearDuplicateGroups.ts';

export interface SearchServiceDeps {
  readonly db: StudioDb;
  /** Library changes make the duplicate groups stale. */
  readonly bus?: EventBus;
  readonly now?: () => number;
}

export interface DuplicateRequest {
  readonly offset: number;
  readonly limit: number;
  readonly kind?: DuplicateKind | undefined;
  readonly unresolvedOnly?: boolean | undefined;
  readonly refresh?: boolean | undefined;
  readonly threshold?: number | undefined;
}

export class SearchService {
  readonly #db: StudioDb;
  readonly #now: () => number;
  #groups: { threshold: number; computedAt: number } | null = null;

  constructor(deps: SearchServiceDeps) {
    this.#db = deps.db;
    this.#now = deps.now ?? Date.now;
    deps.bus?.on('library.changed', () => {
      this.#groups = null;
    });
  }

  query(query: SearchQuery, offset: number, limit: number): SearchPage {
    this.#groupsFor(query);
    const ids = searchImageIds(this.#db, query, offset, limit);
    return { total: countSearch(this.#db, query), offset, ids, tiles: searchTiles(this.#db, ids) };
  }

  count(query: SearchQuery): number {
    this.#groupsFor(query);
    return countSearch(this.#db, query);
  }

  facets(): SearchFacets {
    const db = this.#db;
    return {
      cameras: cameraFacets(db),
      detectedLabels: detectedLabelFacets(db),
      segmentationLabels: segmentationLabelFacets(db),
      flagKinds: flagKindFacets(db),
      questions: questionFacets(db),
    };
  }

  // ---- saved views -------------------------------------------------------------------------------

  views(): SavedView[] {
    return listSavedViews(this.#db).map(toSavedView);
  }

  /** One saved view by id (its query validated again), or undefined. */
  view(id: number): SavedView | undefined {
    const row = getSavedView(this.#db, id);
    return row && toSavedView(row);
  }

  /** A view by name, for the CLI's --view; throws when it is missing or no longer valid. */
  viewQuery(name: string): SearchQuery {
    const row = findSavedViewByName(this.#db, name);
    if (!row) throw new StudioError('not-found', `There is no saved view named "${name}".`);
    const view = toSavedView(row);
    if (!view.query) throw new StudioError('failed', `The saved view "${name}" cannot be used: ${view.problem}`);
    return view.query;
  }

  /** Creates a view, or replaces the query (and name) of view `id`. */
  saveView(name: string, query: SearchQuery, id?: number): SavedView {
    const db = this.#db;
    const clash = findSavedViewByName(db, name);
    if (clash && clash.id !== id) throw new StudioError('invalid-params', `A saved view named "${name}" already exists.`);
    const json = JSON.stringify(searchQuerySchema.parse(query));
    let viewId = id;
    if (viewId === undefined) viewId = insertSavedView(db, name, json, this.#now());
    else if (!updateSavedView(db, viewId, { name, queryJson: json }, this.#now())) throw new StudioError('not-found', `There is no saved view ${viewId}.`);
    return toSavedView(getSavedView(db, viewId)!);
  }

  renameView(id: number, name: string): SavedView {
    const clash = findSavedViewByName(this.#db, name);
    if (clash && clash.id !== id) throw new StudioError('invalid-params', `A saved view named "${name}" already exists.`);
    if (!updateSavedView(this.#db, id, { name }, this.#now())) throw new StudioError('not-found', `There is no saved view ${id}.`);
    return toSavedView(getSavedView(this.#db, id)!);
  }

  deleteView(id: number): boolean {
    return deleteSavedView(this.#db, id);
  }

  // ---- duplicates --------------------------------------------------------------------------------

  /** Recomputes the near-duplicate groups; returns how many there are. */
  findDuplicates(threshold: number = defaultNearDuplicateThreshold): number {
    const groups = groupNearDuplicates(listHashedImages(this.#db), threshold);
    replaceDuplicateGroups(this.#db, groups);
    this.#groups = { threshold, computedAt: this.#now() };
    return groups.length;
  }

  duplicates(request: DuplicateRequest): DuplicatePage {
    const threshold = request.threshold ?? this.#groups?.threshold ?? defaultNearDuplicateThreshold;
    if (request.refresh || !this.#groups || this.#groups.threshold !== threshold) this.findDuplicates(threshold);
    const filter = { kind: request.kind, unresolvedOnly: request.unresolvedOnly };
    return {
      total: countDuplicateGroups(this.#db, filter),
      offset: request.offset,
      groups: listDuplicateGroups(this.#db, filter, request.offset, request.limit),
      threshold,
      computedAt: this.#groups!.computedAt,
    };
  }

  duplicateGroup(groupId: number): DuplicateGroup {
    this.#ensureGroups();
    const group = getDuplicateGroup(this.#db, groupId);
    if (!group) throw new StudioError('not-found', `There is no duplicate group ${groupId} (the groups may have been recomputed; reload them).`);
    return group;
  }

  /** Keeps `keepId` in exports and excludes every other member of its group. */
  keepOne(groupId: number, keepId: number): { excluded: number; kept: number } {
    const group = this.duplicateGroup(groupId);
    if (!group.members.some((m) => m.id === keepId)) {
      throw new StudioError('invalid-params', `Image ${keepId} is not in duplicate group ${groupId} (the groups may have been recomputed; reload them).`);
    }
    const others = group.members.filter((m) => m.id !== keepId).map((m) => m.id);
    return this.#db.transaction(() => {
      setExcluded(this.#db, [keepId], false);
      setExcluded(this.#db, others, true);
      return { excluded: others.length, kept: keepId };
    })();
  }

  setExcluded(imageIds: readonly number[], excluded: boolean): number {
    return setExcluded(this.#db, imageIds, excluded);
  }

  #ensureGroups(): void {
    if (!this.#groups) this.findDuplicates(defaultNearDuplicateThreshold);
  }

  /** Queries that filter by duplicate groups need current groups. */
  #groupsFor(query: SearchQuery): void {
    if (query.duplicates !== undefined || query.duplicateGroupId !== undefined) this.#ensureGroups();
  }
}

function toSavedView(row: SavedViewRow): SavedView {
  let query: SearchQuery | null = null;
  let problem: string | null = null;
  try {
    const parsed = searchQuerySchema.safeParse(JSON.parse(row.queryJson));
    if (parsed.success) query = parsed.data;
    else problem = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
  } catch (error) {
    problem = `the stored query is not JSON (${(error as Error).message})`;
  }
  return { id: row.id, name: row.name, query, problem, createdAt: row.createdAt, updatedAt: row.updatedAt };
}
