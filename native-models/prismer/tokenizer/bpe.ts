// Byte-pair encoding of one pre-tokenised word: start from its characters and repeatedly merge the
// adjacent pair with the lowest merge rank (its line in merges.txt) until no pair has a rank, as
// OpenAI's encoder.py `bpe()` does. Results are cached per word.

/** One merge rule: the two symbols that join, in rank order. */
export type MergePair = readonly [string, string];

const defaultCacheLimit = 20_000;

export interface BytePairEncoderOptions {
  /** Words whose result is kept; the cache is emptied when full. Default 20,000. */
  readonly cacheLimit?: number;
  /** The rank a pair listed twice keeps: 'first' (default) or 'last' (a Python dict built from the list, CLIP's). */
  readonly repeatedPair?: 'first' | 'last';
  /** Appended to a word's last symbol before merging (CLIP's `</w>`). Default none. */
  readonly endOfWord?: string;
}

export class BytePairEncoder {
  readonly #ranks = new Map<string, number>();
  readonly #cache = new Map<string, readonly string[]>();
  readonly #cacheLimit: number;
  readonly #endOfWord: string;

  /** `merges` in rank order (the first merges first). */
  constructor(merges: Iterable<MergePair>, options: BytePairEncoderOptions = {}) {
    const keepLast = options.repeatedPair === 'last';
    let rank = 0;
    for (const [first, second] of merges) {
      const key = pairKey(first, second);
      if (keepLast || !this.#ranks.has(key)) this.#ranks.set(key, rank);
      rank++;
    }
    this.#cacheLimit = options.cacheLimit ?? defaultCacheLimit;
    this.#endOfWord = options.endOfWord ?? '';
  }

  get mergeCount(): number {
    return this.#ranks.size;
  }

  /** The rank of merging `first` then `second`, or undefined when they never merge. */
  rank(first: string, second: string): number | undefined {
    return this.#ranks.get(pairKey(first, second));
  }

  /** The symbols `word` ends as. The array is shared with the cache: do not modify it. */
  split(word: string): readonly string[] {
    const cached = this.#cache.get(word);
    if (cached) return cached;
    const symbols = Array.from(word);
    if (this.#endOfWord && symbols.length > 0) symbols[symbols.length - 1] += this.#endOfWord;
    const parts = this.#merge(symbols);
    if (this.#cache.size >= this.#cacheLimit) this.#cache.clear();
    this.#cache.set(word, parts);
    return parts;
  }

  #merge(parts: string[]): string[] {
    return mergeByRank(parts, (first, second) => this.#ranks.get(pairKey(first, second)));
  }
}

/**
 * The BPE merge loop shared by GPT-2/RoBERTa's and CLIP's tokenizers: repeatedly merge the adjacent pair of
 * lowest rank, every occurrence left to right without overlaps (as encoder.py and simple_tokenizer.py do).
 */
export function mergeByRank(symbols: readonly string[], rankOf: (first: string, second: string) => number | undefined): string[] {
  let parts = [...symbols];
  while (parts.length > 1) {
    let best = Infinity;
    let first = '';
    let second = '';
    for (let i = 0; i + 1 < parts.length; i++) {
      const rank = rankOf(parts[i]!, parts[i + 1]!);
      if (rank !== undefined && rank < best) {
        best = rank;
        first = parts[i]!;
        second = parts[i + 1]!;
      }
    }
    if (best === Infinity) break;
    const merged: string[] = [];
    for (let i = 0; i < parts.length; ) {
      if (i + 1 < parts.length && parts[i] === first && parts[i + 1] === second) {
        merged.push(first + second);
        i += 2;
      } else {
        merged.push(parts[i]!);
        i += 1;
      }
    }
    parts = merged;
  }
  return parts;
}

// Byte-level symbols never hold a space (byte 0x20 shows as 'Ġ'), and merges.txt separates by one.
function pairKey(first: string, second: string): string {
  return `${first} ${second}`;
}
