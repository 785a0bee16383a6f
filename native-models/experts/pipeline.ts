// Runs the chosen experts on one image in dependency order (depth before detection, which orders boxes
// by depth, and before normals derived from depth), each with the first implementation whose model
// files are installed. An expert with nothing installed is reported as missing, never faked; one that
// fails reports its error and the others still run.
import type { ModelRuntime } from '../runtime/modelRuntime.ts';
import { runExpert, type ExpertId, type ExpertOutput, type RgbImage } from './expert.ts';
import type { ExpertImplementation } from './registry.ts';

/** Resolves a catalog id to an installed file path, or null when it is not installed. */
export type ModelFileResolver = (catalogId: string) => { path: string; version: string } | null;

export interface PipelineChoice {
  readonly expert: ExpertId;
  readonly implementation: ExpertImplementation;
  readonly files: Record<string, string>;
  readonly modelVersion: string;
}

export type PipelineResult =
  | { readonly expert: ExpertId; readonly status: 'done'; readonly output: ExpertOutput; readonly label: string }
  | { readonly expert: ExpertId; readonly status: 'missing'; readonly reason: string }
  | { readonly expert: ExpertId; readonly status: 'failed'; readonly error: string; readonly label: string };

const runOrder: readonly ExpertId[] = ['depth', 'edge', 'seg', 'ocr', 'normal', 'det'];

export function chooseImplementation(
  expert: ExpertId,
  candidates: readonly ExpertImplementation[],
  resolve: ModelFileResolver,
): PipelineChoice | { expert: ExpertId; missing: string } {
  for (const implementation of candidates) {
    const files: Record<string, string> = {};
    const versions: string[] = [];
    let complete = true;
    for (const [role, catalogId] of Object.entries(implementation.files)) {
      const found = resolve(catalogId);
      if (!found) {
        complete = false;
        break;
      }
      files[role] = found.path;
      versions.push(found.version);
    }
    // A classical method has no file: its version is the implementation's own.
    if (complete) return { expert, implementation, files, modelVersion: versions.join('+') || implementation.create('').modelVersion };
  }
  const wanted = candidates.map((c) => c.files.model ?? Object.values(c.files)[0]).filter((id): id is string => id !== undefined);
  return {
    expert,
    missing: wanted.length ? `No ${expert} model is installed (install one of: ${[...new Set(wanted)].join(', ')}).` : `No ${expert} implementation is available.`,
  };
}

export async function runPipeline(
  image: RgbImage,
  choices: readonly (PipelineChoice | { expert: ExpertId; missing: string })[],
  runtime: ModelRuntime,
  signal?: AbortSignal,
): Promise<PipelineResult[]> {
  const previous = new Map<ExpertId, ExpertOutput>();
  const results: PipelineResult[] = [];
  const ordered = [...choices].sort((a, b) => runOrder.indexOf(a.expert) - runOrder.indexOf(b.expert));
  for (const choice of ordered) {
    signal?.throwIfAborted();
    if ('missing' in choice) {
      results.push({ expert: choice.expert, status: 'missing', reason: choice.missing });
      continue;
    }
    const expert = choice.implementation.create(choice.modelVersion);
    const unmet = (expert.needs ?? []).filter((need) => !previous.has(need));
    if (unmet.length > 0 && expert.isFallback) {
      results.push({ expert: choice.expert, status: 'missing', reason: `${choice.implementation.label} needs the ${unmet.join(', ')} expert's output, which is not available.` });
      continue;
    }
    try {
      const produced = await runExpert(expert, image, { runtime, modelFiles: choice.files, previous, ...(signal ? { signal } : {}) });
      // The version stored is the one chosen from the installed files, so "already done" checks match.
      const output = { ...produced, modelVersion: choice.modelVersion };
      previous.set(choice.expert, output);
      results.push({ expert: choice.expert, status: 'done', output, label: choice.implementation.label });
    } catch (error) {
      if (signal?.aborted) throw error;
      results.push({ expert: choice.expert, status: 'failed', error: error instanceof Error ? error.message : String(error), label: choice.implementation.label });
    }
  }
  return results;
}
