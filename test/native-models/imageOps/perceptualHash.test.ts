// Specification of the perceptual hash: the same photo in another file (resized, recompressed, another
// format, rotated by EXIF) hashes within a few bits; different photos are far apart.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { hammingDistance, perceptualHash, perceptualHashOfGrey, popcount32 } from '../../../native-models/imageOps/perceptualHash.ts';
import { sceneJpeg, sceneVariants } from '../../helpers/scenes.ts';

describe('perceptualHash', () => {
  test('copies of one photo resized, recompressed and converted stay within 6 bits of the original', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const original = await sceneJpeg(seed);
      const reference = await perceptualHash(original);
      for (const [name, bytes] of Object.entries(await sceneVariants(original))) {
        const distance = hammingDistance(reference, await perceptualHash(bytes));
        assert.ok(distance <= 6, `scene ${seed}, ${name}: ${distance} bits`);
      }
    }
  });

  test('different photos are far apart', async () => {
    const hashes = await Promise.all([1, 2, 3, 4, 5, 6].map(async (seed) => perceptualHash(await sceneJpeg(seed))));
    for (let a = 0; a < hashes.length; a++) {
      for (let b = a + 1; b < hashes.length; b++) {
        const distance = hammingDistance(hashes[a]!, hashes[b]!);
        assert.ok(distance > 12, `scenes ${a + 1} and ${b + 1}: ${distance} bits`);
      }
    }
  });

  test('EXIF orientation is applied before hashing, so a rotated-by-tag copy matches the upright one', async () => {
    const upright = await sceneJpeg(7);
    // Pixels turned a quarter clockwise on disk, with the tag that tells viewers to turn them back.
    const stored = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    assert.ok(hammingDistance(await perceptualHash(upright), await perceptualHash(stored)) <= 6);
  });

  test('is 16 hex digits with about half the bits set, and a flat image does not crash it', async () => {
    const hash = await perceptualHash(await sceneJpeg(8));
    assert.match(hash, /^[0-9a-f]{16}$/);
    const ones = popcount32(Number.parseInt(hash.slice(0, 8), 16)) + popcount32(Number.parseInt(hash.slice(8), 16));
    assert.ok(ones >= 24 && ones <= 40, `${ones} bits set`);
    assert.match(perceptualHashOfGrey(new Uint8Array(32 * 32).fill(128)), /^[0-9a-f]{16}$/);
  });

  test('hammingDistance counts differing bits', () => {
    assert.equal(hammingDistance('0000000000000000', '0000000000000000'), 0);
    assert.equal(hammingDistance('ffffffffffffffff', '0000000000000000'), 64);
    assert.equal(hammingDistance('8000000000000001', '0000000000000000'), 2);
    assert.throws(() => hammingDistance('xyz', '0000000000000000'), /Not a perceptual hash/);
  });
});
