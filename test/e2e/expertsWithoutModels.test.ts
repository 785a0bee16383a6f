/// <reference lib="dom" />
// The experts on a fresh install (no model downloaded), in Debian's Chromium against web mode: "Run
// experts…" lists every expert with what it would run or why it cannot, ticks only those that can (OCR,
// bundled; edges, the classical stand-in), and the finished job says in the jobs panel which experts did
// not run and why — never "2 of 2 done" for work that did not happen. Screenshot: 42-experts-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkip, importFolder, launchChromium, screenshot, startWebApp } from '../helpers/browserApp.ts';
import { writePhoto } from '../helpers/images.ts';
import { waitForText } from '../helpers/pageWaits.ts';

describe('experts without models, in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('Run experts offers only what can run; the job says what did not run and why', async (t) => {
    const app = await startWebApp('studio-experts-bare-');
    t.after(() => app.close());
    const folder = join(app.dir, 'Street');
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < 2; i++) await writePhoto(join(folder, `IMG_${8000 + i}.jpg`), { seed: i + 3, width: 320, height: 240 });
    const photos = await importFolder(app, folder);
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    t.after(() => page.close());
    await page.goto(app.server.loginUrl);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 2, undefined, { timeout: 20_000 });
    await page.getByTestId('tile').first().click();
    await page.keyboard.press('Control+a');
    await page.getByTestId('run-experts-selection').click();
    await page.getByTestId('run-experts-dialog').waitFor();
    await page.locator('[data-testid="run-expert-row"][data-expert="depth"][data-runnable="false"]').waitFor();
    const runnable = await page.$$eval('[data-testid="run-expert-row"]', (rows) => rows.map((r) => [r.getAttribute('data-expert'), r.getAttribute('data-runnable')]));
    assert.deepEqual(runnable, [['depth', 'false'], ['normal', 'false'], ['edge', 'true'], ['seg', 'false'], ['det', 'false'], ['ocr', 'true']]);
    assert.match((await page.locator('[data-testid="run-expert-row"][data-expert="normal"]').textContent()) ?? '', /needs the depth expert/);
    await waitForText(page, 'run-experts-start', /Run 2 experts/);
    await screenshot(page, '42-experts-dialog');
    await page.getByTestId('run-experts-start').click();
    await page.getByTestId('run-experts-dialog').waitFor({ state: 'detached' });

    // The jobs panel opens; the finished job says what ran and what did not.
    const row = page.locator('[data-testid="job-row"][data-state="done"]').filter({ hasText: /Running edge, ocr/ });
    await row.waitFor({ timeout: 60_000 });
    const text = (await row.textContent()) ?? '';
    assert.match(text, /2 photos: stored edge 2, ocr 2/);
    assert.doesNotMatch(text, /depth/, 'only what was asked for is reported');
    const stored = app.studio.experts.outputsFor(photos[0]!.id).map((o) => o.expert).sort();
    assert.deepEqual(stored, ['edge', 'ocr']);

    // The loupe's "run every expert" asks for all six: the job names the four that could not run.
    await page.keyboard.press('Shift+J');
    await page.keyboard.press('Enter');
    await page.getByTestId('loupe').waitFor();
    await page.keyboard.press('x');
    // Experts mode's toolbar fits a 1440-px window with the sidebar and inspector open (it used to push
    // the zoom buttons out of sight).
    await page.getByTestId('layout-side').waitFor();
    const overflow = await page.$eval('[data-testid="loupe"] .hud', (hud) => {
      const box = hud.getBoundingClientRect();
      const outside = [...hud.children].filter((c) => {
        const r = c.getBoundingClientRect();
        return r.right > box.right + 0.5 || r.left < box.left - 0.5;
      });
      return { scroll: hud.scrollWidth - hud.clientWidth, outside: outside.length };
    });
    assert.deepEqual(overflow, { scroll: 0, outside: 0 });
    await page.getByTestId('run-experts').click();
    await page.keyboard.press('Shift+J');
    const all = page.locator('[data-testid="job-row"][data-state="done"]').filter({ hasText: /Running all experts/ });
    await all.waitFor({ timeout: 60_000 });
    const summary = (await all.textContent()) ?? '';
    assert.match(summary, /1 photo: edge, ocr already up to date/);
    for (const line of [/depth not run — No depth model is installed/, /normal not run — .*needs the depth expert/, /seg not run — No seg model is installed/, /det not run — No det model is installed/]) assert.match(summary, line);
    await screenshot(page, '42-experts-job-summary');
  });
});
