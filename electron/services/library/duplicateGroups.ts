// The duplicate groups of a library, exact and near kept apart. Exact: files with the same bytes (content
// hash). Near: different contents that are the same picture — found as hash candidates
// (nearDuplicateCandidates.ts), then checked pixel by pixel (structureDifference.ts), because a hash
// alone put different signs on one wall in one group. One file stands for each content in the near
// groups (its exact copies are in its exact group), pairs a user marked "not a duplicate" are never
// joined, and every check is remembered per pair of contents, so a recomputation decodes only new pairs.
import { sameStructureLimit, structureDifference, type StructureSignature } from '../../../native-models/imageOps/structureDifference.ts';
import { defaultNearDuplicateThreshold, nearDuplicateCandidates } from './nearDuplicateCandidates.ts';

export interface GroupableImage {
  readonly id: number;
  readonly contentHash: string | null;
  readonly phash: string | null;
  readonly phashCrops: string | null;
}

/** What grouping remembers between runs (the database in the app, a map in tests). */
export interface DuplicateCheckStore {
  /** A check made before for these two contents (a < b), if any. */
  knownDifference(a: string, b: string): number | undefined;
  rememberDifference(a: string, b: string, difference: number): void;
  /** The user said these two contents (a < b) are different photos. */
  isNotDuplicate(a: string, b: string): boolean;
}

export interface DuplicateGroupingOptions<T extends GroupableImage> {
  readonly threshold?: number;
  /** The pixels of an image to check, or null when they cannot be read now (the pair is then not joined). */
  readonly signatureOf: (image: T) => Promise<StructureSignature | null>;
  readonly store: DuplicateCheckStore;
  readonly signal?: AbortSignal;
  readonly onProgress?: (checked: number, total: number) => void;
}

export interface FoundDuplicateGroups {
  /** Groups of image ids with the same bytes, each ascending, ordered by their smallest id. */
  readonly exact: number[][];
  /** Groups of image ids (one per content) that are the same picture, likewise ordered. */
  readonly near: number[][];
  /** Candidate pairs checked, and how many of them needed pixels (the rest were remembered). */
  readonly candidates: number;
  readonly decoded: number;
}

/** A difference that cannot be compared (a negative image, a flat against a detailed one) is stored as this. */
export const incomparableDifference = 99;

/** Signatures kept in memory during one run (16 kB each); past this the oldest are dropped. */
const signatureCacheSize = 4096;

class DisjointSets {
  readonly #parent: Int32Array;
  constructor(n: number) {
    this.#parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.#parent[i] = i;
  }
  find(i: number): number {
    const parent = this.#parent;
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

const byFirstId = (groups: number[][]) => groups.map((g) => g.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);

export async function findDuplicateGroups<T extends GroupableImage>(images: readonly T[], options: DuplicateGroupingOptions<T>): Promise<FoundDuplicateGroups> {
  const byContent = new Map<string, T[]>();
  for (const image of [...images].sort((a, b) => a.id - b.id)) {
    if (!image.contentHash) continue;
    const same = byContent.get(image.contentHash);
    if (same) same.push(image);
    else byContent.set(image.contentHash, [image]);
  }
  const exact = byFirstId([...byContent.values()].filter((g) => g.length > 1).map((g) => g.map((i) => i.id)));

  const representatives: T[] = [];
  for (const same of byContent.values()) {
    const hashed = same.find((i) => i.phash !== null);
    if (hashed) representatives.push(hashed);
  }
  const candidates = nearDuplicateCandidates(
    representatives.map((r) => ({ full: r.phash!, crops: r.phashCrops })),
    options.threshold ?? defaultNearDuplicateThreshold,
  );

  const signatures = new Map<number, Promise<StructureSignature | null>>();
  const signature = (k: number) => {
    let cached = signatures.get(k);
    if (!cached) {
      if (signatures.size >= signatureCacheSize) signatures.delete(signatures.keys().next().value!);
      cached = options.signatureOf(representatives[k]!).catch(() => null);
      signatures.set(k, cached);
    }
    return cached;
  };
  const sets = new DisjointSets(representatives.length);
  let decoded = 0;
  let checked = 0;
  // Pairs in order of their first photo, so the signature cache holds what the next pairs need.
  candidates.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (const [i, j] of candidates) {
    if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error('Cancelled.');
    options.onProgress?.(checked++, candidates.length);
    const ci = representatives[i]!.contentHash!;
    const cj = representatives[j]!.contentHash!;
    const [a, b] = ci < cj ? [ci, cj] : [cj, ci];
    if (options.store.isNotDuplicate(a, b)) continue;
    let difference = options.store.knownDifference(a, b);
    if (difference === undefined) {
      const [si, sj] = await Promise.all([signature(i), signature(j)]);
      if (!si || !sj) continue;
      decoded++;
      difference = Math.min(incomparableDifference, structureDifference(si, sj));
      options.store.rememberDifference(a, b, difference);
    }
    if (difference <= sameStructureLimit) sets.union(i, j);
  }
  options.onProgress?.(candidates.length, candidates.length);

  const components = new Map<number, number[]>();
  representatives.forEach((r, k) => {
    const root = sets.find(k);
    const members = components.get(root);
    if (members) members.push(r.id);
    else components.set(root, [r.id]);
  });
  const near = byFirstId([...components.values()].filter((g) => g.length > 1));
  return { exact, near, candidates: candidates.length, decoded };
}
