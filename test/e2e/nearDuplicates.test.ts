/// <reference lib="dom" />
// Duplicate groups as a new user meets them, in Debian's Chromium against web mode: a photo, its byte
// copy, a half-size copy and a brighter copy, beside five different signs photographed on one wall. The
// byte copy is an exact group; the resized and brightened copies form one near group with the photo; no
// sign joins any group. "Not a duplicate" takes a photo out of a near group for good (also after the
// dialog is opened again). Screenshot: test/artifacts/42-near-duplicates.png.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { browserSkip, importFolder, launchChromium, screenshot, startWebApp } from '../helpers/browserApp.ts';
import { copyEdits, signOnWall, signTexts } from '../helpers/nearDuplicateSet.ts';
import { sceneJpeg } from '../helpers/scenes.ts';

async function groups(page: Page): Promise<{ kind: string; names: string[] }[]> {
  return page.locator('[data-testid="duplicate-group"]').evaluateAll((sections) =>
    sections.map((section) => ({
      kind: section.getAttribute('data-kind') ?? '',
      names: [...section.querySelectorAll('[data-testid="duplicate-member"]')].map((m) => m.getAttribute('data-file-name') ?? '').sort(),
    })),
  );
}

describe('near duplicates, in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('copies are grouped (exact apart from near), different signs are not, and "Not a duplicate" splits a group', async (t) => {
    const app = await startWebApp('near-duplicates-');
    t.after(() => app.close());
    const folder = join(app.dir, 'Photos');
    mkdirSync(folder, { recursive: true });
    const photo = await sceneJpeg(3);
    writeFileSync(join(folder, 'harbour.jpg'), photo);
    copyFileSync(join(folder, 'harbour.jpg'), join(folder, 'harbour copy.jpg'));
    writeFileSync(join(folder, 'harbour small.jpg'), await copyEdits['half size']!(photo));
    writeFileSync(join(folder, 'harbour bright.jpg'), await copyEdits['brightness +5 %']!(photo));
    for (const [i, text] of signTexts.entries()) writeFileSync(join(folder, `sign ${text}.jpg`), await signOnWall(text, i));
    await importFolder(app, folder);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    t.after(() => page.close());
    await page.goto(app.server.loginUrl);
    await page.getByTestId('open-duplicates').click();
    const dialog = page.getByTestId('duplicates-dialog');
    await dialog.locator('[data-testid="duplicate-group"]').first().waitFor({ timeout: 15_000 });
    const found = await groups(page);
    assert.deepEqual(
      found.find((g) => g.kind === 'exact')?.names,
      ['harbour copy.jpg', 'harbour.jpg'],
      'the byte copy is an exact group',
    );
    const near = found.filter((g) => g.kind === 'near');
    assert.equal(near.length, 1, `one near group: ${JSON.stringify(found)}`);
    assert.ok(near[0]!.names.includes('harbour small.jpg') && near[0]!.names.includes('harbour bright.jpg'), `the resized and brighter copies are in it: ${near[0]!.names.join(', ')}`);
    assert.ok(found.every((g) => g.names.every((n) => !n.startsWith('sign '))), 'no sign is in any group');
    await screenshot(page, '42-near-duplicates');

    const bright = dialog.locator('[data-testid="duplicate-group"][data-kind="near"] [data-testid="duplicate-member"][data-file-name="harbour bright.jpg"]');
    await bright.getByTestId('not-duplicate').click();
    await bright.waitFor({ state: 'detached' });
    assert.ok((await groups(page)).every((g) => !g.names.includes('harbour bright.jpg')), 'the photo left its group');

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('open-duplicates').click();
    await dialog.locator('[data-testid="duplicate-group"]').first().waitFor({ timeout: 15_000 });
    const again = await groups(page);
    assert.ok(again.every((g) => !g.names.includes('harbour bright.jpg')), 'and stays out when the groups are shown again');
    assert.ok(again.some((g) => g.kind === 'near' && g.names.includes('harbour small.jpg')), 'the rest of the group is kept');
  });
});
