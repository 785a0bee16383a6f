/// <reference lib="dom" />
// The Models screen in Debian's Chromium against web mode, with a stand-in Hub on 127.0.0.1 serving one
// small file for 'depth-anything-v2-small' (Apache-2.0): the welcome says what needs a download; `M`
// opens the screen; OCR is installed (ships with the app); the depth model installs through the licence
// dialog and becomes installed with its checked sha256; a non-commercial model needs the "I accept"
// tick; a file that is not ONNX is refused with main's words; a map layer without a model links to the
// screen narrowed to its tasks. Screenshots go to test/artifacts/ for a person to look at.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { randomBytesFor, sha256, startFakeHub } from '../helpers/fakeHub.ts';
import { browserSkip, launchChromium, screenshot, startWebApp } from '../helpers/browserApp.ts';
import { writePhoto } from '../helpers/images.ts';
import { writeDetectorModel } from '../helpers/onnxModels.ts';


const row = (page: Page, id: string) => page.locator(`[data-testid="model-row"][data-model-id="${id}"]`);

describe('the Models screen in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('see what ships, install a model through its licence, refuse a bad import, get a model from a layer', async (t) => {
    const hub = await startFakeHub(t);
    // 2 MB sent in 64 kB pieces every 20 ms: about a second of download, long enough to be seen.
    const bytes = randomBytesFor(2_000_000, 7);
    hub.add({ repo: 'onnx-community/depth-anything-v2-small', file: 'onnx/model.onnx', bytes, chunkSize: 64 * 1024, delayMs: 20 });
    const hubBefore = process.env.PRISMER_STUDIO_HUB_URL;
    process.env.PRISMER_STUDIO_HUB_URL = hub.url;
    t.after(() => {
      if (hubBefore === undefined) delete process.env.PRISMER_STUDIO_HUB_URL;
      else process.env.PRISMER_STUDIO_HUB_URL = hubBefore;
    });
    const app = await startWebApp('studio-models-');
    t.after(() => app.close());

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.loginUrl);

    // The welcome says what works now and what needs a download, with sizes and licences.
    const welcome = page.getByTestId('welcome-models');
    await welcome.waitFor();
    await page.getByTestId('welcome-downloads').waitFor();
    const welcomeText = (await welcome.textContent()) ?? '';
    assert.match(welcomeText, /Text \(OCR\).*ships with the app/s);
    assert.match(welcomeText, /Depth.*99\.1 MB.*Apache-2\.0/s);
    assert.match(welcomeText, /Segmentation.*non-commercial/s);
    assert.match((await page.getByTestId('recommended-set').textContent()) ?? '', /Recommended set: \d+ to download \(≈ [\d.]+ [MG]B\)/);

    // M opens the Models screen; the bundled OCR is installed.
    await page.keyboard.press('m');
    const screen = page.getByTestId('models-screen');
    await screen.waitFor();
    await row(page, 'ocr-ppocr-v4-det').waitFor();
    assert.equal(await row(page, 'ocr-ppocr-v4-det').getAttribute('data-status'), 'installed');
    assert.match((await row(page, 'ocr-ppocr-v4-det').textContent()) ?? '', /Ships with the app.*Installed/s);
    assert.match((await row(page, 'depth-anything-v2-small').textContent()) ?? '', /≈ 99\.1 MB.*Apache-2\.0.*Download.*Not installed/s);

    // Install the depth model: the licence first, no tick needed for Apache-2.0.
    await row(page, 'depth-anything-v2-small').getByTestId('model-install').click();
    const licence = page.getByTestId('licence-dialog');
    await licence.waitFor();
    assert.match((await licence.textContent()) ?? '', /Apache-2\.0.*free to use, also commercially/s);
    assert.equal(await licence.getByTestId('accept-licence').count(), 0);
    assert.equal(await licence.getByTestId('licence-link').getAttribute('href'), 'https://www.apache.org/licenses/LICENSE-2.0');
    assert.equal(
      await licence.getByTestId('download-hosts').textContent().then((t) => t?.replace(/\s+/g, ' ').trim()),
      `Downloads from ${new URL(hub.url).host} (onnx-community/depth-anything-v2-small/onnx/model.onnx).`,
      'the dialog names the host it downloads from',
    );
    await licence.getByTestId('licence-install').click();
    await licence.waitFor({ state: 'detached' });

    // It downloads (bytes and speed from the job's progress), then is installed with its checked sha256.
    const depth = row(page, 'depth-anything-v2-small');
    await page.waitForFunction(() => /MB of 2\.0 MB/.test(document.querySelector('[data-model-id="depth-anything-v2-small"] [data-testid="model-progress"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('[data-model-id="depth-anything-v2-small"]')?.getAttribute('data-status') === 'installed', undefined, { timeout: 15_000 });
    const installed = (await depth.textContent()) ?? '';
    assert.match(installed, new RegExp(`sha256 ${sha256(bytes).slice(0, 12)}… · checked`));
    assert.match(installed, /2\.0 MB/, 'the exact size replaces the approximate one');
    assert.equal(await depth.getByTestId('model-remove').count(), 1, 'a download can be removed');
    assert.equal(hub.downloads.length, 1);
    await screenshot(page, '11-models');

    // A non-commercial licence must be accepted before Install is enabled.
    await row(page, 'seg-segformer-ade').getByTestId('model-install').click();
    await licence.waitFor();
    assert.equal(await licence.getByTestId('nc-badge').count(), 1);
    const install = licence.getByTestId('licence-install');
    assert.equal(await install.isDisabled(), true, 'Install waits for the tick');
    await licence.getByTestId('accept-licence').check();
    assert.equal(await install.isDisabled(), false);
    await screenshot(page, '12-models-licence');
    await licence.getByRole('button', { name: 'Cancel' }).click();
    await licence.waitFor({ state: 'detached' });
    assert.equal(await row(page, 'seg-segformer-ade').getAttribute('data-status'), 'not-installed', 'nothing was downloaded');

    // Importing a file that is not ONNX: main's refusal, word for word.
    const notOnnx = join(app.dir, 'notes.onnx');
    writeFileSync(notOnnx, 'these are notes, not a model');
    await page.getByTestId('model-import-path').fill(notOnnx);
    await page.getByTestId('model-import-task').selectOption('depth');
    await page.getByTestId('model-import-submit').click();
    const importError = page.getByTestId('model-import-error');
    await importError.waitFor({ timeout: 10_000 });
    assert.match((await importError.textContent()) ?? '', /is not a usable ONNX model.*Nothing was imported\./);

    // A detector of one's own: the family recognised from the file, class names from a file, and what has
    // no counterpart in Prismer's classes said.
    const detector = writeDetectorModel(app.dir, [{ logits: [3, -9], box: [0.5, 0.5, 0.4, 0.4] }], ['x', 'y']);
    writeFileSync(join(app.dir, 'classes.txt'), 'dog\nunicorn\n');
    await page.getByTestId('model-import-path').fill(detector.model);
    await page.getByTestId('model-import-task').selectOption('det');
    assert.deepEqual(
      await page.getByTestId('model-import-family').locator('option').allTextContents(),
      ['Family: recognise from the file', 'RT-DETR / DETR', 'YOLOX', 'YOLOv5-style', 'YOLOv8-style', 'FastestDet'],
    );
    await page.getByTestId('model-import-labels').fill(join(app.dir, 'classes.txt'));
    await page.getByTestId('model-import-submit').click();
    const done = page.getByTestId('model-import-done');
    await done.waitFor({ timeout: 10_000 });
    assert.equal(
      (await done.textContent())?.replace(/\s+/g, ' ').trim(),
      'Imported as “rtdetr.onnx (RT-DETR / DETR, imported)”: RT-DETR / DETR · 2 classes (from your labels file) · not in COCO-133: unicorn.',
    );
    await row(page, 'local-det-rtdetr').waitFor();
    await page.getByTestId('model-import').scrollIntoViewIfNeeded();
    await screenshot(page, '13-models-import');
    await page.keyboard.press('Escape');
    await screen.waitFor({ state: 'detached' });

    // The jobs panel counts the download in bytes.
    await page.getByTestId('jobs-toggle').click();
    const job = page.locator('[data-testid="job-row"]').first();
    await job.waitFor();
    assert.match((await job.textContent()) ?? '', /Downloading Depth Anything V2 Small.*2\.0 MB downloaded/s);
    await page.getByTestId('jobs-toggle').click();

    // A photo in the loupe's Experts mode: segmentation has no model and links to the screen, narrowed.
    const lib = join(app.dir, 'Photos');
    await writePhoto(join(lib, 'IMG_1.jpg'), { seed: 1, width: 480, height: 320 });
    await app.studio.library.addFolder(lib);
    await page.getByTestId('tile').first().waitFor({ timeout: 10_000 });
    await page.getByTestId('tile').first().dblclick();
    await page.getByTestId('loupe').waitFor();
    await page.keyboard.press('x');
    await page.getByTestId('layer-missing-seg').waitFor();
    assert.match((await page.getByTestId('clip-text-note').textContent()) ?? '', /CLIP text model:\s*not installed/);
    await page.getByTestId('get-model-seg').click();
    await screen.waitFor();
    assert.match((await page.getByTestId('models-filter').textContent()) ?? '', /Models for segmentation/);
    const tasks = await page.locator('[data-testid="model-group"]').evaluateAll((groups) => groups.map((g) => g.getAttribute('data-task')));
    assert.deepEqual(tasks, ['seg_coco', 'seg_ade']);

    assert.deepEqual(errors, [], 'no script errors on the page');
  });
});
