// A small seeded pseudo-random generator (mulberry32) so sampling is reproducible in tests and demos.
// Not torch's generator: sampled sequences do not match PyTorch's for the same seed.

/** Returns a function giving uniform numbers in [0, 1), the same sequence for the same 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
