// Camera-sized photos for the benchmarks that show whole photos (the review queue): N JPEGs of 3000×2000
// (6 MP, gradients plus noise so they compress like real photos, a few MB each), generated once into the
// temp folder and reused by later runs. `generateLibrary.ts` makes the smaller 1024×768 ones that the
// import and grid benchmarks use by the thousand.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export const cameraPhotoSize = { width: 3000, height: 2000 } as const;

export async function generateCameraPhotos(count: number): Promise<string> {
  const { width, height } = cameraPhotoSize;
  const dir = join(tmpdir(), `prismer-bench-camera-${width}x${height}-${count}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.log(`Generating ${count} photos of ${width}×${height} in ${dir} (kept for later runs)…`);
  // One noise field, read from a different offset for each photo, so no two photos share their pixels.
  const noise = Buffer.alloc(width * height * 3 + 3 * 4096);
  for (let i = 0; i < noise.length; i++) noise[i] = (Math.random() * 28) | 0;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < count; i++) {
    const a = (i * 37) & 255;
    const b = (i * 91) & 255;
    const offset = ((i * 397) % 4096) * 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = (y * width + x) * 3;
        raw[p] = ((x >> 3) + a + noise[offset + p]!) & 255;
        raw[p + 1] = ((y >> 3) + b + noise[offset + p + 1]!) & 255;
        raw[p + 2] = ((x + y + i * 8) >> 4) & 255;
      }
    }
    await sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 88 })
      .withExif({ IFD0: { Make: 'Bench', Model: 'Generator' }, IFD2: { DateTimeOriginal: '2024:01:01 10:00:00' } })
      .toFile(join(dir, `IMG_${String(i).padStart(5, '0')}.jpg`));
    if ((i + 1) % 50 === 0) console.log(`  ${i + 1}/${count}`);
  }
  writeFileSync(join(dir, 'complete'), '');
  return dir;
}
