// Shared by the runner, worker, service and CLI tests: a tiny parity checkpoint converted into a model
// bundle with a hand-made tokenizer of its vocabulary size, and a small test photo. Skipped (with the
// reason) when ../shared/prismer is absent.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { convertCheckpoint } from '../../../../native-models/prismer/convert/convertCheckpoint.ts';
import { tinyTokenizer } from '../tasks/tinyTokenizer.ts';
import { parityDir, sharedPrismer, skipWithoutParity } from '../sharedData.ts';

export { sharedPrismer, skipWithoutParity as skipWithoutShared };

/** Converts parity case `name` (tiny-z-seed1: PrismerZ; tiny-seed0: Prismer with experts) into `<dir>/<name>`. */
export async function tinyBundle(dir: string, name = 'tiny-z-seed1'): Promise<string> {
  const caseDir = join(parityDir, name);
  const fixture = JSON.parse(readFileSync(join(caseDir, 'fixture.json'), 'utf8')) as { vision: { heads: number }; decoder: { num_attention_heads: number; vocab_size: number } };
  const tokenizerDir = join(dir, `${name}-tokenizer`);
  mkdirSync(tokenizerDir, { recursive: true });
  await tinyTokenizer(tokenizerDir, fixture.decoder.vocab_size);
  const outDir = join(dir, name);
  await convertCheckpoint({
    checkpoint: join(caseDir, 'checkpoint.bin'),
    outDir,
    visionHeads: fixture.vision.heads,
    decoderHeads: fixture.decoder.num_attention_heads,
    tokenizerDir,
    name,
  });
  return outDir;
}

/** A 96×72 gradient photo (not square, so the resize to R×R matters). */
export async function testPhoto(path: string): Promise<string> {
  const width = 96;
  const height = 72;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = ((x + y) * 7) % 256;
    }
  }
  await sharp(data, { raw: { width, height, channels: 3 } }).png().toFile(path);
  return path;
}
