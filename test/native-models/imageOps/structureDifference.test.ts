// Specification of the pixel check behind near duplicates: an edited copy differs little, a different
// sign on the same wall a lot, flat pictures match only flat ones of their tone, and a negative is no copy.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { sameStructureLimit, structureDifference, structureSignature } from '../../../native-models/imageOps/structureDifference.ts';
import { sceneJpeg } from '../../helpers/scenes.ts';

const flat = (grey: number) => sharp({ create: { width: 64, height: 64, channels: 3, background: { r: grey, g: grey, b: grey } } }).png().toBuffer();

describe('structureDifference', () => {
  test('is 0 for the same pixels and small for a brighter, smaller, recompressed copy', async () => {
    const original = await sceneJpeg(4);
    const a = await structureSignature(original);
    assert.equal(structureDifference(a, a), 0);
    const copy = await sharp(original).modulate({ brightness: 1.1 }).resize({ width: 300 }).jpeg({ quality: 40 }).toBuffer();
    assert.ok(structureDifference(a, await structureSignature(copy)) <= sameStructureLimit / 2);
  });

  test('finds a copy with trimmed borders', async () => {
    const original = await sceneJpeg(5);
    const { width, height } = await sharp(original).metadata();
    const trimmed = await sharp(original).extract({ left: Math.round(width! * 0.07), top: Math.round(height! * 0.07), width: Math.round(width! * 0.86), height: Math.round(height! * 0.86) }).toBuffer();
    assert.ok(structureDifference(await structureSignature(original), await structureSignature(trimmed)) <= sameStructureLimit);
  });

  test('tells different photos apart, and a negative from its original', async () => {
    const a = await sceneJpeg(6);
    assert.ok(structureDifference(await structureSignature(a), await structureSignature(await sceneJpeg(7))) > sameStructureLimit);
    assert.equal(structureDifference(await structureSignature(a), await structureSignature(await sharp(a).negate().toBuffer())), Number.POSITIVE_INFINITY);
  });

  test('matches a flat picture only with a flat one of about the same tone', async () => {
    const grey = await structureSignature(await flat(128));
    assert.equal(structureDifference(grey, await structureSignature(await flat(132))), 0);
    assert.equal(structureDifference(grey, await structureSignature(await flat(220))), Number.POSITIVE_INFINITY);
    assert.equal(structureDifference(grey, await structureSignature(await sceneJpeg(1))), Number.POSITIVE_INFINITY);
  });

  test('refuses a signature of the wrong size', () => {
    assert.throws(() => structureDifference(new Uint8Array(10), new Uint8Array(10)), RangeError);
  });
});
