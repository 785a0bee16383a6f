// Shared by the task tests: a parity case's decoding graphs (cross keys/values, step, full decoder)
// written to a temporary folder, one image's memory from the fixture, the full decoder run on whole
// sequences, and a reference StepDecoder that re-runs the full graph on every sequence at every step
// (the official code's way, no cache).
import { buildCrossKeyValueGraph } from '../../../../native-models/prismer/graph/decoder/crossKeyValueGraph.ts';
import { buildFullDecoderGraph, fullDecoderIo } from '../../../../native-models/prismer/graph/decoder/fullDecoderGraph.ts';
import { PADDING_ID } from '../../../../native-models/prismer/graph/decoder/positions.ts';
import { buildStepDecoderGraph } from '../../../../native-models/prismer/graph/decoder/stepDecoderGraph.ts';
import type { DecoderOutput, StepDecoder } from '../../../../native-models/prismer/generation/stepDecoder.ts';
import type { DecodingGraphPaths, ImageMemory } from '../../../../native-models/prismer/tasks/onnxStepDecoder.ts';
import { float32, int64, loadCase, type ModelScratch, type ParityCase } from '../graph/decoder/fixtures.ts';

export { ModelScratch, parityCases, skipWithoutShared, compare } from '../graph/decoder/fixtures.ts';

export interface TaskCase {
  readonly case: ParityCase;
  readonly graphs: DecodingGraphPaths;
  readonly full: string;
  readonly vocabulary: number;
  /** Image b of the fixture's expected.memory, as [1, M, Dm]. */
  memory(b: number): ImageMemory;
}

export async function loadTaskCase(name: string, scratch: ModelScratch): Promise<TaskCase> {
  const c = await loadCase(name);
  const [, tokens, width] = c.memoryShape as [number, number, number];
  return {
    case: c,
    graphs: { crossKeyValues: scratch.write(buildCrossKeyValueGraph(c.weights)), step: scratch.write(buildStepDecoderGraph(c.weights)) },
    full: scratch.write(buildFullDecoderGraph(c.weights)),
    vocabulary: c.weights.dims.vocabulary,
    memory: (b) => ({ data: c.memory.slice(b * tokens * width, (b + 1) * tokens * width), dims: [1, tokens, width] }),
  };
}

/** The full decoder on equal-length sequences (one image's memory for every row): logits[row][position]. */
export async function fullLogits(scratch: ModelScratch, t: TaskCase, memory: ImageMemory, sequences: readonly (readonly number[])[]): Promise<Float32Array[][]> {
  const rows = sequences.length;
  const length = sequences[0]!.length;
  const tiled = new Float32Array(memory.data.length * rows);
  for (let r = 0; r < rows; r++) tiled.set(memory.data, r * memory.data.length);
  const out = await scratch.runtime.run(t.full, {
    [fullDecoderIo.memory]: float32(tiled, [rows, memory.dims[1]!, memory.dims[2]!]),
    [fullDecoderIo.inputIds]: int64(sequences.flat(), [rows, length]),
    [fullDecoderIo.attentionMask]: int64(sequences.flat().map((id) => (id === PADDING_ID ? 0 : 1)), [rows, length]),
  });
  const data = out[fullDecoderIo.logits]!.data as Float32Array;
  const v = t.vocabulary;
  return Array.from({ length: rows }, (_, r) => Array.from({ length }, (_, p) => data.slice((r * length + p) * v, (r * length + p + 1) * v)));
}

/** The no-cache reference: the state is the sequences; every call re-runs the full graph on all of them. */
export function fullGraphDecoder(scratch: ModelScratch, t: TaskCase, memory: ImageMemory): StepDecoder<number[][]> & { origins: number[][] } {
  const run = async (rows: number[][]): Promise<DecoderOutput<number[][]>> => {
    const logits = await fullLogits(scratch, t, memory, rows);
    return { logits: logits.map((positions) => positions[positions.length - 1]!), state: rows };
  };
  const origins: number[][] = [];
  return {
    origins,
    start: (prefixes) => run(prefixes.map((p) => [...p])),
    step: (state, tokens, from) => {
      origins.push([...from]);
      return run(from.map((o, i) => [...state[o]!, tokens[i]!]));
    },
  };
}

/** Largest |a − e| over rows of logits, and the largest |e|. */
export function maxError(actual: readonly Float32Array[], expected: readonly Float32Array[]): { maxAbs: number; scale: number } {
  let maxAbs = 0;
  let scale = 1;
  if (actual.length !== expected.length) throw new Error(`${actual.length} rows ≠ expected ${expected.length}`);
  expected.forEach((row, r) => {
    if (actual[r]!.length !== row.length) throw new Error(`row ${r}: ${actual[r]!.length} logits ≠ expected ${row.length}`);
    for (let i = 0; i < row.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(actual[r]![i]! - row[i]!));
      scale = Math.max(scale, Math.abs(row[i]!));
    }
  });
  return { maxAbs, scale };
}
