// A StepDecoder over the split decoding graphs for ONE image: the cross-attention keys/values are computed
// once from the image's memory (and tiled over the rows of a batch), the step graph carries the
// self-attention cache. Between steps the cache rows are gathered by origin on the host (plain
// Float32Array copies), together with each row's attention mask and RoBERTa position count.
import { crossKeyName, crossValueName, pastKeyName, pastValueName, presentKeyName, presentValueName, stepDecoderIo } from '../graph/decoder/decodingIo.ts';
import { hostPositionIds, PADDING_ID } from '../graph/decoder/positions.ts';
import type { DecoderOutput, StepDecoder } from '../generation/stepDecoder.ts';
import { TensorClass, type Feeds, type Outputs, type Tensor } from '../../runtime/modelRuntime.ts';

/** What runs the graphs (ModelRuntime does). */
export interface GraphRunner {
  run(path: string, feeds: Feeds, outputNames?: readonly string[]): Promise<Outputs>;
}

/** The encoder's output for one image: [M, Dm] or [1, M, Dm], float32. */
export interface ImageMemory {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** Paths of the ONNX graphs built by buildCrossKeyValueGraph and buildStepDecoderGraph. */
export interface DecodingGraphPaths {
  readonly crossKeyValues: string;
  readonly step: string;
}

/** The cache after a call: per self-attention (decoder layers, then the output layer) keys/values [B, H, P, D]. */
export interface OnnxDecoderState {
  rows: number;
  pastTokens: number;
  keys: Float32Array[];
  values: Float32Array[];
  /** Per row: the attention mask over the past tokens (1 = attend; 0 for `<pad>`). */
  masks: number[][];
  /** Per row: real (non-pad) tokens so far, for the position ids. */
  counts: number[];
}

interface CrossKeyValues {
  readonly layers: number;
  readonly heads: number;
  readonly memoryTokens: number;
  readonly headDim: number;
  readonly keys: Float32Array[];
  readonly values: Float32Array[];
}

const int64 = (values: readonly number[], dims: readonly number[]): Tensor =>
  new TensorClass('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);
const float32 = (values: Float32Array, dims: readonly number[]): Tensor => new TensorClass('float32', values, dims);

/** `rows` copies of one row of `size` values. */
function tile(row: Float32Array, rows: number): Float32Array {
  const out = new Float32Array(row.length * rows);
  for (let r = 0; r < rows; r++) out.set(row, r * row.length);
  return out;
}

/** Rows `origins` of a [B, ...] array whose rows hold `size` values each. */
function gatherRows(data: Float32Array, size: number, origins: readonly number[]): Float32Array {
  const out = new Float32Array(size * origins.length);
  origins.forEach((origin, i) => out.set(data.subarray(origin * size, (origin + 1) * size), i * size));
  return out;
}

export class OnnxStepDecoder implements StepDecoder<OnnxDecoderState> {
  readonly #runner: GraphRunner;
  readonly #paths: DecodingGraphPaths;
  readonly #memory: ImageMemory;
  #cross: Promise<CrossKeyValues> | null = null;
  #tiled: { rows: number; feeds: Feeds } | null = null;

  constructor(runner: GraphRunner, paths: DecodingGraphPaths, memory: ImageMemory) {
    const dims = memory.dims;
    if (!((dims.length === 2 || (dims.length === 3 && dims[0] === 1)) && memory.data.length === dims.reduce((a, b) => a * b, 1))) {
      throw new RangeError(`the memory must be one image's [M, Dm] or [1, M, Dm], not [${dims.join(', ')}]`);
    }
    this.#runner = runner;
    this.#paths = paths;
    this.#memory = memory;
  }

  /** Runs the cross keys/values graph once for this image. */
  #crossKeyValues(): Promise<CrossKeyValues> {
    if (this.#cross) return this.#cross;
    const cross = (async (): Promise<CrossKeyValues> => {
      const dims = this.#memory.dims;
      const memory = float32(this.#memory.data, [1, dims[dims.length - 2]!, dims[dims.length - 1]!]);
      const out = await this.#runner.run(this.#paths.crossKeyValues, { [stepDecoderIo.memory]: memory });
      let layers = 0;
      while (out[crossKeyName(layers)]) layers++;
      if (layers === 0) throw new Error('the cross keys/values graph returned no cross_key.0');
      const [, heads, memoryTokens, headDim] = out[crossKeyName(0)]!.dims as number[];
      const data = (name: string) => Float32Array.from(out[name]!.data as Float32Array);
      return {
        layers,
        heads: heads!,
        memoryTokens: memoryTokens!,
        headDim: headDim!,
        keys: Array.from({ length: layers }, (_, i) => data(crossKeyName(i))),
        values: Array.from({ length: layers }, (_, i) => data(crossValueName(i))),
      };
    })();
    cross.catch(() => {
      if (this.#cross === cross) this.#cross = null; // a failed run is retried by the next call
    });
    this.#cross = cross;
    return cross;
  }

  /** The cross keys/values feeds for a batch of `rows` (kept for the last batch size). */
  async #crossFeeds(rows: number): Promise<{ cross: CrossKeyValues; feeds: Feeds }> {
    const cross = await this.#crossKeyValues();
    if (this.#tiled?.rows !== rows) {
      const dims = [rows, cross.heads, cross.memoryTokens, cross.headDim];
      const feeds: Feeds = {};
      for (let i = 0; i < cross.layers; i++) {
        feeds[crossKeyName(i)] = float32(tile(cross.keys[i]!, rows), dims);
        feeds[crossValueName(i)] = float32(tile(cross.values[i]!, rows), dims);
      }
      this.#tiled = { rows, feeds };
    }
    return { cross, feeds: this.#tiled.feeds };
  }

  /** Feeds `tokens` (one row each, equal lengths) after the cache `past`; returns each row's last logits. */
  async #run(past: OnnxDecoderState, tokens: readonly (readonly number[])[]): Promise<DecoderOutput<OnnxDecoderState>> {
    const rows = tokens.length;
    const fresh = tokens[0]!.length;
    const { cross, feeds: crossFeeds } = await this.#crossFeeds(rows);
    const { positions, counts } = hostPositionIds(tokens, past.counts);
    const masks = tokens.map((row, i) => [...past.masks[i]!, ...row.map((id) => (id === PADDING_ID ? 0 : 1))]);
    const pastDims = [rows, cross.heads, past.pastTokens, cross.headDim];
    const feeds: Feeds = {
      ...crossFeeds,
      [stepDecoderIo.inputIds]: int64(tokens.flat(), [rows, fresh]),
      [stepDecoderIo.positionIds]: int64(positions.flat(), [rows, fresh]),
      [stepDecoderIo.attentionMask]: int64(masks.flat(), [rows, past.pastTokens + fresh]),
    };
    for (let i = 0; i <= cross.layers; i++) {
      feeds[pastKeyName(i)] = float32(past.keys[i]!, pastDims);
      feeds[pastValueName(i)] = float32(past.values[i]!, pastDims);
    }
    const out = await this.#runner.run(this.#paths.step, feeds);
    const logits = out[stepDecoderIo.logits]!;
    const vocabulary = logits.dims[2]!;
    const all = logits.data as Float32Array;
    const last = Array.from({ length: rows }, (_, r) => all.slice(((r + 1) * fresh - 1) * vocabulary, (r + 1) * fresh * vocabulary));
    const take = (name: string) => out[name]!.data as Float32Array;
    const state: OnnxDecoderState = {
      rows,
      pastTokens: past.pastTokens + fresh,
      keys: Array.from({ length: cross.layers + 1 }, (_, i) => take(presentKeyName(i))),
      values: Array.from({ length: cross.layers + 1 }, (_, i) => take(presentValueName(i))),
      masks,
      counts,
    };
    return { logits: last, state };
  }

  async start(prefixes: readonly (readonly number[])[]): Promise<DecoderOutput<OnnxDecoderState>> {
    if (prefixes.length === 0) throw new RangeError('no prefixes');
    const length = prefixes[0]!.length;
    if (length === 0 || prefixes.some((p) => p.length !== length)) throw new RangeError('the prefixes must be non-empty and of equal length');
    const cross = await this.#crossKeyValues();
    const empty = new Float32Array(0);
    const past: OnnxDecoderState = {
      rows: prefixes.length,
      pastTokens: 0,
      keys: Array.from({ length: cross.layers + 1 }, () => empty),
      values: Array.from({ length: cross.layers + 1 }, () => empty),
      masks: prefixes.map(() => []),
      counts: prefixes.map(() => 0),
    };
    return this.#run(past, prefixes);
  }

  async step(state: OnnxDecoderState, tokens: readonly number[], origins: readonly number[]): Promise<DecoderOutput<OnnxDecoderState>> {
    if (tokens.length !== origins.length || tokens.length === 0) throw new RangeError('tokens and origins must be non-empty and of equal length');
    if (origins.some((o) => !(Number.isInteger(o) && o >= 0 && o < state.rows))) throw new RangeError(`an origin is outside the ${state.rows} rows`);
    const size = state.rows > 0 ? state.keys[0]!.length / state.rows : 0;
    const past: OnnxDecoderState = {
      rows: origins.length,
      pastTokens: state.pastTokens,
      keys: state.keys.map((k) => gatherRows(k, size, origins)),
      values: state.values.map((v) => gatherRows(v, size, origins)),
      masks: origins.map((o) => state.masks[o]!),
      counts: origins.map((o) => state.counts[o]!),
    };
    return this.#run(past, tokens.map((t) => [t]));
  }

  release(state: OnnxDecoderState): void {
    state.keys = [];
    state.values = [];
    state.masks = [];
    state.counts = [];
    state.rows = 0;
  }
}
