/// <reference lib="dom" />
// Benchmark (issue 5): in Review mode, the time from a key press to the next photo fully shown, in
// Debian's Chromium (headless, no GPU) against web mode.
//   node bench/reviewQueue.bench.ts [--count N] [--presses K] [--dwell MS]
// The library: N camera-sized photos (3000×2000 JPEGs, 200 by default) imported with thumbnails, three AI
// candidate captions per photo written straight into the database. In Review mode, J is pressed K times
// (100 by default), then 1 (accept candidate 1 and move on) K times over the photos after those.
// Measured in the page, as the e2e test measures it: from the keydown event to the next photo's
// full-resolution <img> in the DOM, marked ready and complete ("shown"), and to the end of the next frame
// after that ("frame", roughly when it is painted). Between presses the bench waits `dwell` ms, a
// reviewer's glance (the app prefetches ahead in that time, as it would for a person).
// Baseline, in the same browser and run: a plain page served from 127.0.0.1 with the same photos in the
// same order, the same size on screen, where J swaps in the next full-size <img>, already downloaded and
// decoded ahead (the fastest a page can show the next photo). Reported: median, p95 and max of each, and
// the app's ratio to the baseline.
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { insertCaption } from '../db/queries/captions.ts';
import { baseAppInfo } from '../electron/appInfo.ts';
import { rendererBuildDir } from '../electron/packageRoot.ts';
import { startWebServer } from '../electron/server.ts';
import { openStudio } from '../electron/studio.ts';
import { buildIfStale } from '../scripts/buildIfStale.ts';
import { launchChromium } from '../test/helpers/browserApp.ts';
import { cameraPhotoSize, generateCameraPhotos } from './generateCameraPhotos.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '200' }, presses: { type: 'string', default: '100' }, dwell: { type: 'string', default: '250' } },
});
const count = Number(values.count);
const dwellMs = Number(values.dwell);
// J then 1 each need a photo after the one shown.
const presses = Math.min(Number(values.presses), Math.floor((count - 1) / 2));
if (!(presses >= 1)) throw new Error('--count must be at least 3 and --presses at least 1');

interface Step {
  imageId: number;
  shownMs: number;
  frameMs: number;
}

interface Summary {
  presses: number;
  shown: { median: number; p95: number; max: number };
  frame: { median: number; p95: number; max: number };
}

/**
 * Installs `window.__nextShown(previousId)`: resolves once, after the next keydown, a ready and complete
 * review photo other than `previousId` is in the DOM (the same test as test/e2e/reviewQueue.test.ts).
 */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __nextShown: (previousId: number) => Promise<{ imageId: number; shownMs: number; frameMs: number } | { error: string }> };
    w.__nextShown = (previousId) =>
      new Promise((resolve) => {
        let started = 0;
        let done = false;
        window.addEventListener('keydown', () => (started = performance.now()), { capture: true, once: true });
        const check = () => {
          if (done || !started) return;
          const img = document.querySelector('[data-testid="review-photo"][data-ready="true"]') as HTMLImageElement | null;
          if (!img || img.dataset.imageId === String(previousId)) return;
          // Not yet loaded: loading fires no mutation, so wait for its load event too.
          if (!img.complete) return void img.addEventListener('load', check, { once: true });
          done = true;
          const shownAt = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => setTimeout(() => resolve({ imageId: Number(img.dataset.imageId), shownMs: shownAt - started, frameMs: performance.now() - started })));
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        const timer = setTimeout(() => {
          done = true;
          observer.disconnect();
          resolve({ error: `no new photo shown within 15 s of the key press (key seen: ${started > 0})` });
        }, 15_000);
      });
  });
}

/** Presses `key` once, waits for the next photo, then lets the reviewer dwell. */
async function pressAndMeasure(page: Page, key: string, previousId: number): Promise<Step> {
  await page.evaluate((prev) => {
    const w = window as unknown as { __pending: unknown; __nextShown: (id: number) => unknown };
    w.__pending = w.__nextShown(prev);
  }, previousId);
  await page.keyboard.press(key);
  const result = await page.evaluate(() => (window as unknown as { __pending: Promise<Step | { error: string }> }).__pending);
  if ('error' in result) throw new Error(`${key} after photo ${previousId}: ${result.error}`);
  await page.waitForTimeout(dwellMs);
  return result;
}

async function shownPhotoId(page: Page): Promise<number> {
  const photo = page.locator('[data-testid="review-photo"][data-ready="true"]');
  await photo.waitFor({ timeout: 15_000 });
  return Number(await photo.getAttribute('data-image-id'));
}

function summarize(steps: readonly Step[]): Summary {
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { median: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
  };
  return { presses: steps.length, shown: stats(steps.map((s) => s.shownMs)), frame: stats(steps.map((s) => s.frameMs)) };
}

/** The baseline page and its photos, from a bare HTTP server (the same transport as web mode). */
function baselineServer(files: readonly string[], box: { width: number; height: number }): Promise<{ server: Server; url: string }> {
  const page = `<!doctype html><html><body style="margin:0;background:#1b1b1d">
<div id="box" style="width:${box.width}px;height:${box.height}px;display:flex"></div>
<script>
  const count = ${files.length};
  const box = document.getElementById('box');
  const ahead = new Map();
  let index = 0;
  function preload(i) {
    if (i >= count || ahead.has(i)) return;
    const img = new Image();
    img.decoding = 'async';
    img.src = '/photo/' + i;
    img.style.cssText = 'width:100%;height:100%;object-fit:contain';
    img.dataset.testid = 'review-photo';
    img.dataset.imageId = String(i);
    ahead.set(i, img);
    img.decode().catch(() => {});
  }
  function show(i) {
    const img = ahead.get(i);
    ahead.delete(i);
    img.dataset.ready = 'true';
    box.replaceChildren(img);
    preload(i + 1);
    preload(i + 2);
  }
  preload(0);
  ahead.get(0).decode().then(() => show(0));
  addEventListener('keydown', (e) => {
    if (e.key === 'j' && index < count - 1) show(++index);
  });
</script></body></html>`;
  const server = createServer((req, res) => {
    const photo = /^\/photo\/(\d+)$/.exec(req.url ?? '');
    const file = photo ? files[Number(photo[1])] : undefined;
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    else if (file) res.writeHead(200, { 'content-type': 'image/jpeg', 'cache-control': 'private, max-age=3600' }).end(readFileSync(file));
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })));
}

buildIfStale({ electron: false });
const work = join(tmpdir(), `prismer-bench-review-${process.pid}`);
const studio = openStudio({ dataDir: join(work, 'data') });
const browser = await launchChromium();
try {
  const library = await generateCameraPhotos(count);
  console.log(`Importing ${count} photos with thumbnails…`);
  const job = await studio.jobs.wait((await studio.library.addFolder(library)).jobId);
  if (job.state !== 'done') throw new Error(`import ${job.state}: ${job.error}`);
  const images = studio.db.prepare(`SELECT id, path, content_hash FROM images ORDER BY id`).all() as { id: number; path: string; content_hash: string }[];
  if (images.length !== count) throw new Error(`imported ${images.length} of ${count} photos`);
  const pathOf = new Map(images.map((image) => [image.id, image.path]));
  // Three AI candidates per photo, best first, as the captioner stores them.
  studio.db.transaction(() => {
    for (const image of images) {
      for (const [j, score] of [0.82, 0.64, 0.31].entries()) {
        insertCaption(studio.db, {
          imageId: image.id,
          text: `candidate ${j + 1} for photo ${image.id}: a gradient over a noisy field, seen from above`,
          source: 'ai',
          status: 'candidate',
          score,
          contentHash: image.content_hash,
          provenance: { modelId: 'prismerz-base', modelHash: 'bench', experts: {}, decoding: { strategy: 'beam', numBeams: 3, maxLength: 30 } },
          createdAt: Date.now(),
        });
      }
    }
  })();

  const server = await startWebServer({ studio, rendererDir: rendererBuildDir, appInfo: baseAppInfo(studio) });
  const viewport = { width: 1500, height: 900 };
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.loginUrl);
  await page.getByTestId('tile').first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('v');
  await page.getByTestId('review').waitFor();
  await page.waitForFunction(() => /^1 of /.test(document.querySelector('[data-testid="review-position"]')?.textContent?.trim() ?? ''), undefined, { timeout: 15_000 });
  let current = await shownPhotoId(page);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="candidate"]').length === 3);
  const photoBox = await page.getByTestId('review-image').boundingBox();
  if (!photoBox) throw new Error('the review photo has no box on screen');
  await page.waitForTimeout(1000);
  await installProbe(page);

  const order = [current];
  console.log(`Review mode: J × ${presses}, then 1 × ${presses}, ${dwellMs} ms between presses…`);
  const next: Step[] = [];
  for (let i = 0; i < presses; i++) {
    const step = await pressAndMeasure(page, 'j', current);
    next.push(step);
    current = step.imageId;
    order.push(current);
  }
  const accept: Step[] = [];
  for (let i = 0; i < presses; i++) {
    const accepted = current;
    const step = await pressAndMeasure(page, '1', current);
    accept.push(step);
    current = step.imageId;
    const status = studio.db.prepare(`SELECT status FROM captions WHERE image_id = ? ORDER BY score DESC LIMIT 1`).pluck().get(accepted);
    if (status !== 'accepted') throw new Error(`photo ${accepted}: its first candidate is ${String(status)} after 1, not accepted`);
  }
  // The position reads like "201 of 1,000".
  const position = (await page.getByTestId('review-position').textContent())?.trim() ?? '';
  if (position.replace(/[^\d ]/g, '').replace(/\s+/g, ' ') !== `${2 * presses + 1} ${count}`) throw new Error(`the queue is at “${position}” after ${2 * presses} presses`);
  if (errors.length > 0) throw new Error(`script errors on the page: ${errors.join('; ')}`);
  await page.close();
  await server.close();

  // The baseline: the photos the app showed for J, in the same order, in a box of the photo's size.
  const baseline = await baselineServer(
    order.map((id) => pathOf.get(id)!),
    { width: Math.round(photoBox.width), height: Math.round(photoBox.height) },
  );
  const plain = await browser.newPage({ viewport });
  await plain.goto(baseline.url);
  let shown = await shownPhotoId(plain);
  await plain.waitForTimeout(1000);
  await installProbe(plain);
  const swap: Step[] = [];
  for (let i = 0; i < presses; i++) {
    const step = await pressAndMeasure(plain, 'j', shown);
    swap.push(step);
    shown = step.imageId;
  }
  await plain.close();
  await new Promise((resolve) => baseline.server.close(resolve));

  const results = { baseline: summarize(swap), next: summarize(next), accept: summarize(accept) };
  const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);
  const b = results.baseline;
  const ratio = (s: Summary) =>
    `${(s.shown.median / b.shown.median).toFixed(1)}× / ${(s.shown.p95 / b.shown.p95).toFixed(1)}×   ${(s.frame.median / b.frame.median).toFixed(1)}× / ${(s.frame.p95 / b.frame.p95).toFixed(1)}×`;
  const row = (label: string, s: Summary) =>
    `${label.padEnd(30)} ${ms(s.shown.median)} ${ms(s.shown.p95)} ${ms(s.shown.max)}   ${ms(s.frame.median)} ${ms(s.frame.p95)} ${ms(s.frame.max)}   ${ratio(s)}`;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\n${count} photos of ${cameraPhotoSize.width}×${cameraPhotoSize.height}, ${presses} presses each, ${dwellMs} ms dwell; photo box ${Math.round(photoBox.width)}×${Math.round(photoBox.height)} px; Chromium ${browser.version()} headless, no GPU; ${cpus().length} × ${cpu}`,
  );
  console.log(`${''.padEnd(30)} ${'shown: p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}   ${'frame: p50'.padStart(9)} ${'p95'.padStart(9)} ${'max'.padStart(9)}   ratio shown p50 / p95   frame p50 / p95`);
  console.log(row('baseline (plain page, J)', results.baseline));
  console.log(row('review queue, J (next)', results.next));
  console.log(row('review queue, 1 (accept, next)', results.accept));
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', `reviewQueue-${count}.json`),
    JSON.stringify(
      { count, presses, dwellMs, photo: cameraPhotoSize, box: photoBox, chromium: browser.version(), cpus: cpus().length, cpu, memGiB: totalmem() / 2 ** 30, at: new Date().toISOString(), results, steps: { baseline: swap, next, accept } },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await studio.close();
  rmSync(work, { recursive: true, force: true });
}
