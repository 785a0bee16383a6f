// `prismer-studio search "<text>" [filters]`: the app's search (captions, OCR text and tags; detected
// objects, segment shares, review state, flags, duplicates, camera) from the command line. Filters that
// have no flag can be given as the app's query JSON with --query; everything is validated by the same
// schema the app's search goes through.
import { searchQuerySchema, type SearchQuery } from '../api/search.ts';
import type { Studio } from '../studio.ts';
import { fail, messageOf, positiveInt, UsageError } from './errors.ts';

export const searchUsage =
  'Usage: prismer-studio search "<text>" [--detected LABEL[:COUNT]]... [--segment LABEL[:MIN_SHARE]]... [--has-text] [--review none|pending|accepted|rejected] [--flagged] [--duplicates exact|near|none] [--camera MODEL] [--query JSON] [--limit N] [--db FILE] [--json]';

export interface SearchCommandOptions {
  readonly args: readonly string[];
  readonly detected?: readonly string[] | undefined;
  readonly segment?: readonly string[] | undefined;
  readonly hasText?: boolean | undefined;
  readonly review?: string | undefined;
  readonly flagged?: boolean | undefined;
  readonly duplicates?: string | undefined;
  readonly camera?: string | undefined;
  readonly query?: string | undefined;
  readonly limit?: string | undefined;
  readonly json: boolean;
}

/** "dog:2" → label dog, at least 2; "sky:0.3" → label sky, at least 30 % of the photo. */
function labelAndNumber(value: string): { label: string; number: number | undefined } {
  const match = /^(.*?)(?::([0-9.]+))?$/.exec(value.trim())!;
  const number = match[2] === undefined ? undefined : Number(match[2]);
  if (!match[1] || (number !== undefined && !Number.isFinite(number))) throw new UsageError(`"${value}" is not LABEL or LABEL:NUMBER`);
  return { label: match[1], number };
}

export function searchQueryOf(options: SearchCommandOptions): SearchQuery {
  let base: unknown = {};
  if (options.query) {
    try {
      base = JSON.parse(options.query);
    } catch {
      throw new UsageError('--query must be a JSON object (the app\'s search query)');
    }
  }
  const text = options.args.join(' ').trim();
  const query: Record<string, unknown> = { ...(base as object) };
  if (text) query.text = text;
  if (options.detected?.length) {
    query.detected = options.detected.map((d) => {
      const { label, number } = labelAndNumber(d);
      if (number !== undefined && !Number.isInteger(number)) throw new UsageError(`--detected ${d}: the count must be a whole number`);
      return { label, ...(number !== undefined ? { minCount: number } : {}) };
    });
  }
  if (options.segment?.length) {
    query.segmentation = options.segment.map((s) => {
      const { label, number } = labelAndNumber(s);
      return { label, ...(number !== undefined ? { minShare: number } : {}) };
    });
  }
  if (options.hasText) query.hasText = true;
  if (options.review) query.reviewStatus = [options.review];
  if (options.flagged) query.flagged = true;
  if (options.duplicates) query.duplicates = options.duplicates;
  if (options.camera) query.cameraModels = [options.camera];
  const parsed = searchQuerySchema.safeParse(query);
  if (!parsed.success) throw new UsageError(`Not a valid search: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export async function searchCommand(studio: Studio, options: SearchCommandOptions): Promise<number> {
  let query: SearchQuery;
  let limit: number;
  try {
    query = searchQueryOf(options);
    limit = positiveInt(options.limit, '--limit') ?? 50;
  } catch (error) {
    if (error instanceof UsageError) return fail(options.json, `${error.message}\n${searchUsage}`, 2);
    throw error;
  }
  try {
    await studio.search.prepareFor(query);
    const page = studio.search.query(query, 0, limit);
    const images = page.tiles.map((tile) => {
      const detail = studio.library.image(tile.id);
      return { id: tile.id, path: detail.path, status: tile.status, reviewStatus: tile.reviewStatus, width: tile.width, height: tile.height };
    });
    if (options.json) console.log(JSON.stringify({ query, total: page.total, images }, null, 2));
    else {
      console.log(`${page.total} photo${page.total === 1 ? '' : 's'} match${page.total === 1 ? 'es' : ''}${page.total > images.length ? ` (the first ${images.length} shown; --limit N for more)` : ''}.`);
      for (const image of images) console.log(`  ${String(image.id).padStart(6)}  ${image.path}${image.reviewStatus !== 'none' ? `  [${image.reviewStatus}]` : ''}`);
    }
    return page.total === 0 ? 1 : 0;
  } catch (error) {
    return fail(options.json, messageOf(error), 1);
  }
}
