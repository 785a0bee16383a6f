// The encoder's expert inputs for a Prismer (non-Z) bundle: the saved label maps assembled with the
// official label tables (assemblePrismerInputs, expanded to the graph's [1, 64, 224, 224] inputs), the
// instance-embedding rows chosen as 0…N−1 (the official code draws them at random; a fixed choice keeps
// results reproducible). Without installed label tables a Prismer model cannot run: refused by name.
// OCR words get their features (PCA of the CLIP text embedding) when a CLIP text encoder is given and the
// OCR PCA is in the label-table folder; the embeddings are computed here, before the (synchronous)
// assembly. Otherwise the OCR input is all background and the notes say why.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExpertId } from '../../experts/expert.ts';
import type { ClipTextEncoder } from '../../clip/clipTextEncoder.ts';
import { clipTextNotInstalled } from '../../clip/clipTextFiles.ts';
import { TensorClass, type Feeds } from '../../runtime/modelRuntime.ts';
import { assemblePrismerInputs, expandedPrismerInputs, ocrWordsToEmbed, type NamedTensor, type OcrFeatureSource, type SavedLabels } from '../inputs/assembleInputs.ts';
import { parseClipPca, type ClipPca } from '../inputs/clipPca.ts';
import { loadClipPca } from '../inputs/loadClipPca.ts';
import type { LabelTables } from '../inputs/labelTables.ts';
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

/** The OCR PCA in the label-table folder: the official pickle, or its JSON export (shared/prismer's form). */
export const ocrPcaFiles = ['clip_pca.pkl', 'clip_pca.json'] as const;

/** The OCR PCA from the label-table folder, or null when neither file is there. */
export async function loadOcrPca(dir: string): Promise<ClipPca | null> {
  const [pickle, json] = ocrPcaFiles.map((f) => join(dir, f));
  if (existsSync(pickle!)) return loadClipPca(pickle!);
  if (existsSync(json!)) return parseClipPca(JSON.parse(await readFile(json!, 'utf8')) as unknown);
  return null;
}

/**
 * The label tables and OCR PCA of the last label-table folder read, with the size and modification time
 * of its files: a worker runs image after image with the same folder, so they are read and parsed once
 * (about 1.5 MB of JSON) instead of for every image, and read again when a file there changes.
 */
let folderCache: { key: string; tables: Promise<LabelTables>; pca?: Promise<ClipPca | null> } | null = null;

function folderKey(dir: string): string {
  const parts = [...labelTableFiles, ...ocrPcaFiles].map((f) => {
    const path = join(dir, f);
    if (!existsSync(path)) return '-';
    const { size, mtimeMs } = statSync(path);
    return `${size}:${mtimeMs}`;
  });
  return `${dir}\0${parts.join(',')}`;
}

function cachedFolder(dir: string): NonNullable<typeof folderCache> {
  const key = folderKey(dir);
  if (folderCache?.key !== key) {
    const entry: NonNullable<typeof folderCache> = { key, tables: loadLabelTablesFromJson(dir) };
    entry.tables.catch(() => {
      if (folderCache === entry) folderCache = null;
    });
    folderCache = entry;
  }
  return folderCache;
}

function cachedOcrPca(dir: string): Promise<ClipPca | null> {
  const entry = cachedFolder(dir);
  if (!entry.pca) {
    const pca = loadOcrPca(dir);
    pca.catch(() => {
      if (entry.pca === pca) delete entry.pca;
    });
    entry.pca = pca;
  }
  return entry.pca;
}

/** The OCR feature source for these saved outputs, or why there is none (nothing is embedded without words). */
async function ocrFeatureSource(
  saved: Partial<Record<ExpertId, SavedLabels>>,
  labelTablesDir: string,
  clipText: ClipTextEncoder | undefined,
): Promise<{ ocr?: OcrFeatureSource; ocrUnavailable?: string }> {
  const words = ocrWordsToEmbed(saved);
  if (words.length === 0) return {};
  if (!clipText) return { ocrUnavailable: clipTextNotInstalled };
  const pca = await cachedOcrPca(labelTablesDir);
  if (!pca) return { ocrUnavailable: `the OCR PCA (${ocrPcaFiles.join(' or ')}) is not in ${labelTablesDir}` };
  const embeddings = await clipText.embed(words);
  const wordEmbedding = (word: string): Float32Array => {
    const embedding = embeddings.get(word);
    if (!embedding) throw new Error(`No CLIP embedding was computed for the OCR word ${JSON.stringify(word)}`);
    return embedding;
  };
  return { ocr: { pca, wordEmbedding } };
}

export type ExpertFeedsConfig = Pick<BundleConfig, 'name' | 'variant' | 'experts' | 'encoderInputs'>;

/** `clipText`: the CLIP text encoder for OCR word features, when its model is installed. */
export async function prismerExpertFeeds(
  config: ExpertFeedsConfig,
  saved: Partial<Record<ExpertId, SavedLabels>>,
  labelTablesDir: string | undefined,
  clipText?: ClipTextEncoder,
): Promise<ExpertFeeds> {
  if (config.variant === 'prismerz' || config.experts.length === 0) return { feeds: {}, missing: [], notes: [] };
  const problem = labelTablesProblem(config, labelTablesDir);
  if (problem) throw new LabelTablesMissingError(problem);
  const tables = await cachedFolder(labelTablesDir!).tables;
  const wanted = new Set(config.encoderInputs.map((i) => i.name));
  const ocr = wanted.has('ocr_detection') ? await ocrFeatureSource(saved, labelTablesDir!, clipText) : {};
  const assembled = assemblePrismerInputs(saved, { tables, ...ocr });
  // The converter's encoder takes the compact form (label map + feature table, looked up inside the graph);
  // a graph with 64-channel inputs gets them expanded (only built when asked for: 3 × 64 × 224² floats).
  const wantsExpanded = ['seg', 'obj_detection', 'ocr_detection'].some((name) => wanted.has(name));
  const tensors: Record<string, NamedTensor> = { ...assembled.tensors, ...(wantsExpanded ? expandedPrismerInputs(assembled) : {}) };
  const ids = tensors['obj_detection.instance_ids']!;
  tensors['obj_detection.instance_embedding_index'] = { shape: ids.shape, data: Int32Array.from({ length: ids.data.length }, (_, i) => i) };
  const feeds: Feeds = {};
  for (const [name, t] of Object.entries(tensors)) {
    if (!wanted.has(name)) continue;
    feeds[name] = t.data instanceof Int32Array ? new TensorClass('int32', t.data, t.shape) : new TensorClass('float32', t.data, t.shape);
  }
  return { feeds, missing: assembled.missing, notes: assembled.notes };
}
