// The 64-bit perceptual hash (pHash) that finds near-duplicate photos, and the Hamming distance between
// two hashes. The photo is reduced to a 32×32 greyscale (EXIF orientation applied, transparency over
// white), its 2-D DCT taken, and the 8×8 lowest frequencies after the DC term compared with their
// median: one bit each. Low frequencies survive resizing, recompression, format changes and small colour
// shifts, which is what "the same photo in another file" looks like; a DCT hash is also less fooled than
// a difference hash (dHash) by gradients and by re-encoding noise, at the same 64 bits. The same hash of
// the middle 90 % and 80 % is kept as well, so a copy with trimmed borders is still a candidate; whether
// two candidates really are the same photo is decided by structureDifference.ts (a hash alone cannot
// tell different signs on one wall apart).
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

/** The side of the square greyscale image every hash is drawn from (one decode, shrink-on-load). */
export const hashSourceSide = 128;

/** The photo as a square greyscale image of `side` pixels: EXIF orientation applied, transparency over white. */
export async function greySquare(bytes: Buffer, side: number): Promise<Uint8Array> {
  const { data, info } = await sharp(bytes)
    .rotate()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(side, side, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grey = new Uint8Array(side * side);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * info.channels]!;
  return grey;
}

/**
 * The centre `fraction` of a square greyscale image resampled to `out`×`out` (area average of 4×4
 * bilinear samples per output pixel): the full image at 1, the middle 90 % at 0.9.
 */
export function centreRegion(grey: Uint8Array, side: number, fraction: number, out: number): Uint8Array {
  const width = side * fraction;
  const origin = (side - width) / 2;
  const sub = 4;
  const result = new Uint8Array(out * out);
  const at = (x: number, y: number) => grey[y * side + x]!;
  for (let y = 0; y < out; y++) {
    for (let x = 0; x < out; x++) {
      let sum = 0;
      for (let j = 0; j < sub; j++) {
        for (let i = 0; i < sub; i++) {
          const sx = Math.min(side - 1, Math.max(0, origin + ((x + (i + 0.5) / sub) / out) * width - 0.5));
          const sy = Math.min(side - 1, Math.max(0, origin + ((y + (j + 0.5) / sub) / out) * width - 0.5));
          const ix = Math.min(side - 2, Math.floor(sx));
          const iy = Math.min(side - 2, Math.floor(sy));
          const fx = sx - ix;
          const fy = sy - iy;
          sum += (at(ix, iy) * (1 - fx) + at(ix + 1, iy) * fx) * (1 - fy) + (at(ix, iy + 1) * (1 - fx) + at(ix + 1, iy + 1) * fx) * fy;
        }
      }
      result[y * out + x] = Math.round(sum / (sub * sub));
    }
  }
  return result;
}

/** Centre crops whose hashes are kept too, so a copy with its borders trimmed (3–10 % a side) is found. */
export const cropFractions = [0.9, 0.8] as const;

export interface PerceptualHashes {
  /** The whole picture. */
  readonly full: string;
  /** The middle 90 % and 80 % (32 hex digits: the two hashes one after the other). */
  readonly crops: string;
}

/** Every hash of an encoded image from one decode. Throws when it cannot be decoded. */
export async function perceptualHashes(bytes: Buffer): Promise<PerceptualHashes> {
  const grey = await greySquare(bytes, hashSourceSide);
  return {
    full: perceptualHashOfGrey(centreRegion(grey, hashSourceSide, 1, sample)),
    crops: cropFractions.map((f) => perceptualHashOfGrey(centreRegion(grey, hashSourceSide, f, sample))).join(''),
  };
}

/** The perceptual hash of an encoded image (any format sharp reads). Throws when it cannot be decoded. */
export async function perceptualHash(bytes: Buffer): Promise<string> {
  return (await perceptualHashes(bytes)).full;
}

/** The crop hashes stored as one string, back as separate hashes (90 %, then 80 %). */
export function splitCropHashes(crops: string): string[] {
  if (!/^[0-9a-f]{32}$/.test(crops)) throw new Error(`Not a pair of perceptual hashes: ${JSON.stringify(crops)}.`);
  return [crops.slice(0, 16), crops.slice(16)];
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
