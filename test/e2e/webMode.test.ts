/// <reference lib="dom" />
// The whole app in Debian's Chromium against web mode, as a person uses it: import a folder, see the
// grid, open a photo in the loupe with its EXIF, see the jobs panel, settings; and a 100,000-photo
// library that stays virtualised. Screenshots of each view go to test/artifacts/ for a person to look at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkip, launchChromium, screenshot, startWebApp } from '../helpers/browserApp.ts';
import { writeBytes, writePhoto } from '../helpers/images.ts';

describe('web mode in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('import a folder, browse the grid, open a photo, see the jobs panel and settings', async (t) => {
    const app = await startWebApp('studio-e2e-');
    t.after(() => app.close());
    const lib = join(app.dir, 'Holiday 2021');
    for (let i = 0; i < 14; i++) {
      await writePhoto(join(lib, i < 8 ? '' : 'beach', `IMG_${1000 + i}.jpg`), {
        seed: i,
        width: 480,
        height: 320,
        exif: { make: 'Fujifilm', model: 'X-T4', takenAt: `2021:07:${String(10 + i).padStart(2, '0')} 09:30:00`, lat: 43.7, lon: 7.26 },
      });
    }
    writeBytes(join(lib, 'corrupt.jpg'), 'this is not a jpeg');

    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.loginUrl);

    // A new user sees what to do.
    await page.getByTestId('welcome').waitFor();
    await screenshot(page, '01-welcome');

    await page.getByTestId('add-folder').click();
    await page.getByTestId('add-folder-path').fill(lib);
    await screenshot(page, '02-add-folder');
    await page.getByTestId('add-folder-confirm').click();

    // The grid fills as the scan goes; the broken file is shown as failed.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 15, undefined, { timeout: 20_000 });
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="tile"] img')].filter((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0).length >= 14, undefined, { timeout: 20_000 });
    assert.match((await page.getByTestId('photo-count').textContent()) ?? '', /15/);
    await screenshot(page, '03-grid');

    // Keyboard: select the first photo, open it in the loupe.
    await page.getByTestId('tile').nth(1).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.getByTestId('loupe').waitFor();
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="loupe-image"]') as HTMLImageElement | null;
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    const exif = page.getByTestId('exif-panel');
    await exif.waitFor();
    assert.match((await exif.textContent()) ?? '', /Fujifilm X-T4/);
    await screenshot(page, '04-loupe');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await screenshot(page, '05-loupe-zoomed');

    // Back to the grid; the jobs panel shows the finished scan with its failure.
    await page.keyboard.press('g');
    await page.getByTestId('grid').waitFor();
    await page.getByTestId('jobs-toggle').click();
    const jobs = page.getByTestId('jobs-panel');
    await jobs.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="job-row"]')?.getAttribute('data-state') === 'done');
    assert.match((await jobs.textContent()) ?? '', /corrupt\.jpg/);
    await screenshot(page, '06-jobs');
    await page.keyboard.press('Escape');

    await page.getByTestId('settings-toggle').click();
    await page.getByTestId('settings').waitFor();
    assert.match((await page.getByTestId('settings-db-path').textContent()) ?? '', /library\.db/);
    await screenshot(page, '07-settings');
    assert.deepEqual(errors, [], 'no script errors on the page');
  });

  test('a 100,000-photo library stays virtualised and scrolls to its last photo', async (t) => {
    const app = await startWebApp('studio-e2e-');
    t.after(() => app.close());
    const { db } = app.studio;
    // Rows as a big import leaves them (thumbnails are made on first view; these files do not exist, so
    // tiles show their placeholder — the grid's own cost is what this measures).
    db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, ?, 0)`).run(join(app.dir, 'big'));
    const insert = db.prepare(
      `INSERT INTO images (folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, format, width, height, status, added_at, updated_at)
       VALUES (1, ?, '', ?, ?, 1000, 0, 'jpeg', 640, 480, 'ok', 0, 0)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++) {
        const name = `IMG_${String(i).padStart(6, '0')}.jpg`;
        insert.run(join(app.dir, 'big', name), name, i.toString(16).padStart(64, '0'));
      }
    })();

    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(app.server.loginUrl);
    await page.getByTestId('grid').waitFor();
    await page.waitForFunction(() => /100,?000/.test(document.querySelector('[data-testid="photo-count"]')?.textContent ?? ''));
    const domTiles = async () => page.locator('[data-testid="tile"], [data-testid="tile-placeholder"]').count();
    assert.ok((await domTiles()) < 300, 'only the visible rows are in the page');

    await page.getByTestId('tile').first().click();
    await page.keyboard.press('End');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="tile"]')].some((el) => el.textContent?.includes('IMG_099999.jpg')), undefined, { timeout: 20_000 });
    assert.ok((await domTiles()) < 300, 'still virtualised at the end');
    await screenshot(page, '08-grid-100k-end');
  });
});
