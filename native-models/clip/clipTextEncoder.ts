// CLIP text embeddings of words through the runtime: the distinct words not yet cached are tokenized and
// run as batches of `input_ids` [B, 77] → `text_embeds` [B, 768] (projected, unnormalised: what Prismer's
// OCR features take), and every embedding is kept in an LRU cache, since the same words recur across a
// library. The cache belongs to the encoder, so the model worker keeps one encoder between images.
import type { Feeds, Outputs } from '../runtime/modelRuntime.ts';
import { TensorClass } from '../runtime/modelRuntime.ts';
import type { ClipTextFiles } from './clipTextFiles.ts';
import { CLIP_CONTEXT_LENGTH, readClipTokenizer, type ClipTokenizer } from './clipTokenizer.ts';
import { LruCache } from './lruCache.ts';

/** What runs the ONNX model (the ModelRuntime, or a test's stand-in). */
export interface TextModelRunner {
  run(path: string, feeds: Feeds, outputNames?: readonly string[]): Promise<Outputs>;
}

export interface ClipTextEncoderOptions {
  /** Embeddings kept (3 KB each); default 4096. */
  readonly cacheSize?: number;
  /** Words per model run; default 32. */
  readonly batchSize?: number;
}

export class ClipTextEncoder {
  readonly #runner: TextModelRunner;
  readonly #modelPath: string;
  readonly #tokenizer: ClipTokenizer;
  readonly #cache: LruCache<string, Float32Array>;
  readonly #batchSize: number;
  #modelRuns = 0;

  constructor(runner: TextModelRunner, modelPath: string, tokenizer: ClipTokenizer, options: ClipTextEncoderOptions = {}) {
    const batchSize = options.batchSize ?? 32;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`A batch holds at least one word, not ${batchSize}`);
    this.#runner = runner;
    this.#modelPath = modelPath;
    this.#tokenizer = tokenizer;
    this.#cache = new LruCache(options.cacheSize ?? 4096);
    this.#batchSize = batchSize;
  }

  get modelPath(): string {
    return this.#modelPath;
  }

  /** How many times the model has run (cached words cost none). */
  get modelRuns(): number {
    return this.#modelRuns;
  }

  /**
   * The embedding of each distinct word, keyed by the word as given (the tokenizer lower-cases and cleans
   * it, as CLIP does). The arrays are shared with the cache: do not modify them.
   */
  async embed(words: Iterable<string>): Promise<Map<string, Float32Array>> {
    const result = new Map<string, Float32Array>();
    const missing = new Set<string>();
    for (const word of words) {
      if (result.has(word) || missing.has(word)) continue;
      const cached = this.#cache.get(word);
      if (cached) result.set(word, cached);
      else missing.add(word);
    }
    const toRun = [...missing];
    for (let start = 0; start < toRun.length; start += this.#batchSize) {
      const batch = toRun.slice(start, start + this.#batchSize);
      const embeddings = await this.#run(batch);
      batch.forEach((word, i) => {
        result.set(word, embeddings[i]!);
        this.#cache.set(word, embeddings[i]!);
      });
    }
    return result;
  }

  async #run(words: readonly string[]): Promise<Float32Array[]> {
    const ids = this.#tokenizer.batchInputIds(words, CLIP_CONTEXT_LENGTH);
    const out = await this.#runner.run(this.#modelPath, { input_ids: new TensorClass('int64', ids, [words.length, CLIP_CONTEXT_LENGTH]) }, ['text_embeds']);
    this.#modelRuns++;
    const embeds = out['text_embeds'];
    if (!embeds) throw new Error(`${this.#modelPath} returned no text_embeds: it is not a CLIP text model with projection`);
    const [rows, width] = embeds.dims;
    if (embeds.dims.length !== 2 || rows !== words.length || !width) throw new Error(`text_embeds has shape [${embeds.dims.join(', ')}], expected [${words.length}, width]`);
    if (!(embeds.data instanceof Float32Array)) throw new Error(`text_embeds is ${embeds.type}, expected float32`);
    const data = embeds.data;
    return words.map((_, i) => data.slice(i * width, (i + 1) * width));
  }
}

export async function openClipTextEncoder(runner: TextModelRunner, files: ClipTextFiles, options: ClipTextEncoderOptions = {}): Promise<ClipTextEncoder> {
  return new ClipTextEncoder(runner, files.model, await readClipTokenizer(files.vocab, files.merges), options);
}

/**
 * Keeps the last encoder opened (its tokenizer read once, its cache warm) while the runner and the files
 * stay the same; other files or another runner open a new one. A failed open is not kept.
 */
export class ClipTextEncoderCache {
  #last: { readonly runner: TextModelRunner; readonly key: string; readonly encoder: Promise<ClipTextEncoder> } | null = null;
  readonly #options: ClipTextEncoderOptions;

  constructor(options: ClipTextEncoderOptions = {}) {
    this.#options = options;
  }

  get(runner: TextModelRunner, files: ClipTextFiles): Promise<ClipTextEncoder> {
    const key = JSON.stringify([files.model, files.vocab, files.merges]);
    if (this.#last?.runner !== runner || this.#last.key !== key) {
      const encoder = openClipTextEncoder(runner, files, this.#options);
      const entry = { runner, key, encoder };
      encoder.catch(() => {
        if (this.#last === entry) this.#last = null;
      });
      this.#last = entry;
    }
    return this.#last.encoder;
  }
}
