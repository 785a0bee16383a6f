/// <reference lib="dom" />
// Benchmark: scrolling the library grid from top to bottom in Debian's Chromium (headless, no GPU).
//   node bench/gridScroll.bench.ts [--count N] [--rows-only]
// The library: N photos (10,000 by default) imported with thumbnails from the scan benchmark's
// generated folder, or with --rows-only N database rows without files (tiles show placeholders).
// Baseline, in the same browser and run: scrolling a plain page of the same height by the same steps.
// Both scroll a fixed 600 px per animation frame; reported: total time, frame-time percentiles, frames
// over 50 ms, and the ratio of the grid's time to the baseline's.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { baseAppInfo } from '../electron/appInfo.ts';
import { rendererBuildDir } from '../electron/packageRoot.ts';
import { startWebServer } from '../electron/server.ts';
import { openStudio } from '../electron/studio.ts';
import { launchChromium } from '../test/helpers/browserApp.ts';
import { generateLibrary } from './generateLibrary.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, 'rows-only': { type: 'boolean', default: false } } });
const count = Number(values.count);

interface ScrollRun {
  totalMs: number;
  frames: number;
  p50: number;
  p95: number;
  max: number;
  over50: number;
  height: number;
}

/** Scrolls `selector` (or the document) to the bottom, 600 px per frame, timing every frame. */
async function scroll(page: Page, selector: string | null): Promise<ScrollRun> {
  return page.evaluate(async (sel) => {
    const el = sel ? (document.querySelector(sel) as HTMLElement) : document.scrollingElement!;
    const times: number[] = [];
    const started = performance.now();
    let last = started;
    await new Promise<void>((done) => {
      const step = (now: number) => {
        times.push(now - last);
        last = now;
        const before = el.scrollTop;
        el.scrollTop = before + 600;
        if (el.scrollTop === before) done();
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    const total = performance.now() - started;
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { totalMs: total, frames: times.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)!, over50: times.filter((t) => t > 50).length, height: el.scrollHeight };
  }, selector);
}

const work = join(tmpdir(), `prismer-bench-grid-${process.pid}`);
const studio = openStudio({ dataDir: join(work, 'data') });
const browser = await launchChromium();
try {
  if (values['rows-only']) {
    studio.db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, '/bench', 0)`).run();
    const insert = studio.db.prepare(
      `INSERT INTO images (folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, format, width, height, status, added_at, updated_at)
       VALUES (1, ?, '', ?, ?, 1, 0, 'jpeg', 1024, 768, 'ok', 0, 0)`,
    );
    studio.db.transaction(() => {
      for (let i = 0; i < count; i++) insert.run(`/bench/${i}.jpg`, `${i}.jpg`, i.toString(16).padStart(64, '0'));
    })();
  } else {
    const library = await generateLibrary(count);
    console.log(`Importing ${count} photos with thumbnails…`);
    const job = await studio.jobs.wait((await studio.library.addFolder(library)).jobId);
    if (job.state !== 'done') throw new Error(`import ${job.state}: ${job.error}`);
  }
  const server = await startWebServer({ studio, rendererDir: rendererBuildDir, appInfo: baseAppInfo(studio) });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(server.loginUrl);
  await page.getByTestId('tile').first().waitFor();
  await page.waitForTimeout(500);
  const grid = await scroll(page, '[data-testid="grid"]');

  const blank = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await blank.setContent(`<body style="margin:0"><div style="height:${grid.height}px;background:linear-gradient(#222,#444)"></div></body>`);
  const baseline = await scroll(blank, null);
  await server.close();

  const row = (label: string, r: ScrollRun) =>
    `${label.padEnd(26)} ${(r.totalMs / 1000).toFixed(2).padStart(6)} s  ${String(r.frames).padStart(5)} frames  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  max ${r.max.toFixed(0)} ms  >50 ms: ${r.over50}`;
  console.log(`\n${count} ${values['rows-only'] ? 'rows (no thumbnails)' : 'photos with thumbnails'}; grid ${grid.height} px tall; Chromium headless, no GPU`);
  console.log(row('baseline (plain page)', baseline));
  console.log(row('library grid', grid));
  console.log(`ratio grid / baseline (total time): ${(grid.totalMs / baseline.totalMs).toFixed(2)}`);
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', `gridScroll-${values['rows-only'] ? 'rows' : 'photos'}-${count}.json`),
    JSON.stringify({ count, rowsOnly: values['rows-only'], at: new Date().toISOString(), baseline, grid, ratio: grid.totalMs / baseline.totalMs }, null, 2),
  );
} finally {
  await browser.close();
  await studio.close();
  rmSync(work, { recursive: true, force: true });
}
