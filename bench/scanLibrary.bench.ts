// Benchmark: importing a generated library of photos (10,000 by default).
//   node bench/scanLibrary.bench.ts [--count N]
// Baseline, measured in the same run on the same files: reading every file and hashing it (SHA-256) —
// the least any content-addressed importer must do. Reported as files/s and as a ratio to the baseline:
//   scan without thumbnails, scan with thumbnails, and a rescan with nothing changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { openStudio } from '../electron/studio.ts';
import type { ScanJobResult } from '../electron/services/library/libraryService.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' } } });
const count = Number(values.count);
const perFolder = 500;

/** Camera-like JPEGs (1024×768, smooth gradients plus noise), cached between runs. */
async function generate(dir: string): Promise<void> {
  const done = existsSync(join(dir, 'complete'));
  if (done) return;
  rmSync(dir, { recursive: true, force: true });
  console.log(`Generating ${count} photos in ${dir} (cached for later runs)…`);
  const width = 1024;
  const height = 768;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (Math.random() * 40) | 0;
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `roll-${String(Math.floor(i / perFolder)).padStart(3, '0')}`);
    if (i % perFolder === 0) mkdirSync(folder, { recursive: true });
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
}

async function baseline(dir: string): Promise<number> {
  const started = performance.now();
  let files = 0;
  for (const folder of readdirSync(dir).filter((f) => f.startsWith('roll-'))) {
    const names = readdirSync(join(dir, folder));
    // Same concurrency as the scan's default, so I/O overlap is comparable.
    for (let i = 0; i < names.length; i += 4) {
      await Promise.all(
        names.slice(i, i + 4).map(async (name) => {
          createHash('sha256').update(await readFile(join(dir, folder, name))).digest('hex');
          files++;
        }),
      );
    }
  }
  return (files * 1000) / (performance.now() - started);
}

async function scan(library: string, thumbnails: boolean, dataDir: string): Promise<ScanJobResult> {
  const studio = openStudio({ dataDir });
  try {
    studio.settings.set({ generateThumbnails: thumbnails });
    const { jobId } = await studio.library.addFolder(library);
    const job = await studio.jobs.wait(jobId);
    if (job.state !== 'done') throw new Error(`scan ${job.state}: ${job.error}`);
    return job.result as ScanJobResult;
  } finally {
    await studio.close();
  }
}

const library = join(tmpdir(), `prismer-bench-library-${count}`);
await generate(library);
const work = join(tmpdir(), `prismer-bench-data-${process.pid}`);
try {
  const reference = await baseline(library);
  const noThumbs = await scan(library, false, join(work, 'a'));
  const withThumbs = await scan(library, true, join(work, 'b'));
  const rescan = await scan(library, true, join(work, 'b'));
  if (noThumbs.added !== count || withThumbs.added !== count || rescan.unchanged !== count) {
    throw new Error(`unexpected counts: ${noThumbs.added}, ${withThumbs.added}, ${rescan.unchanged}`);
  }
  const rows = [
    ['baseline: read + SHA-256 every file', reference],
    ['scan, no thumbnails (hash, header, EXIF)', noThumbs.filesPerSecond],
    ['scan with thumbnails (full decode + WebP)', withThumbs.filesPerSecond],
    ['rescan, nothing changed', rescan.filesPerSecond],
  ] as const;
  console.log(`\n${count} photos of 1024×768 JPEG; ${cpus().length} cores; node ${process.versions.node}`);
  for (const [label, rate] of rows) {
    console.log(`${label.padEnd(44)} ${rate.toFixed(0).padStart(7)} files/s   ratio to baseline ${(rate / reference).toFixed(2)}`);
  }
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', 'scanLibrary.json'),
    JSON.stringify({ count, cores: cpus().length, at: new Date().toISOString(), results: Object.fromEntries(rows) }, null, 2),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
  console.log(`(generated photos kept in ${library} for the next run)`);
}
