// Opens a converted Prismer model bundle (convertCheckpoint's folder): reads config.json, checks that the
// graphs it names and the tokenizer files are there, and loads the tokenizer. Nothing is run here.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BundleConfig } from '../convert/convertCheckpoint.ts';
import type { DecodingGraphPaths } from '../tasks/onnxStepDecoder.ts';
import { ByteLevelBpeTokenizer } from '../tokenizer/byteLevelBpeTokenizer.ts';

export interface PrismerBundle {
  readonly dir: string;
  readonly config: BundleConfig;
  readonly encoder: string;
  readonly graphs: DecodingGraphPaths;
  readonly tokenizer: ByteLevelBpeTokenizer;
}

export class BundleError extends Error {
  override name = 'BundleError';
}

export async function loadPrismerBundle(dir: string): Promise<PrismerBundle> {
  const configPath = join(dir, 'config.json');
  if (!existsSync(configPath)) throw new BundleError(`${dir} is not a Prismer model bundle: it has no config.json`);
  let config: BundleConfig;
  try {
    config = JSON.parse(await readFile(configPath, 'utf8')) as BundleConfig;
  } catch (error) {
    throw new BundleError(`${configPath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (config.variant !== 'prismer' && config.variant !== 'prismerz') throw new BundleError(`${configPath} names no Prismer variant`);
  if ('missing' in config.tokenizer) throw new BundleError(`The bundle ${config.name} has no tokenizer: ${config.tokenizer.missing}`);
  const path = (file: string) => {
    const full = join(dir, file);
    if (!existsSync(full)) throw new BundleError(`The bundle ${config.name} is incomplete: ${file} is missing`);
    return full;
  };
  const encoder = path(config.graphs.encoder);
  const graphs = { crossKeyValues: path(config.graphs.decoderCross), step: path(config.graphs.decoderStep) };
  for (const file of config.tokenizer.files) path(file);
  if (config.tokenizer.files.length === 0) throw new BundleError(`The bundle ${config.name} lists no tokenizer files`);
  const tokenizer = await ByteLevelBpeTokenizer.fromDirectory(join(dir, dirname(config.tokenizer.files[0]!)));
  return { dir, config, encoder, graphs, tokenizer };
}
