/// <reference lib="dom" />
// An export to a folder that cannot be written, in Debian's Chromium against web mode, as a person meets
// it: the dialog says why at once (no job is left hanging), and the next export runs; a disk that fills up
// during the export shows Failed with the cause, and "Change and export again" leads back to the form; an
// export job that went bad while queued (e.g. resumed after a restart) is Failed in the jobs panel with
// its reason, and does not hold up the next one. Screenshots: test/artifacts/40-export-*.png.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { insertCaption } from '../../db/queries/captions.ts';
import { browserSkip, importFolder, launchChromium, screenshot, startWebApp, type RunningApp } from '../helpers/browserApp.ts';
import { writePhoto } from '../helpers/images.ts';
import { waitForText } from '../helpers/pageWaits.ts';
import { mountSkip, mountTmpfs } from '../helpers/smallMount.ts';

async function captionedApp(t: import('node:test').TestContext, captionLength: number): Promise<RunningApp> {
  const app = await startWebApp('export-failures-');
  t.after(() => app.close());
  const folder = join(app.dir, 'Trip');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < 12; i++) await writePhoto(join(folder, `IMG_${5000 + i}.jpg`), { seed: i + 1, width: 64, height: 48 });
  for (const photo of await importFolder(app, folder)) {
    insertCaption(app.studio.db, { imageId: photo.id, text: `Photo ${photo.fileName}: ${'word '.repeat(captionLength / 5)}`, source: 'human', status: 'accepted', createdAt: Date.now() });
  }
  return app;
}

async function openExport(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.server.loginUrl);
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-dialog').waitFor();
  await page.getByTestId('export-scope-all').check();
  await page.getByTestId('export-format').selectOption('csv');
}

describe('exports that cannot be written, in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('a folder that cannot be created is refused in the dialog with the reason; the next export runs', async (t) => {
    const app = await captionedApp(t, 40);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    t.after(() => page.close());
    await openExport(page, app);
    await page.getByTestId('export-out-dir').fill('/proc/prismer-studio-x');
    await page.getByTestId('export-start').click();
    await waitForText(page, 'export-error', /Cannot create the export folder \/proc\/prismer-studio-x: the file system at \/proc does not allow new folders there\./);
    await screenshot(page, '40-export-refused');
    assert.equal(app.studio.jobs.list().filter((j) => j.kind === 'export').length, 0, 'no export job was made');

    const out = join(app.dir, 'good export');
    await page.getByTestId('export-out-dir').fill(out);
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-summary').waitFor({ timeout: 15_000 });
    assert.match((await page.getByTestId('export-summary').textContent()) ?? '', /12 captions exported/);
    assert.equal((parseCsv(readFileSync(join(out, 'captions.csv'), 'utf8'), { columns: true }) as unknown[]).length, 12, 'every photo is in the CSV');
  });

  test('an export job that went bad while queued is Failed in the jobs panel with its reason; the next one runs', async (t) => {
    const app = await captionedApp(t, 40);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    t.after(() => page.close());
    await page.goto(app.server.loginUrl);
    const bad = app.studio.jobs.enqueue('export', 'Exporting the library as coco', { scope: { all: true }, format: 'coco', outDir: '/proc/prismer-studio-x' });
    const good = (await app.studio.exports.export({ scope: { all: true }, format: 'csv', outDir: join(app.dir, 'after') })).jobId;
    await page.keyboard.press('Shift+J');
    const failedRow = page.locator(`[data-testid="job-row"][data-job-id="${bad}"][data-state="failed"]`);
    await failedRow.waitFor({ timeout: 10_000 });
    assert.match((await failedRow.textContent()) ?? '', /does not allow new folders there/);
    await page.locator(`[data-testid="job-row"][data-job-id="${good}"][data-state="done"]`).waitFor({ timeout: 10_000 });
    await screenshot(page, '40-export-failed-job');
  });

  test('a disk that fills up during the export: Failed with the cause, then back to the form for another folder', { skip: mountSkip }, async (t) => {
    // 12 captions of 120 kB: 1.4 MB of CSV for a disk with about 1.1 MB free (the check before wants 1 MB).
    const app = await captionedApp(t, 120_000);
    const disk = mountTmpfs(t, 1_150_000);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    t.after(() => page.close());
    await openExport(page, app);
    const full = join(disk.path, 'dataset');
    await page.getByTestId('export-out-dir').fill(full);
    await page.getByTestId('export-start').click();
    await waitForText(page, 'export-failed', /Failed\. The export to .*dataset failed: no space left on the device \(ENOSPC\)\. Nothing of this export was kept/, 15_000);
    await screenshot(page, '40-export-disk-full');
    await page.getByTestId('export-again').click();
    const out = join(app.dir, 'roomy');
    await page.getByTestId('export-out-dir').fill(out);
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-summary').waitFor({ timeout: 15_000 });
    assert.match((await page.getByTestId('export-summary').textContent()) ?? '', /12 captions exported/);
  });
});
