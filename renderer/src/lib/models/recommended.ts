// The recommended set and the licences a set of downloads comes under: which recommended Hub models are
// still to get (not installed, not downloading), their combined size, and one entry per licence with
// the models under it, for the single confirmation before downloading several. Pure functions.
import type { DownloadSource, Licence, ModelInfo } from '../api/types.ts';
import { formatDownloadSize } from '../utils/format.ts';

/** Recommended Hub models that are neither installed nor on their way (a failed one is offered again). */
export function recommendedToGet(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((m) => m.recommended && m.origin === 'hub' && (m.status === 'not-installed' || m.status === 'failed'));
}

export interface SetSize {
  readonly bytes: number;
  /** Some sizes are the model page's rounded figures, or unknown (counted as 0). */
  readonly approximate: boolean;
}

/** Bytes still to download: a partial download counts only what is left. */
export function totalSize(models: readonly Pick<ModelInfo, 'size' | 'sizeIsApproximate' | 'partialBytes'>[]): SetSize {
  let bytes = 0;
  let approximate = false;
  for (const m of models) {
    if (m.size === null) {
      approximate = true;
      continue;
    }
    if (m.sizeIsApproximate) approximate = true;
    bytes += Math.max(0, m.size - (m.partialBytes ?? 0));
  }
  return { bytes, approximate };
}

export function setSizeLabel(size: SetSize): string {
  return `${size.approximate ? '≈ ' : ''}${formatDownloadSize(size.bytes)}`;
}

/** "Recommended set: 9 to download (≈ 540 MB)", or that everything recommended is here. */
export function recommendedSummary(models: readonly ModelInfo[]): string {
  const toGet = recommendedToGet(models);
  if (toGet.length === 0) {
    const coming = models.some((m) => m.recommended && m.status === 'downloading');
    return coming ? 'Recommended set: the rest is downloading.' : 'Recommended set: everything is installed.';
  }
  return `Recommended set: ${toGet.length} to download (${setSizeLabel(totalSize(toGet))})`;
}

export interface LicenceGroup {
  readonly licence: Licence;
  readonly models: readonly ModelInfo[];
}

/** One entry per licence (by name and URL), non-commercial ones first; models without a licence are left out. */
export function licenceGroups(models: readonly ModelInfo[]): LicenceGroup[] {
  const groups = new Map<string, { licence: Licence; models: ModelInfo[] }>();
  for (const model of models) {
    if (!model.licence) continue;
    const key = `${model.licence.name}\n${model.licence.url}`;
    const group = groups.get(key);
    if (group) group.models.push(model);
    else groups.set(key, { licence: model.licence, models: [model] });
  }
  return [...groups.values()].sort((a, b) => Number(b.licence.nonCommercial) - Number(a.licence.nonCommercial));
}

/** Whether the user must tick "I accept" before these can be downloaded. */
export function needsAcceptance(models: readonly Pick<ModelInfo, 'licence'>[]): boolean {
  return models.some((m) => m.licence?.nonCommercial === true);
}

/**
 * The hosts a set of installs contacts, in the order the downloads run, each with what comes from it:
 * the confirmation names every one (a firewall or a cautious user needs to know).
 */
export function downloadHosts(models: readonly Pick<ModelInfo, 'downloadsFrom'>[]): { host: string; what: string[] }[] {
  const hosts = new Map<string, string[]>();
  for (const source of models.flatMap((m): readonly DownloadSource[] => m.downloadsFrom)) {
    const what = hosts.get(source.host) ?? [];
    if (!what.includes(source.what)) what.push(source.what);
    hosts.set(source.host, what);
  }
  return [...hosts].map(([host, what]) => ({ host, what }));
}
