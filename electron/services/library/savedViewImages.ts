// A saved view as the list of its image ids, in the view's order — what batch jobs ("caption this view")
// and exports work on. The view's query is validated again on read (SearchService), so a view saved by
// another build that no longer parses is refused by name rather than guessed at.
import type { StudioDb } from '../../../db/open.ts';
import { searchImageIds } from '../../../db/queries/imageSearch.ts';
import { StudioError } from '../../api/protocol.ts';
import type { SearchService } from './searchService.ts';

export function savedViewImageIds(db: StudioDb, search: Pick<SearchService, 'view' | 'count'>, viewId: number): number[] {
  const view = search.view(viewId);
  if (!view) throw new StudioError('not-found', `There is no saved view ${viewId}.`);
  if (!view.query) throw new StudioError('invalid', `The saved view "${view.name}" cannot be used: ${view.problem ?? 'its query is not valid'}.`);
  // count() also brings the duplicate groups up to date for queries that filter by them.
  const total = search.count(view.query);
  return total === 0 ? [] : searchImageIds(db, view.query, 0, total);
}
