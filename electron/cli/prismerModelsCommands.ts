// `prismer-studio models convert <checkpoint> …` (a local Prismer checkpoint → a model bundle in
// <modelsDir>/prismer/<NAME>/, with a progress line on stderr) and `prismer-studio models check-parity
// <dir>` (convert a parity case, run its inputs, print the largest errors of memory and logits; exit 1
// when either is over 1e-4 × max(1, largest |expected|)). Errors print one sentence; 2 is bad usage.
import { join } from 'node:path';
import { checkParity, type TensorErrors } from '../../native-models/prismer/convert/checkParity.ts';
import { convertCheckpoint, type ConvertProgress } from '../../native-models/prismer/convert/convertCheckpoint.ts';
import { modelsDir } from '../dataDir.ts';
import { fail, messageOf } from './errors.ts';
import { formatBytes } from '../services/files/byteSizes.ts';
import { isWeightPrecision, WEIGHT_PRECISIONS, type WeightPrecision } from '../../native-models/onnx/precision/weightPrecision.ts';

export const prismerModelsUsage = `  prismer-studio models convert <checkpoint> --name NAME [--variant prismer|prismerz] [--size base|large] [--resolution 480] [--tokenizer DIR] [--json]
  prismer-studio models check-parity <dir> [--precision fp32|fp16|fp16-compute|int8] [--json]`;

export interface PrismerModelsOptions {
  readonly args: readonly string[];
  readonly dataDir: string;
  readonly json: boolean;
  readonly variant?: string;
  readonly size?: string;
  readonly resolution?: string;
  readonly name?: string;
  readonly tokenizer?: string;
  readonly precision?: string;
  readonly stream?: NodeJS.WriteStream;
}

export const isPrismerModelsCommand = (sub: string | undefined): boolean => sub === 'convert' || sub === 'check-parity';

/** One progress line on stderr: redrawn on a terminal, a new line per step elsewhere. */
function progressLine(stream: NodeJS.WriteStream): { update: (p: ConvertProgress) => void; done: () => void } {
  let lastStep = '';
  let drawn = false;
  return {
    update(p) {
      const line = `${Math.round(p.fraction * 100).toString().padStart(3)}%  ${p.detail}`;
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line}`);
        drawn = true;
      } else if (p.step !== lastStep) {
        stream.write(`${line}\n`);
      }
      lastStep = p.step;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

export const errorLine = (name: string, e: TensorErrors): string =>
  `${name}: max abs ${e.maxAbs.toExponential(1)}, max rel ${e.maxRel.toExponential(1)} (allowed abs ${e.allowed.toExponential(1)}) — ${e.ok ? 'OK' : 'FAIL'}`;

export async function prismerModelsCommand(options: PrismerModelsOptions): Promise<number> {
  const [sub, ...rest] = options.args;
  if (options.precision !== undefined && !isWeightPrecision(options.precision)) {
    return fail(options.json, `--precision must be one of ${WEIGHT_PRECISIONS.join(', ')}, not "${options.precision}"`, 2);
  }
  const precision = options.precision as WeightPrecision | undefined;
  const stream = options.stream ?? process.stderr;
  const progress = progressLine(stream);
  try {
    if (sub === 'check-parity') {
      if (rest.length !== 1) return fail(options.json, 'Usage: prismer-studio models check-parity <dir> [--json]', 2);
      const result = await checkParity(rest[0]!, { ...(precision ? { precision } : {}), onProgress: stream.isTTY && !options.json ? progress.update : undefined }).finally(progress.done);
      if (options.json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(errorLine('memory', result.memory));
        console.log(errorLine('logits', result.logits));
        console.log(result.ok ? `Parity OK at ${result.precision} (${result.seconds.toFixed(1)} s).` : `Parity FAILED at ${result.precision}: an error is over ${result.tolerance} × max(1, largest |expected|).`);
      }
      return result.ok ? 0 : 1;
    }
    if (sub === 'convert') {
      const usage = 'Usage: prismer-studio models convert <checkpoint> --name NAME [--variant prismer|prismerz] [--size base|large] [--resolution N] [--tokenizer DIR] [--json]';
      if (rest.length !== 1 || !options.name) return fail(options.json, usage, 2);
      if (!/^[\w.-]+$/.test(options.name)) return fail(options.json, `--name "${options.name}" may only hold letters, digits, ".", "_" and "-"`, 2);
      if (options.variant && options.variant !== 'prismer' && options.variant !== 'prismerz') return fail(options.json, `--variant must be prismer or prismerz, not "${options.variant}"`, 2);
      if (options.size && options.size !== 'base' && options.size !== 'large') return fail(options.json, `--size must be base or large, not "${options.size}"`, 2);
      const resolution = options.resolution === undefined ? undefined : Number(options.resolution);
      if (resolution !== undefined && !Number.isSafeInteger(resolution)) return fail(options.json, `--resolution must be a whole number of pixels, not "${options.resolution}"`, 2);
      const outDir = join(modelsDir({ dataDir: options.dataDir }), 'prismer', options.name);
      const result = await convertCheckpoint({
        checkpoint: rest[0]!,
        outDir,
        name: options.name,
        variant: options.variant as 'prismer' | 'prismerz' | undefined,
        size: options.size as 'base' | 'large' | undefined,
        resolution,
        tokenizerDir: options.tokenizer,
        ...(precision ? { precision } : {}),
        onProgress: progress.update,
      }).finally(progress.done);
      if (options.json) console.log(JSON.stringify(result, null, 2));
      else {
        const c = result.config;
        const total = result.manifest.files.reduce((n, f) => n + f.size, 0);
        console.log(`Converted ${rest[0]} (${c.variant}${c.size ? ` ${c.size}` : ''}, ${c.resolution} px, sha256 ${result.manifest.source.sha256}) into ${result.dir}: ${result.manifest.files.length} files, ${formatBytes(total)}.`);
        if ('missing' in c.tokenizer) console.log(`No tokenizer: ${c.tokenizer.missing}; pass --tokenizer DIR.`);
      }
      return 0;
    }
    return fail(options.json, `Unknown models command "${sub}".\n${prismerModelsUsage}`, 2);
  } catch (error) {
    return fail(options.json, messageOf(error));
  }
}
