// Benchmark: importing a generated library of photos (10,000 by default).
//   node bench/scanLibrary.bench.ts [--count N]
// Baseline, measured in the same run on the same files: reading every file and hashing it (SHA-256) —
// the least any content-addressed importer must do. Reported as files/s and as a ratio to the baseline:
//   scan without thumbnails, scan with thumbnails, and a rescan with nothing changed.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStudio } from '../electron/studio.ts';
import type { ScanJobResult } from '../electron/services/library/libraryService.ts';
import { generateLibrary } from './generateLibrary.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' } } });
const count = Number(values.count);

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

const library = await generateLibrary(count);
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
