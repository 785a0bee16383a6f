// Search, saved views and duplicate curation over the library database. Queries arrive validated by the
// contract; saved views are validated again on read. Duplicate groups are recomputed when asked to, when
// the threshold changes, when a pair is marked "not a duplicate", and on first use after the library
// changed (scans emit 'library.changed'; the API brings them up to date before a query that filters by
// them), so the group view and the duplicate filters never show groups from another library.
import type { StudioDb } from '../../../db/open.ts';
import {
  countDuplicateGroups,
  getDuplicateGroup,
  listDuplicateGroups,
  imagesWithContents,
  insertNearDuplicateCheck,
  insertNotDuplicatePairs,
  listHashedImages,
  listNearDuplicateChecks,
  listNotDuplicatePairs,
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
import { structureSignature } from '../../../native-models/imageOps/structureDifference.ts';
import { findDuplicateGroups } from './duplicateGroups.ts';
import { readImageFile } from './inspectImage.ts';
import { defaultNearDuplicateThreshold } from './nearDuplicateCandidates.ts';

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
  #computing: { threshold: number; done: Promise<number> } | null = null;

  constructor(deps: SearchServiceDeps) {
    this.#db = deps.db;
    this.#now = deps.now ?? Date.now;
    deps.bus?.on('library.changed', () => {
      this.#groups = null;
    });
  }

  query(query: SearchQuery, offset: number, limit: number): SearchPage {
    const ids = searchImageIds(this.#db, query, offset, limit);
    return { total: countSearch(this.#db, query), offset, ids, tiles: searchTiles(this.#db, ids) };
  }

  count(query: SearchQuery): number {
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

  /** Recomputes the duplicate groups (exact and near); returns how many there are. */
  async findDuplicates(threshold: number = defaultNearDuplicateThreshold): Promise<number> {
    // Concurrent callers (the grid's filter and the group view at once) share one computation.
    if (this.#computing?.threshold === threshold) return this.#computing.done;
    const done = this.#computeGroups(threshold).finally(() => {
      if (this.#computing?.done === done) this.#computing = null;
    });
    this.#computing = { threshold, done };
    return done;
  }

  async #computeGroups(threshold: number): Promise<number> {
    const db = this.#db;
    const checks = listNearDuplicateChecks(db);
    const notDuplicates = listNotDuplicatePairs(db);
    const found = await findDuplicateGroups(listHashedImages(db), {
      threshold,
      store: {
        knownDifference: (a, b) => checks.get(`${a} ${b}`),
        rememberDifference: (a, b, difference) => {
          checks.set(`${a} ${b}`, difference);
          insertNearDuplicateCheck(db, a, b, difference);
        },
        isNotDuplicate: (a, b) => notDuplicates.has(`${a} ${b}`),
      },
      // The file as it is now, and only if it still holds the content that was hashed.
      signatureOf: async (image) => {
        const file = await readImageFile(image.path);
        return file.contentHash === image.contentHash ? structureSignature(file.bytes) : null;
      },
    });
    replaceDuplicateGroups(db, found);
    this.#groups = { threshold, computedAt: this.#now() };
    return found.exact.length + found.near.length;
  }

  async duplicates(request: DuplicateRequest): Promise<DuplicatePage> {
    const threshold = request.threshold ?? this.#groups?.threshold ?? defaultNearDuplicateThreshold;
    if (request.refresh || !this.#groups || this.#groups.threshold !== threshold) await this.findDuplicates(threshold);
    const filter = { kind: request.kind, unresolvedOnly: request.unresolvedOnly };
    return {
      total: countDuplicateGroups(this.#db, filter),
      offset: request.offset,
      groups: listDuplicateGroups(this.#db, filter, request.offset, request.limit),
      threshold,
      computedAt: this.#groups!.computedAt,
    };
  }

  async duplicateGroup(groupId: number): Promise<DuplicateGroup> {
    await this.prepareFor({ duplicateGroupId: groupId });
    return this.#storedGroup(groupId);
  }

  #storedGroup(groupId: number): DuplicateGroup {
    const group = getDuplicateGroup(this.#db, groupId);
    if (!group) throw new StudioError('not-found', `There is no duplicate group ${groupId} (the groups may have been recomputed; reload them).`);
    return group;
  }

  #memberOf(groupId: number, imageId: number): DuplicateGroup {
    const group = this.#storedGroup(groupId);
    if (!group.members.some((m) => m.id === imageId)) {
      throw new StudioError('invalid-params', `Image ${imageId} is not in duplicate group ${groupId} (the groups may have been recomputed; reload them).`);
    }
    return group;
  }

  /**
   * Keeps `keepId` in exports and excludes every other member of its group. In a near group each member
   * stands for its content, so the other members' exact copies are excluded with them.
   */
  keepOne(groupId: number, keepId: number): { excluded: number; kept: number } {
    const group = this.#memberOf(groupId, keepId);
    const kept = group.members.find((m) => m.id === keepId)!;
    const others =
      group.kind === 'exact'
        ? group.members.filter((m) => m.id !== keepId).map((m) => m.id)
        : imagesWithContents(this.#db, group.members.filter((m) => m.contentHash !== kept.contentHash).flatMap((m) => (m.contentHash ? [m.contentHash] : [])));
    return this.#db.transaction(() => {
      setExcluded(this.#db, [keepId], false);
      setExcluded(this.#db, others, true);
      return { excluded: others.length, kept: keepId };
    })();
  }

  /**
   * "Not a duplicate": `imageId` is a different photo from every other member of its near group. The
   * decision is kept per pair of contents (it survives rescans and recomputations) and the groups are
   * recomputed; returns the groups as they are now for that image.
   */
  async notDuplicate(groupId: number, imageId: number): Promise<{ pairs: number; groups: number }> {
    const group = this.#memberOf(groupId, imageId);
    if (group.kind === 'exact') {
      throw new StudioError('invalid-params', `The files in duplicate group ${groupId} have the same bytes: they are copies of one file, not different photos.`);
    }
    const own = group.members.find((m) => m.id === imageId)!.contentHash!;
    const pairs = group.members
      .filter((m) => m.contentHash && m.contentHash !== own)
      .map((m) => [own, m.contentHash!] as const);
    const added = insertNotDuplicatePairs(this.#db, pairs, this.#now());
    const groups = await this.findDuplicates(this.#groups?.threshold ?? defaultNearDuplicateThreshold);
    return { pairs: added, groups };
  }

  setExcluded(imageIds: readonly number[], excluded: boolean): number {
    return setExcluded(this.#db, imageIds, excluded);
  }

  /**
   * Queries that filter by duplicate groups need current groups: brings them up to date when the library
   * changed since they were computed. Without it a query reads the groups as last stored.
   */
  async prepareFor(query: Pick<SearchQuery, 'duplicates' | 'duplicateGroupId'>): Promise<void> {
    if ((query.duplicates !== undefined || query.duplicateGroupId !== undefined) && !this.#groups) {
      await this.findDuplicates(defaultNearDuplicateThreshold);
    }
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
