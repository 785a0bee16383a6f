// The search domain of the contract: library search (full text and filters, paged like the grid),
// saved views, and duplicates (exact and near, the group view, keep one / exclude the rest).
// Registered by spreading `searchMethods` into contract.ts's methodSchemas, `SearchResults` into
// MethodResults, and `createSearchHandlers(studio.search)` into createHandlers.
import { z } from 'zod';
import type { DuplicateGroup, DuplicateMember } from '../../db/queries/duplicates.ts';
import type { SearchTile } from '../../db/queries/imageSearch.ts';
import type { SearchService } from '../services/library/searchService.ts';

export type { DuplicateGroup, DuplicateMember, SearchTile };

const id = z.number().int().positive();
const label = z.string().min(1).max(200);
const share = z.number().min(0).max(1);
const time = z.number().int();

export const searchQuerySchema = z
  .object({
    text: z.string().max(1000).optional(),
    textIn: z.array(z.enum(['captions', 'ocr', 'tags'])).max(3).optional(),
    status: z.enum(['ok', 'failed', 'missing', 'all']).optional(),
    folderId: id.optional(),
    relDir: z.string().max(4096).optional(),
    reviewStatus: z.array(z.enum(['none', 'pending', 'accepted', 'rejected'])).max(4).optional(),
    flagKinds: z.array(label).max(20).optional(),
    flagged: z.boolean().optional(),
    detected: z
      .array(z.object({ label, minCount: z.number().int().min(1).max(10_000).optional(), minScore: share.optional() }).strict())
      .max(20)
      .optional(),
    segmentation: z.array(z.object({ label, minShare: share.optional(), maxShare: share.optional() }).strict()).max(20).optional(),
    hasText: z.boolean().optional(),
    depth: z
      .array(z.object({ stat: z.enum(['min', 'max', 'median', 'normalisedMedian']), min: z.number().optional(), max: z.number().optional() }).strict())
      .max(8)
      .optional(),
    takenFrom: time.optional(),
    takenTo: time.optional(),
    addedFrom: time.optional(),
    addedTo: time.optional(),
    cameraModels: z.array(label).max(50).optional(),
    cameraMakes: z.array(label).max(50).optional(),
    duplicates: z.enum(['exact', 'near', 'none']).optional(),
    duplicateGroupId: id.optional(),
    excluded: z.boolean().optional(),
    vqa: z
      .array(z.object({ question: z.string().min(1).max(1000), answers: z.array(z.string().max(1000)).max(50).optional(), minScore: z.number().optional() }).strict())
      .max(10)
      .optional(),
    sort: z.enum(['path', 'name', 'taken', 'added', 'size', 'review', 'detections', 'vqaAnswer', 'vqaScore']).optional(),
    sortQuestion: z.string().min(1).max(1000).optional(),
    descending: z.boolean().optional(),
  })
  .strict()
  .refine((q) => !(q.sort === 'vqaAnswer' || q.sort === 'vqaScore') || q.sortQuestion !== undefined, {
    message: 'Sorting by a VQA answer or score needs sortQuestion (the question whose answers sort the results).',
    path: ['sortQuestion'],
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

const viewName = z.string().trim().min(1).max(200);

export interface SearchPage {
  readonly total: number;
  readonly offset: number;
  readonly ids: number[];
  /** Grid tiles for `ids`, in the same order. */
  readonly tiles: SearchTile[];
}

export interface SavedView {
  readonly id: number;
  readonly name: string;
  /** null when the stored query is no longer valid (saved by another build, or edited by hand). */
  readonly query: SearchQuery | null;
  /** Why the stored query was refused; null when it is valid. */
  readonly problem: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface DuplicatePage {
  readonly total: number;
  readonly offset: number;
  readonly groups: DuplicateGroup[];
  /** Bits within which two perceptual hashes counted as the same photo. */
  readonly threshold: number;
  /** When the groups were computed (ms since epoch). */
  readonly computedAt: number;
}

export interface SearchFacets {
  readonly cameras: { make: string | null; model: string | null; count: number }[];
  readonly detectedLabels: { label: string; count: number }[];
  readonly segmentationLabels: { label: string; count: number }[];
  readonly flagKinds: { kind: string; count: number }[];
  readonly questions: { question: string; count: number }[];
}

export const searchMethods = {
  'search.query': z.object({ query: searchQuerySchema, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).strict(),
  'search.count': z.object({ query: searchQuerySchema }).strict(),
  'search.facets': z.object({}).strict(),
  'search.views': z.object({}).strict(),
  'search.saveView': z.object({ name: viewName, query: searchQuerySchema, id: id.optional() }).strict(),
  'search.renameView': z.object({ id, name: viewName }).strict(),
  'search.deleteView': z.object({ id }).strict(),
  'search.duplicates': z
    .object({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      kind: z.enum(['exact', 'near']).optional(),
      unresolvedOnly: z.boolean().optional(),
      /** Recompute the groups first (always done when the library changed since the last time). */
      refresh: z.boolean().optional(),
      threshold: z.number().int().min(0).max(12).optional(),
    })
    .strict(),
  'search.duplicateGroup': z.object({ groupId: id }).strict(),
  'search.keepOne': z.object({ groupId: id, keepId: id }).strict(),
  /** This member of a near group is a different photo from the others (kept for good; groups recomputed). */
  'search.notDuplicate': z.object({ groupId: id, imageId: id }).strict(),
  'search.setExcluded': z.object({ imageIds: z.array(id).min(1).max(100_000), excluded: z.boolean() }).strict(),
} as const;

export interface SearchResults {
  'search.query': SearchPage;
  'search.count': { total: number };
  'search.facets': SearchFacets;
  'search.views': SavedView[];
  'search.saveView': SavedView;
  'search.renameView': SavedView;
  'search.deleteView': { deleted: boolean };
  'search.duplicates': DuplicatePage;
  'search.duplicateGroup': DuplicateGroup;
  'search.keepOne': { excluded: number; kept: number };
  'search.notDuplicate': { pairs: number; groups: number };
  'search.setExcluded': { changed: number };
}

type SearchMethod = keyof typeof searchMethods;
export type SearchHandlers = {
  [M in SearchMethod]: (params: z.output<(typeof searchMethods)[M]>) => SearchResults[M] | Promise<SearchResults[M]>;
};

export function createSearchHandlers(search: SearchService): SearchHandlers {
  return {
    'search.query': async ({ query, offset, limit }) => {
      await search.prepareFor(query);
      return search.query(query, offset, limit);
    },
    'search.count': async ({ query }) => {
      await search.prepareFor(query);
      return { total: search.count(query) };
    },
    'search.facets': () => search.facets(),
    'search.views': () => search.views(),
    'search.saveView': ({ name, query, id: viewId }) => search.saveView(name, query, viewId),
    'search.renameView': ({ id: viewId, name }) => search.renameView(viewId, name),
    'search.deleteView': ({ id: viewId }) => ({ deleted: search.deleteView(viewId) }),
    'search.duplicates': ({ offset, limit, kind, unresolvedOnly, refresh, threshold }) =>
      search.duplicates({ offset, limit, kind, unresolvedOnly, refresh: refresh ?? false, threshold }),
    'search.duplicateGroup': ({ groupId }) => search.duplicateGroup(groupId),
    'search.keepOne': ({ groupId, keepId }) => search.keepOne(groupId, keepId),
    'search.notDuplicate': ({ groupId, imageId }) => search.notDuplicate(groupId, imageId),
    'search.setExcluded': ({ imageIds, excluded }) => ({ changed: search.setExcluded(imageIds, excluded) }),
  };
}
