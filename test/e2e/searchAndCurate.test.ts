/// <reference lib="dom" />
// Search, smart filters, saved views, duplicates and export in Debian's Chromium against web mode, as a
// person uses them. Captions and an OCR result are written straight into the database (no model needed);
// one photo is copied byte for byte so the library has an exact duplicate. Then: the search box finds a
// photo by its caption and another by the text OCR read in it; a smart filter narrows the grid (tiles and
// total checked), and a second one that matches nothing says which filters to relax; the filters are saved
// as a view, the grid goes back to all photos and the view reopens; the duplicate group view keeps one copy
// (images.excluded checked in the database) and the other shows an "Excluded" badge; the export dialog
// (opened from the Ctrl+K command palette) refuses a relative folder with the reason, then writes a CSV into a temporary folder, summarised by
// reason; the view is renamed and deleted (and so is an invalid view, which says why it cannot open); a
// .txt sidecar is imported as a caption that search then finds. Screenshots: test/artifacts/15-search-*.png, 16-duplicates.png, 17-export.png.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { insertCaption } from '../../db/queries/captions.ts';
import { saveExpertOutput } from '../../db/queries/expertOutputs.ts';
import { browserSkip, importFolder, launchChromium, screenshot, startWebApp, type ImportedPhoto, type RunningApp } from '../helpers/browserApp.ts';
import { eventually, waitForText } from '../helpers/pageWaits.ts';

/** A small distinct photo: a coloured background, a box and a disc that move and grow with `seed`. */
async function writePhoto(path: string, seed: number): Promise<void> {
  const hue = (seed * 83) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320">
    <rect width="480" height="320" fill="hsl(${hue}, 45%, 55%)"/>
    <rect x="${40 + seed * 60}" y="${40 + (seed % 2) * 120}" width="140" height="140" fill="hsl(${(hue + 180) % 360}, 60%, 35%)"/>
    <circle cx="${420 - seed * 70}" cy="${250 - seed * 30}" r="${24 + seed * 8}" fill="#f5d142"/>
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(path);
}

async function libraryOf(app: RunningApp): Promise<Map<string, ImportedPhoto>> {
  const lib = join(app.dir, 'Trip');
  mkdirSync(lib, { recursive: true });
  for (let i = 0; i < 4; i++) await writePhoto(join(lib, `IMG_${4000 + i}.jpg`), i);
  copyFileSync(join(lib, 'IMG_4000.jpg'), join(lib, 'IMG_4000 copy.jpg'));
  return new Map((await importFolder(app, lib)).map((photo) => [photo.fileName, photo]));
}

/** The image ids of the grid's tiles once exactly `count` are shown. */
async function tilesWhenCount(page: Page, count: number): Promise<number[]> {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="tile"]').length === n, count, { timeout: 5000 });
  return page.$$eval('[data-testid="tile"]', (els) => els.map((el) => Number(el.getAttribute('data-image-id'))));
}

async function search(page: Page, text: string): Promise<void> {
  const box = page.getByTestId('search-text');
  await box.fill(text);
  await box.press('Enter');
}

describe('search and curation in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('search text and OCR, smart filters, a saved view, keep one duplicate, export', async (t) => {
    const app = await startWebApp('studio-search-');
    t.after(() => app.close());
    const photos = await libraryOf(app);
    const db = app.studio.db;
    const photo = (name: string) => photos.get(name) ?? assert.fail(`no ${name}`);
    const original = photo('IMG_4000.jpg');
    const copy = photo('IMG_4000 copy.jpg');
    const bicycle = photo('IMG_4001.jpg');
    const sign = photo('IMG_4002.jpg');
    const plain = photo('IMG_4003.jpg');
    assert.equal(original.contentHash, copy.contentHash, 'the copy has the same bytes');

    const at = 1_700_000_000_000;
    insertCaption(db, { imageId: bicycle.id, text: 'a red bicycle leaning on a wall', source: 'ai', status: 'candidate', score: 0.8, contentHash: bicycle.contentHash, createdAt: at });
    insertCaption(db, { imageId: original.id, text: 'a dark square on a warm background', source: 'human', status: 'accepted', score: null, contentHash: original.contentHash, createdAt: at + 1 });
    insertCaption(db, { imageId: copy.id, text: 'the same dark square', source: 'human', status: 'accepted', score: null, contentHash: copy.contentHash, createdAt: at + 2 });
    insertCaption(db, { imageId: plain.id, text: 'a yellow disc in the corner', source: 'human', status: 'accepted', score: null, contentHash: plain.contentHash, createdAt: at + 3 });
    saveExpertOutput(db, { contentHash: sign.contentHash, expert: 'ocr', modelId: 'ocr-test', modelVersion: '1', mapPath: null, stats: {}, text: 'OPEN 24 HOURS', isFallback: false }, at);

    // A view saved by another build, whose query no longer validates.
    db.prepare(`INSERT INTO saved_views (name, query_json, created_at, updated_at) VALUES ('Old view', '{"colour":"red"}', 1, 1)`).run();

    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.loginUrl);
    await tilesWhenCount(page, 5);
    const oldView = page.locator('[data-testid="saved-view"][data-view-name="Old view"]');
    assert.match((await oldView.getByTestId('view-problem').textContent()) ?? '', /cannot be shown/);
    assert.equal(await oldView.getByTestId('open-view').isDisabled(), true, 'an invalid view does not open');

    // Full text: a caption word, then (focused with "/") a word OCR read in the photo.
    await search(page, 'bicycle');
    assert.deepEqual(await tilesWhenCount(page, 1), [bicycle.id]);
    await waitForText(page, 'search-total', /^1 result$/);
    await waitForText(page, 'photo-count', /^1 result$/);
    await screenshot(page, '15-search-text');
    await page.getByTestId('search-text').press('Escape');
    await tilesWhenCount(page, 5);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'search-text', '/ focuses the search box');
    await page.keyboard.type('hours');
    await page.keyboard.press('Enter');
    assert.deepEqual(await tilesWhenCount(page, 1), [sign.id]);
    await page.getByTestId('search-text').press('Escape');
    await tilesWhenCount(page, 5);

    // A smart filter narrows the grid; adding one that nothing also matches says which to relax.
    await page.getByTestId('filter-review-accepted').click();
    const accepted = await tilesWhenCount(page, 3);
    assert.deepEqual([...accepted].sort(), [original.id, copy.id, plain.id].sort());
    await waitForText(page, 'search-total', /^3 results$/);
    await page.getByTestId('filter-has-text').click();
    await page.getByTestId('grid-empty').waitFor();
    assert.match((await page.getByTestId('grid-empty-hint').textContent()) ?? '', /all of: Accepted, Has text/);
    await screenshot(page, '15-search-empty');
    await page.locator('[data-testid="filter-chip"][data-chip="hasText"] button').click();
    await tilesWhenCount(page, 3);

    // Save the filter as a view, go back to everything, reopen the view.
    await page.getByTestId('save-view').click();
    await page.getByTestId('view-name').fill('Accepted captions');
    await page.getByTestId('view-name-confirm').click();
    await page.getByTestId('view-name-dialog').waitFor({ state: 'detached' });
    const views = app.studio.search.views().filter((v) => v.query !== null);
    assert.deepEqual(views.map((v) => [v.name, v.query?.reviewStatus]), [['Accepted captions', ['accepted']]]);
    await waitForText(page, 'active-view', /Accepted captions/);
    await page.getByTestId('nav-all').click();
    await tilesWhenCount(page, 5);
    assert.equal(await page.getByTestId('filter-chips').count(), 0, 'no chips without filters');
    await page.locator('[data-testid="saved-view"][data-view-name="Accepted captions"] [data-testid="open-view"]').click();
    await tilesWhenCount(page, 3);
    await waitForText(page, 'active-view', /Accepted captions/);
    await waitForText(page, 'search-total', /^3 results$/);
    await screenshot(page, '15-search-view');

    // Duplicates: the exact pair side by side; keep the original, the copy is excluded from exports.
    await page.getByTestId('open-duplicates').click();
    const group = page.locator(`[data-testid="duplicate-group"][data-kind="exact"]`);
    await group.waitFor();
    assert.deepEqual(
      (await group.locator('[data-testid="duplicate-member"]').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-image-id'))))).sort(),
      [original.id, copy.id].sort(),
    );
    await group.locator(`[data-testid="duplicate-member"][data-image-id="${original.id}"] [data-testid="keep-member"]`).click();
    const excluded = () => db.prepare(`SELECT id, excluded FROM images WHERE id IN (?, ?) ORDER BY id`).all(original.id, copy.id) as { id: number; excluded: number }[];
    await eventually(excluded, (rows) => rows.find((r) => r.id === copy.id)?.excluded === 1, 'the copy is excluded');
    assert.equal(excluded().find((r) => r.id === original.id)?.excluded, 0, 'the kept one is not');
    await group.locator(`[data-testid="duplicate-member"][data-image-id="${copy.id}"] [data-testid="member-excluded"]`).waitFor();
    await screenshot(page, '16-duplicates');
    await page.getByTestId('duplicates-dialog').getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('duplicates-dialog').waitFor({ state: 'detached' });

    // The view's grid shows the copy with its badge.
    await page.locator(`[data-testid="tile"][data-image-id="${copy.id}"] [data-testid="excluded-badge"]`).waitFor();
    assert.equal(await page.locator(`[data-testid="tile"][data-image-id="${original.id}"] [data-testid="excluded-badge"]`).count(), 0);

    // Export the view (opened from the command palette): a relative folder is refused with the reason,
    // then a CSV into a temporary folder.
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('export capt');
    assert.equal(await page.locator('[data-testid="palette-command"]').first().getAttribute('data-command'), 'export');
    await page.getByTestId('palette-input').press('Enter');
    await page.getByTestId('export-dialog').waitFor();
    assert.equal(await page.getByTestId('export-scope-view').isChecked(), true, 'the open view is the default scope');
    await page.getByTestId('export-format').selectOption('csv');
    await page.getByTestId('export-out-dir').fill('exports/trip');
    await page.getByTestId('export-start').click();
    assert.match((await page.getByTestId('export-error').textContent()) ?? '', /full path.*exports\/trip/);
    const outDir = join(app.dir, 'export out');
    await page.getByTestId('export-out-dir').fill(outDir);
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-summary').waitFor({ timeout: 15_000 });
    const csv = join(outDir, 'captions.csv');
    assert.ok(existsSync(csv), 'the CSV was written');
    const lines = readFileSync(csv, 'utf8').trim().split(/\r\n/);
    assert.equal(lines.length, 1 + 2, 'a header and the two accepted photos that are not excluded');
    assert.match(await page.getByTestId('export-summary').textContent() ?? '', /2 captions exported/);
    assert.deepEqual(await page.$$eval('[data-testid="export-skipped"]', (els) => els.map((el) => [el.getAttribute('data-reason'), el.textContent?.trim()])), [['excluded', '1 — excluded from exports']]);
    assert.deepEqual(await page.$$eval('[data-testid="export-file"]', (els) => els.map((el) => el.textContent)), [csv]);
    await screenshot(page, '17-export');
    await page.getByTestId('export-close').click();

    // The export job is in the jobs panel too.
    await page.keyboard.press('Shift+J');
    await page.locator('[data-testid="job-row"][data-state="done"]').filter({ hasText: /Exporting/ }).waitFor();
    await page.keyboard.press('Shift+J');

    // Rename the view from its menu, then delete it; the invalid one can be deleted too.
    const view = page.locator('[data-testid="saved-view"][data-view-name="Accepted captions"]');
    await view.getByTestId('view-menu').click();
    await view.getByTestId('view-rename').click();
    await page.getByTestId('view-name').fill('Keepers');
    await page.getByTestId('view-name').press('Enter');
    await page.locator('[data-testid="saved-view"][data-view-name="Keepers"]').waitFor();
    assert.deepEqual(app.studio.search.views().map((v) => v.name).sort(), ['Keepers', 'Old view']);
    for (const name of ['Keepers', 'Old view']) {
      const row = page.locator(`[data-testid="saved-view"][data-view-name="${name}"]`);
      await row.getByTestId('view-menu').click();
      await row.getByTestId('view-delete').click();
      await row.getByTestId('view-delete-confirm').click();
      await row.waitFor({ state: 'detached' });
    }
    assert.deepEqual(app.studio.search.views(), []);

    // Import captions: a .txt sidecar beside a photo becomes its caption, and search finds it.
    writeFileSync(join(app.dir, 'Trip', 'IMG_4002.txt'), 'a shop sign that says open all night\n');
    await page.getByTestId('open-import-captions').click();
    await page.getByTestId('import-folder').fill('Trip');
    await page.getByTestId('import-start').click();
    assert.match((await page.getByTestId('import-error').textContent()) ?? '', /full path/);
    await page.getByTestId('import-folder').fill(join(app.dir, 'Trip'));
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor({ timeout: 15_000 });
    assert.match((await page.getByTestId('import-summary').textContent()) ?? '', /1 sidecar read/);
    await page.getByTestId('import-captions-dialog').getByRole('button', { name: 'Close' }).last().click();
    await page.getByTestId('import-captions-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('nav-all').click();
    await tilesWhenCount(page, 5);
    await search(page, 'shop sign');
    assert.deepEqual(await tilesWhenCount(page, 1), [sign.id]);

    assert.deepEqual(errors, [], 'no page errors');
  });
});
