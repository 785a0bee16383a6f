// The benchmarks' photo library: N camera-like JPEGs (1024×768, gradients plus noise, EXIF) in folders
// of 500, generated once into the temp folder and reused by later runs.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export const photosPerFolder = 500;

export async function generateLibrary(count: number): Promise<string> {
  const dir = join(tmpdir(), `prismer-bench-library-${count}`);
  if (existsSync(join(dir, 'complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  console.log(`Generating ${count} photos in ${dir} (kept for later runs)…`);
  const width = 1024;
  const height = 768;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (Math.random() * 40) | 0;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `roll-${String(Math.floor(i / photosPerFolder)).padStart(3, '0')}`);
    if (i % photosPerFolder === 0) mkdirSync(folder, { recursive: true });
    const raw = Buffer.alloc(width * height * 3);
    const a = (i * 37) & 255;
    const b = (i * 91) & 255;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = (y * width + x) * 3;
        raw[p] = ((x >> 2) + a + noise[p]!) & 255;
        raw[p + 1] = ((y >> 2) + b + noise[p + 1]!) & 255;
        raw[p + 2] = ((x + y + i) >> 3) & 255;
      }
    }
    await sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 85 })
      .withExif({ IFD0: { Make: 'Bench', Model: 'Generator' }, IFD2: { DateTimeOriginal: '2024:01:01 10:00:00' } })
      .toFile(join(folder, `IMG_${String(i).padStart(5, '0')}.jpg`));
    if ((i + 1) % 1000 === 0) console.log(`  ${i + 1}/${count}`);
  }
  writeFileSync(join(dir, 'complete'), '');
  return dir;
}
