/// <reference lib="dom" />
// The loupe's Experts mode in Debian's Chromium against web mode, as a person uses it: import a folder,
// open a photo, switch to Experts, run the experts from the button, see the layers drawn (depth from a
// small fake ONNX model, Canny edges, normals derived from depth, segmentation and detection from fake
// models; OCR not installed and said so), change opacity, toggle and solo layers with keys, probe, and
// go side by side with one shared zoom. Screenshots go to test/artifacts/ for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { browserSkip, launchChromium, screenshot, startWebApp, type RunningApp } from '../helpers/browserApp.ts';
import { writeDepthModel, writeDetectorModel, writeSegformerModel } from '../helpers/onnxModels.ts';
import { waitForText } from '../helpers/pageWaits.ts';


/** A small outdoor scene: blue sky, a red house with a window, green grass, a yellow sun, a dark post. */
async function writeScene(path: string, width: number, height: number, shift: number): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 960 640">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2d5fb8"/><stop offset="1" stop-color="#8db8ea"/></linearGradient>
    <linearGradient id="grass" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#6cae4a"/><stop offset="1" stop-color="#1f5a1c"/></linearGradient></defs>
    <rect width="960" height="640" fill="url(#sky)"/>
    <circle cx="${780 - shift}" cy="120" r="60" fill="#f5d142"/>
    <rect y="400" width="960" height="240" fill="url(#grass)"/>
    <polygon points="${200 + shift},260 ${360 + shift},150 ${520 + shift},260" fill="#7a2418"/>
    <rect x="${220 + shift}" y="260" width="280" height="200" fill="#c0392b"/>
    <rect x="${260 + shift}" y="300" width="70" height="60" fill="#f4e3b5"/>
    <rect x="${400 + shift}" y="340" width="60" height="120" fill="#5b2a12"/>
    <rect x="${700 - shift}" y="330" width="18" height="200" fill="#333"/>
    <circle cx="${709 - shift}" cy="320" r="42" fill="#d7263d"/>
  </svg>`;
  mkdirSync(dirname(path), { recursive: true });
  await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toFile(path);
}

/** The studio with generated models "installed" for depth, segmentation and detection. */
async function startApp(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-maps-'));
  const models = join(dir, 'models');
  mkdirSync(models, { recursive: true });
  const depth = writeDepthModel(models);
  const seg = writeSegformerModel(models, ['building', 'grass', 'sky']);
  // Two fixed detections whatever the image: the house (a "building") and the post's sign ("stop sign").
  const det = writeDetectorModel(
    models,
    [
      { logits: [2.2, -9], box: [0.375, 0.5, 0.36, 0.5] },
      { logits: [-9, 1.1], box: [0.74, 0.56, 0.12, 0.4] },
    ],
    ['building', 'stop sign'],
  );
  const files: Record<string, string> = {
    'depth-dpt-hybrid': depth,
    'seg-segformer-ade': seg.model,
    'seg-segformer-ade-config': seg.config,
    'det-rtdetr-r18': det.model,
    'det-rtdetr-r18-config': det.config,
  };
  return startWebApp('studio-maps-', { resolveModel: (id) => (files[id] ? { path: files[id], version: 'fake1' } : null) }, dir);
}

/** How many pixels of a layer's canvas are drawn (alpha > 0), and how many distinct colours. */
function canvasStats(page: Page, expert: string, scope = '') {
  return page.evaluate(
    ({ expert, scope }) => {
      const canvas = document.querySelector(`${scope} [data-testid="map-canvas"][data-expert="${expert}"]`) as HTMLCanvasElement | null;
      if (!canvas) return null;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let drawn = 0;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 0) drawn++;
        if (colours.size < 500) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      }
      return { width: canvas.width, height: canvas.height, drawn, colours: colours.size, hidden: canvas.hidden, opacity: canvas.style.opacity };
    },
    { expert, scope },
  );
}

const layerOrder = ['depth', 'normal', 'edge', 'seg', 'det', 'ocr'];

/** Waits until the layer panel shows exactly these layers as visible, and returns that list. */
async function expectVisible(page: Page, expected: string[]): Promise<void> {
  const read = () =>
    page.evaluate((order) => order.filter((l) => document.querySelector(`[data-testid="layer-${l}"]`)?.getAttribute('data-visible') === 'true'), layerOrder);
  try {
    await page.waitForFunction(
      ({ order, expected }) => order.filter((l) => document.querySelector(`[data-testid="layer-${l}"]`)?.getAttribute('data-visible') === 'true').join() === expected.join(),
      { order: layerOrder, expected },
      { timeout: 3000 },
    );
  } catch {
    assert.deepEqual(await read(), expected);
  }
}

describe('the map viewer in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('run the experts from the loupe, read their layers, overlay and side by side', async (t) => {
    const app = await startApp();
    t.after(() => app.close());
    const lib = join(app.dir, 'Street');
    for (let i = 0; i < 3; i++) await writeScene(join(lib, `IMG_${2000 + i}.jpg`), 960, 640, i * 40);

    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.loginUrl);

    await page.getByTestId('welcome').waitFor();
    await page.getByTestId('add-folder').click();
    await page.getByTestId('add-folder-path').fill(lib);
    await page.getByTestId('add-folder-confirm').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 3, undefined, { timeout: 20_000 });

    // A selection offers the experts from the grid's toolbar too, choosing which: what cannot run (OCR
    // here) says why and is not offered; the others are ticked.
    await page.getByTestId('tile').first().click();
    await page.getByTestId('run-experts-selection').click();
    await page.getByTestId('run-experts-dialog').waitFor();
    await page.locator('[data-testid="run-expert-row"][data-expert="ocr"][data-runnable="false"]').waitFor();
    assert.match((await page.locator('[data-testid="run-expert-row"][data-expert="ocr"]').textContent()) ?? '', /Cannot run: No ocr/);
    assert.equal(await page.getByTestId('run-expert-ocr').isDisabled(), true);
    assert.equal(await page.getByTestId('run-expert-depth').isChecked(), true);
    assert.match((await page.locator('[data-testid="run-expert-row"][data-expert="edge"]').textContent()) ?? '', /Canny \(classical fallback\)/);
    await screenshot(page, '11-run-experts-dialog');
    await page.keyboard.press('Escape');
    await page.getByTestId('run-experts-dialog').waitFor({ state: 'detached' });

    await page.keyboard.press('Enter');
    await page.getByTestId('loupe').waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid="loupe-image"]') as HTMLImageElement | null)?.complete === true);

    // X: Experts mode. Nothing has run yet: every layer says so, OCR says it is not installed.
    await page.keyboard.press('x');
    await page.getByTestId('layer-panel').waitFor();
    await waitForText(page, 'layer-depth', /Not run on this photo yet/, 30_000);
    assert.match((await page.getByTestId('layer-missing-ocr').textContent()) ?? '', /Not available: No ocr/);

    // Run them through the UI; the viewer refetches when the job is done.
    await page.getByTestId('run-experts').click();
    await page.waitForSelector('[data-testid="map-canvas"][data-expert="depth"][data-painted="true"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="map-vectors"][data-expert="det"]', { timeout: 10_000 });
    for (const expert of ['normal', 'edge', 'seg']) await page.waitForSelector(`[data-testid="map-canvas"][data-expert="${expert}"][data-painted="true"]`, { state: 'attached' });

    const depth = await canvasStats(page, 'depth');
    assert.ok(depth && depth.drawn === depth.width * depth.height && depth.colours > 20, `depth is drawn in colour: ${JSON.stringify(depth)}`);
    assert.deepEqual([depth.width, depth.height], [960, 640], 'a small map is kept at its own size');
    const seg = await canvasStats(page, 'seg');
    assert.ok(seg && seg.drawn > 0 && seg.colours >= 2 && seg.colours <= 3, `segmentation in class colours: ${JSON.stringify(seg)}`);
    assert.equal(seg.hidden, true, 'segmentation starts hidden in the overlay');
    assert.equal(await page.locator('[data-testid="map-vectors"][data-expert="det"] rect').count(), 2, 'two detection boxes');
    assert.match((await page.locator('[data-testid="map-vectors"][data-expert="det"]').textContent()) ?? '', /building 90%/);

    // Badges, model names, legends.
    assert.equal(await page.getByTestId('badge-edge').textContent(), 'classical fallback');
    assert.equal(await page.getByTestId('badge-normal').textContent(), 'derived');
    assert.equal(await page.getByTestId('badge-depth').count(), 0);
    assert.match((await page.getByTestId('legend-depth').textContent()) ?? '', /far .* near/s);
    assert.match((await page.getByTestId('legend-seg').textContent()) ?? '', /sky.*%/s);
    assert.match((await page.getByTestId('legend-det').textContent()) ?? '', /building\s*× 1/);
    assert.match((await page.getByTestId('layer-missing-ocr').textContent()) ?? '', /Not available/);

    // The status bar names the execution provider once known.
    await waitForText(page, 'provider', /CPU/, 30_000);

    // Opacity applies at once (a CSS change; no repaint).
    await page.getByTestId('opacity-depth').fill('45');
    await page.waitForFunction(() => (document.querySelector('[data-testid="map-canvas"][data-expert="depth"]') as HTMLElement).style.opacity === '0.45');

    // Keys: 1 hides depth, 3 shows edges; Shift+4 solos segmentation and Shift+4 again restores.
    await page.locator('[data-testid="map-overlay"]').hover({ position: { x: 10, y: 10 } });
    await expectVisible(page, ['depth', 'det', 'ocr']);
    await page.keyboard.press('1');
    await expectVisible(page, ['det', 'ocr']);
    assert.equal((await canvasStats(page, 'depth'))?.hidden, true, 'a hidden layer’s canvas is hidden, not repainted');
    await page.keyboard.press('1');
    await page.keyboard.press('3');
    await expectVisible(page, ['depth', 'edge', 'det', 'ocr']);
    await page.keyboard.press('Shift+4');
    await expectVisible(page, ['seg']);
    await page.keyboard.press('Shift+4');
    await expectVisible(page, ['depth', 'edge', 'det', 'ocr']);
    await page.keyboard.press('3');
    await expectVisible(page, ['depth', 'det', 'ocr']);

    // A range narrows the depth colours (repainted from the kept map).
    await page.getByTestId('range-low-depth').fill('60');
    await page.getByTestId('opacity-depth').fill('65');

    // The probe: every expert at the pixel under the cursor, in the status bar.
    const overlay = page.getByTestId('map-overlay');
    const box = (await overlay.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.38, box.y + box.height * 0.55);
    await waitForText(page, 'probe', /depth \d+\/255/, 30_000);
    const probe = (await page.getByTestId('probe').textContent()) ?? '';
    assert.match(probe, /normal \([−\d.]+, [−\d.]+, [−\d.]+\)/);
    assert.match(probe, /class (building|grass|sky)/);
    assert.match(probe, /box building 90%/);
    await screenshot(page, '09-map-viewer-overlay');

    // O: side by side, eight panes sharing one zoom and pan.
    await page.keyboard.press('o');
    await page.getByTestId('map-side-by-side').waitFor();
    for (const pane of ['rgb', 'depth', 'normal', 'edge', 'seg', 'det', 'ocr', 'probe']) await page.getByTestId(`map-pane-${pane}`).waitFor();
    await page.waitForSelector('[data-testid="map-pane-seg"] [data-testid="map-canvas"][data-painted="true"]');
    const seg2 = await canvasStats(page, 'seg', '[data-testid="map-pane-seg"]');
    assert.ok(seg2 && !seg2.hidden && seg2.drawn > 0, 'side by side shows segmentation in its pane');
    assert.match((await page.getByTestId('map-pane-ocr').textContent()) ?? '', /Not available/);

    const transforms = () => page.$$eval('[data-testid^="map-pane-"] img', (imgs) => imgs.map((img) => (img as HTMLElement).style.transform));
    const before = await transforms();
    const depthPane = (await page.getByTestId('map-pane-depth').boundingBox())!;
    await page.mouse.move(depthPane.x + depthPane.width * 0.4, depthPane.y + depthPane.height * 0.5);
    await page.mouse.wheel(0, -500);
    await page.waitForFunction((b) => [...document.querySelectorAll('[data-testid^="map-pane-"] img')].some((img, i) => (img as HTMLElement).style.transform !== b[i]), before);
    const zoomed = await transforms();
    assert.equal(new Set(zoomed).size, 1, `every pane follows one zoom: ${zoomed.join(' | ')}`);
    // Drag in another pane: all pan together.
    const edgePane = (await page.getByTestId('map-pane-edge').boundingBox())!;
    await page.mouse.move(edgePane.x + edgePane.width / 2, edgePane.y + edgePane.height / 2);
    await page.mouse.down();
    await page.mouse.move(edgePane.x + edgePane.width / 2 - 60, edgePane.y + edgePane.height / 2 - 30, { steps: 4 });
    await page.mouse.up();
    const panned = await transforms();
    assert.equal(new Set(panned).size, 1);
    assert.notEqual(panned[0], zoomed[0], 'the drag moved the view');
    await page.keyboard.press('0');
    await page.mouse.move(depthPane.x + depthPane.width * 0.45, depthPane.y + depthPane.height * 0.6);
    await waitForText(page, 'map-pane-probe', /depth/, 30_000);
    await screenshot(page, '10-map-viewer-side-by-side');

    // The help overlay lists the new keys.
    await page.keyboard.press('?');
    const help = (await page.getByTestId('shortcut-help').textContent()) ?? '';
    assert.match(help, /Overlay \/ side by side/);
    assert.match(help, /Photo \/ Experts mode/);
    await page.keyboard.press('?');

    // X back to the photo alone, which is still zoomable.
    await page.keyboard.press('x');
    await page.getByTestId('loupe-image').waitFor();
    assert.deepEqual(errors, [], 'no script errors on the page');
  });

  test('a 24-megapixel photo: maps are kept at 2048 px and pan and zoom do not repaint them', async (t) => {
    const app = await startApp();
    t.after(() => app.close());
    const lib = join(app.dir, 'Big');
    await writeScene(join(lib, 'IMG_6000x4000.jpg'), 6000, 4000, 0);
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.loginUrl);
    await page.getByTestId('add-folder').click();
    await page.getByTestId('add-folder-path').fill(lib);
    await page.getByTestId('add-folder-confirm').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 1, undefined, { timeout: 30_000 });
    await page.getByTestId('tile').first().click();
    // Stored outputs for this photo, as a run from anywhere (the CLI, another window) leaves them.
    const imageId = (app.studio.db.prepare(`SELECT id FROM images LIMIT 1`).get() as { id: number }).id;
    const job = await app.studio.jobs.wait(app.studio.experts.run({ imageIds: [imageId], only: ['depth', 'edge', 'seg'] }).jobId);
    assert.equal(job.state, 'done', job.error ?? '');

    await page.keyboard.press('Enter');
    await page.getByTestId('loupe').waitFor();
    await page.keyboard.press('x');
    await page.waitForSelector('[data-testid="map-canvas"][data-expert="depth"][data-painted="true"]', { timeout: 60_000 });
    const kept = await canvasStats(page, 'depth');
    assert.deepEqual([kept?.width, kept?.height], [2048, 1365], 'the map is kept downscaled');
    // Class ids are downscaled nearest-neighbour: no blended, invented classes at boundaries.
    await page.waitForSelector('[data-testid="map-canvas"][data-expert="seg"][data-painted="true"]', { state: 'attached' });
    const seg = await canvasStats(page, 'seg');
    assert.ok(seg && seg.width === 2048 && seg.colours >= 2 && seg.colours <= 3, `segmentation keeps its classes: ${JSON.stringify(seg)}`);

    // Count repaints: putImageData is only called when a layer's settings change.
    await page.evaluate(() => {
      const w = window as unknown as { __paints: number };
      w.__paints = 0;
      const original = CanvasRenderingContext2D.prototype.putImageData;
      CanvasRenderingContext2D.prototype.putImageData = function (this: CanvasRenderingContext2D, ...args: Parameters<typeof original>) {
        w.__paints++;
        return original.apply(this, args);
      } as typeof original;
    });
    const stage = (await page.getByTestId('map-overlay').boundingBox())!;
    const started = Date.now();
    await page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -300);
    await page.mouse.down();
    for (let i = 0; i < 10; i++) await page.mouse.move(stage.x + stage.width / 2 - i * 20, stage.y + stage.height / 2 - i * 10);
    await page.mouse.up();
    const elapsed = Date.now() - started;
    assert.equal(await page.evaluate(() => (window as unknown as { __paints: number }).__paints), 0, 'pan and zoom never repaint a map');
    assert.ok(elapsed < 5000, `pan and zoom stay responsive (${elapsed} ms for 16 steps)`);
    await page.getByTestId('colormap-depth').selectOption('viridis');
    await page.waitForFunction(() => (window as unknown as { __paints: number }).__paints >= 1);
    assert.deepEqual(errors, []);
  });
});
