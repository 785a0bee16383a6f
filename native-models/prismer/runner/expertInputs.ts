// The encoder's expert inputs for a Prismer (non-Z) bundle: the saved label maps assembled with the
// official label tables (assemblePrismerInputs, expanded to the graph's [1, 64, 224, 224] inputs), the
// instance-embedding rows chosen as 0…N−1 (the official code draws them at random; a fixed choice keeps
// results reproducible). Without installed label tables a Prismer model cannot run: refused by name.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpertId } from '../../experts/expert.ts';
import { TensorClass, type Feeds } from '../../runtime/modelRuntime.ts';
import { assemblePrismerInputs, expandedPrismerInputs, type SavedLabels } from '../inputs/assembleInputs.ts';
import { loadLabelTablesFromJson } from '../inputs/loadLabelTables.ts';
import type { BundleConfig } from '../convert/convertCheckpoint.ts';

export const labelTableFiles = ['coco.json', 'ade.json', 'detection.json', 'background.json'] as const;

export class LabelTablesMissingError extends Error {
  override name = 'LabelTablesMissingError';
}

/** Why a Prismer model cannot run with this label-table folder, or null when it can. */
export function labelTablesProblem(config: Pick<BundleConfig, 'name' | 'variant'>, dir: string | undefined): string | null {
  if (config.variant === 'prismerz') return null;
  const missing = dir ? labelTableFiles.filter((f) => !existsSync(join(dir, f))) : [...labelTableFiles];
  if (missing.length === 0) return null;
  return (
    `${config.name} is a Prismer model with expert inputs, which need Prismer's label tables (${missing.join(', ')}) ` +
    `${dir ? `in ${dir}` : ''}; they are not installed. PrismerZ models run on RGB alone.`
  );
}

export interface ExpertFeeds {
  readonly feeds: Feeds;
  readonly missing: readonly ExpertId[];
  readonly notes: readonly string[];
}

export async function prismerExpertFeeds(config: BundleConfig, saved: Partial<Record<ExpertId, SavedLabels>>, labelTablesDir: string | undefined): Promise<ExpertFeeds> {
  if (config.variant === 'prismerz' || config.experts.length === 0) return { feeds: {}, missing: [], notes: [] };
  const problem = labelTablesProblem(config, labelTablesDir);
  if (problem) throw new LabelTablesMissingError(problem);
  const tables = await loadLabelTablesFromJson(labelTablesDir!);
  const assembled = assemblePrismerInputs(saved, { tables });
  const tensors = expandedPrismerInputs(assembled);
  const ids = tensors['obj_detection.instance_ids']!;
  tensors['obj_detection.instance_embedding_index'] = { shape: ids.shape, data: Int32Array.from({ length: ids.data.length }, (_, i) => i) };
  const wanted = new Set(config.encoderInputs.map((i) => i.name));
  const feeds: Feeds = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (!wanted.has(name)) continue;
    feeds[name] = t.data instanceof Int32Array ? new TensorClass('int32', t.data, t.shape) : new TensorClass('float32', t.data, t.shape);
  }
  return { feeds, missing: assembled.missing, notes: assembled.notes };
}
