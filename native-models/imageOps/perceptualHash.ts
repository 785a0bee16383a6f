// The 64-bit perceptual hash (pHash) that finds near-duplicate photos, and the Hamming distance between
// two hashes. The photo is reduced to a 32×32 greyscale (EXIF orientation applied, transparency over
// white), its 2-D DCT taken, and the 8×8 lowest frequencies after the DC term compared with their
// median: one bit each. Low frequencies survive resizing, recompression, format changes and small colour
// shifts, which is what "the same photo in another file" looks like; a DCT hash is also less fooled than
// a difference hash (dHash) by gradients and by re-encoding noise, at the same 64 bits.
import sharp from 'sharp';

const sample = 32;
const bits = 8;

/** cos((2x + 1)·u·π / 64) for u = 0…8, x = 0…31: the DCT-II basis rows the hash needs. */
const basis: Float64Array = (() => {
  const table = new Float64Array((bits + 1) * sample);
  for (let u = 0; u <= bits; u++) {
    for (let x = 0; x < sample; x++) table[u * sample + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * sample));
  }
  return table;
})();

/**
 * The hash of a 32×32 greyscale image (row-major, one byte per pixel) as 16 hex digits. Bit 63 (the
 * first hex digit's high bit) is frequency (1, 1); bits run along rows of the 8×8 block.
 */
export function perceptualHashOfGrey(pixels: Uint8Array): string {
  if (pixels.length !== sample * sample) throw new Error(`perceptualHashOfGrey needs ${sample}×${sample} pixels, got ${pixels.length} values.`);
  // Separable DCT, only the coefficients 1…8 in each direction: rows first, then columns.
  const rows = new Float64Array(sample * bits);
  for (let y = 0; y < sample; y++) {
    for (let u = 1; u <= bits; u++) {
      let sum = 0;
      for (let x = 0; x < sample; x++) sum += pixels[y * sample + x]! * basis[u * sample + x]!;
      rows[y * bits + (u - 1)] = sum;
    }
  }
  const coefficients = new Float64Array(bits * bits);
  for (let v = 1; v <= bits; v++) {
    for (let u = 0; u < bits; u++) {
      let sum = 0;
      for (let y = 0; y < sample; y++) sum += rows[y * bits + u]! * basis[v * sample + y]!;
      coefficients[(v - 1) * bits + u] = sum;
    }
  }
  const sorted = Float64Array.from(coefficients).sort();
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    if (coefficients[i]! <= median) continue;
    if (i < 32) hi |= 1 << (31 - i);
    else lo |= 1 << (63 - i);
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** The perceptual hash of an encoded image (any format sharp reads). Throws when it cannot be decoded. */
export async function perceptualHash(bytes: Buffer): Promise<string> {
  const { data, info } = await sharp(bytes)
    .rotate()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(sample, sample, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(sample * sample);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels]!;
  return perceptualHashOfGrey(grey);
}

const hexHash = /^[0-9a-f]{16}$/;

export function isPerceptualHash(value: string): boolean {
  return hexHash.test(value);
}

/** The two 32-bit halves of a hash (high first), for code that compares millions of them. */
export function hashHalves(hash: string): [number, number] {
  if (!hexHash.test(hash)) throw new Error(`Not a perceptual hash: ${JSON.stringify(hash)}.`);
  return [Number.parseInt(hash.slice(0, 8), 16) >>> 0, Number.parseInt(hash.slice(8), 16) >>> 0];
}

/** Bits set in a 32-bit value (signed or unsigned); stays in small-integer arithmetic throughout. */
export function popcount32(value: number): number {
  let v = (value - ((value >>> 1) & 0x55555555)) | 0;
  v = ((v & 0x33333333) + ((v >>> 2) & 0x33333333)) | 0;
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** How many of the 64 bits differ. */
export function hammingDistance(a: string, b: string): number {
  const [ah, al] = hashHalves(a);
  const [bh, bl] = hashHalves(b);
  return popcount32(ah ^ bh) + popcount32(al ^ bl);
}
