/// <reference lib="dom" />
// Web mode has no system folder picker: the export and import-captions dialogs offer "Browse…", a folder
// browser over the main process's listing that fills the folder field as the user moves, in Debian's
// Chromium. The export then goes to a new folder typed under the one browsed to. Screenshot:
// test/artifacts/41-export-browse.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { insertCaption } from '../../db/queries/captions.ts';
import { browserSkip, importFolder, launchChromium, screenshot, startWebApp } from '../helpers/browserApp.ts';
import { writePhoto } from '../helpers/images.ts';

describe('choosing folders in web mode, in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('Browse… in the export and import dialogs fills the folder field from the folders browsed to', async (t) => {
    const app = await startWebApp('folder-browser-');
    t.after(() => app.close());
    const trip = join(app.dir, 'Trip');
    mkdirSync(join(app.dir, 'Exports'), { recursive: true });
    mkdirSync(trip, { recursive: true });
    for (let i = 0; i < 3; i++) await writePhoto(join(trip, `IMG_${i}.jpg`), { seed: i + 1, width: 64, height: 48 });
    for (const photo of await importFolder(app, trip)) {
      insertCaption(app.studio.db, { imageId: photo.id, text: `Photo ${photo.fileName}`, source: 'human', status: 'accepted', createdAt: Date.now() });
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    t.after(() => page.close());
    await page.goto(app.server.loginUrl);

    await page.getByTestId('open-export').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    await page.getByTestId('export-scope-all').check();
    await page.getByTestId('export-format').selectOption('csv');
    const field = page.getByTestId('export-out-dir');
    await field.fill(app.dir);
    await page.getByTestId('export-browse').click();
    const list = page.getByTestId('export-list');
    await list.getByRole('button', { name: 'Exports' }).click();
    await page.waitForFunction((want) => (document.querySelector('[data-testid="export-out-dir"]') as HTMLInputElement).value === want, join(app.dir, 'Exports'));
    await page.getByTestId('export-browser').getByRole('button', { name: 'Up to the parent folder' }).click();
    await page.waitForFunction((want) => (document.querySelector('[data-testid="export-out-dir"]') as HTMLInputElement).value === want, app.dir);
    await list.getByRole('button', { name: 'Exports' }).click();
    await page.waitForFunction((want) => (document.querySelector('[data-testid="export-out-dir"]') as HTMLInputElement).value === want, join(app.dir, 'Exports'));
    await screenshot(page, '41-export-browse');

    // A new folder typed under the one browsed to.
    const out = join(app.dir, 'Exports', 'trip-csv');
    await field.fill(out);
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-summary').waitFor({ timeout: 15_000 });
    assert.match((await page.getByTestId('export-summary').textContent()) ?? '', /3 captions exported/);
    assert.equal(existsSync(join(out, 'captions.csv')), true);
    await page.getByTestId('export-close').click();
    await dialog.waitFor({ state: 'detached' });

    // Import captions: an empty field opens the home folder's listing; browsing fills it.
    await page.getByTestId('open-import-captions').click();
    await page.getByTestId('import-captions-dialog').waitFor();
    await page.getByTestId('import-browse').click();
    await page.getByTestId('import-list').locator('li').first().waitFor();
    const shown = (await page.getByTestId('import-browser').locator('.current').textContent()) ?? '';
    assert.equal(await page.getByTestId('import-folder').inputValue(), shown, 'the first listing fills an empty field');
    await page.getByTestId('import-folder').fill(trip);
    await page.getByTestId('import-browse').click();
    await page.getByTestId('import-browse').click();
    await page.getByTestId('import-list').getByText('No sub-folders here.').waitFor();
    assert.equal(await page.getByTestId('import-browser').locator('.current').textContent(), trip, 'reopened, it starts at the folder typed');
    assert.equal(await page.getByTestId('import-folder').inputValue(), trip);
  });
});
