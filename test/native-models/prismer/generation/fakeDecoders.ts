// Fake decoders for the generation tests: logits are a known function of the whole sequence so far. The
// "cache" is the list of sequences the decoder believes it holds, built only from `start`'s prefixes and
// `step`'s tokens and origins, so a wrong origin shows up as logits of the wrong sequence.
import type { StepDecoder } from '../../../../native-models/prismer/generation/stepDecoder.ts';

export type LogitsOf = (sequence: readonly number[]) => Float32Array;

export interface RecordingDecoder extends StepDecoder<number[][]> {
  /** The sequences held after `start` and after each `step`. */
  readonly history: number[][][];
  readonly calls: { tokens: number[]; origins: number[] }[];
  released: number;
}

export function fakeDecoder(logitsOf: LogitsOf): RecordingDecoder {
  const decoder: RecordingDecoder = {
    history: [],
    calls: [],
    released: 0,
    async start(prefixes) {
      const rows = prefixes.map((p) => [...p]);
      decoder.history.push(rows);
      return { logits: rows.map(logitsOf), state: rows };
    },
    async step(state, tokens, origins) {
      if (tokens.length !== origins.length) throw new Error('tokens and origins differ in length');
      const rows = origins.map((origin, i) => {
        const row = state[origin];
        if (row === undefined) throw new Error(`origin ${origin} is not a row of the previous call`);
        return [...row, tokens[i]!];
      });
      decoder.calls.push({ tokens: [...tokens], origins: [...origins] });
      decoder.history.push(rows);
      return { logits: rows.map(logitsOf), state: rows };
    },
    release() {
      decoder.released++;
    },
  };
  return decoder;
}

/** Logits log(p) from a table of next-token probabilities keyed by the sequence ('0,3,3'), with a default. */
export function probabilityTable(table: Record<string, readonly number[]>, fallback: readonly number[]): LogitsOf {
  return (sequence) => Float32Array.from(table[sequence.join(',')] ?? fallback, Math.log);
}

/** Logits given directly, keyed by the sequence, with a default. */
export function logitTable(table: Record<string, readonly number[]>, fallback: readonly number[]): LogitsOf {
  return (sequence) => Float32Array.from(table[sequence.join(',')] ?? fallback);
}

/** Pseudo-random logits in [-4, 4) that depend on every token of the sequence (FNV-1a of the ids). */
export function hashedLogits(vocabulary: number, seed: number, forbidden: readonly number[] = []): LogitsOf {
  return (sequence) => {
    let h = (2166136261 ^ seed) >>> 0;
    for (const token of sequence) h = Math.imul(h ^ token, 16777619) >>> 0;
    const logits = new Float32Array(vocabulary);
    for (let i = 0; i < vocabulary; i++) {
      h = Math.imul(h ^ (i + 1), 16777619) >>> 0;
      h ^= h >>> 13;
      logits[i] = ((h % 10007) / 10007) * 8 - 4;
    }
    for (const token of forbidden) logits[token] = -Infinity;
    return logits;
  };
}
