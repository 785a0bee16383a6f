/// <reference lib="dom" />
// Captioning by hand with no model installed, in Debian's Chromium against web mode, as a photographer
// does it: in the inspector (C opens the editor, Ctrl+Enter saves; the caption shows as yours), then in
// Review, whose empty "to review" queue leads to the photos without a caption, written one after another
// from the keyboard (E, type, Ctrl+Enter goes on). Editing a caption makes a new version — the text it
// replaces is kept — and an AI caption replaced by your edit is an alternative, not "1 to review".
// The database is checked after every step. Screenshots: test/artifacts/41-hand-*.png.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { captionsOfImage, imageReviewStatus, insertCaption } from '../../db/queries/captions.ts';
import { browserSkip, importFolder, launchChromium, screenshot, startWebApp, type ImportedPhoto, type RunningApp } from '../helpers/browserApp.ts';
import { writePhoto } from '../helpers/images.ts';
import { eventually, waitForText } from '../helpers/pageWaits.ts';

async function appWith(t: import('node:test').TestContext, count: number): Promise<{ app: RunningApp; photos: ImportedPhoto[] }> {
  const app = await startWebApp('studio-hand-');
  t.after(() => app.close());
  const folder = join(app.dir, 'Walk');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) await writePhoto(join(folder, `IMG_${7000 + i}.jpg`), { seed: i + 11, width: 360, height: 240 });
  return { app, photos: await importFolder(app, folder) };
}

async function openTile(page: Page, imageId: number): Promise<void> {
  await page.locator(`[data-testid="tile"][data-image-id="${imageId}"]`).click();
  await page.getByTestId('caption-summary').waitFor();
}

const texts = (app: RunningApp, imageId: number) => captionsOfImage(app.studio.db, imageId).map((c) => [c.source, c.status, c.text]);

describe('captions by hand, no model installed, in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('in the inspector (C) and through Review’s photos without a caption, from the keyboard', async (t) => {
    const { app, photos } = await appWith(t, 3);
    const [a, b, c] = photos.map((p) => p.id) as [number, number, number];
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    t.after(() => page.close());
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.loginUrl);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 3, undefined, { timeout: 20_000 });

    // The inspector: no model, yet a caption can be written.
    await openTile(page, a);
    await waitForText(page, 'no-caption', /No caption yet/);
    await waitForText(page, 'no-prismer-model', /AI captions, questions and tags need a Prismer model/);
    await page.keyboard.press('c');
    await page.getByTestId('hand-caption-text').fill('A frosty footpath between birch trees at dawn.');
    await screenshot(page, '41-hand-inspector-editor');
    await page.keyboard.press('Control+Enter');
    await waitForText(page, 'accepted-caption', /frosty footpath between birch trees/);
    assert.match((await page.getByTestId('accepted-caption').textContent()) ?? '', /You/, 'shown as the person’s own text');
    assert.deepEqual(texts(app, a), [['human', 'accepted', 'A frosty footpath between birch trees at dawn.']]);
    assert.equal(imageReviewStatus(app.studio.db, a), 'accepted');

    // Review: nothing to review, so on to the photos without a caption; E, type, Ctrl+Enter, next.
    await page.keyboard.press('v');
    await waitForText(page, 'review-empty', /Nothing to review/);
    await screenshot(page, '41-hand-review-empty');
    await page.getByTestId('caption-by-hand').click();
    await waitForText(page, 'review-position', /1 of 2/);
    for (const [position, text] of [['1 of 2', 'A wooden bench beside a frozen pond.'], ['2 of 2', 'Two crows on a fence post.']] as const) {
      await waitForText(page, 'review-position', new RegExp(position));
      await page.getByTestId('review-no-caption').waitFor();
      await page.keyboard.press('e');
      await page.getByTestId('caption-editor-text').fill(text);
      if (position === '1 of 2') await screenshot(page, '41-hand-review-editor');
      await page.keyboard.press('Control+Enter');
      await page.getByTestId('caption-editor').waitFor({ state: 'detached' });
    }
    await eventually(() => [b, c].map((id) => imageReviewStatus(app.studio.db, id)), (s) => s.every((x) => x === 'accepted'), 'both photos captioned');
    assert.deepEqual(texts(app, b), [['human', 'accepted', 'A wooden bench beside a frozen pond.']]);
    assert.deepEqual(texts(app, c), [['human', 'accepted', 'Two crows on a fence post.']]);

    // Editing a caption by hand makes a new version; the earlier text is kept.
    await page.keyboard.press('g');
    await openTile(page, a);
    await page.getByTestId('write-caption').click();
    const field = page.getByTestId('hand-caption-text');
    assert.equal(await field.inputValue(), 'A frosty footpath between birch trees at dawn.', 'the editor starts from the caption');
    await field.fill('A frosty footpath between silver birches at dawn.');
    await page.getByTestId('hand-caption-save').click();
    await waitForText(page, 'accepted-caption', /silver birches/);
    assert.deepEqual(texts(app, a), [
      ['human', 'draft', 'A frosty footpath between birch trees at dawn.'],
      ['human', 'accepted', 'A frosty footpath between silver birches at dawn.'],
    ]);
    // Esc leaves the editor without saving.
    await page.keyboard.press('c');
    await page.getByTestId('hand-caption-text').fill('never saved');
    await page.keyboard.press('Escape');
    await page.getByTestId('hand-caption-editor').waitFor({ state: 'detached' });
    assert.equal(captionsOfImage(app.studio.db, a).length, 2);
    assert.deepEqual(errors, [], 'no script errors on the page');
  });

  test('an AI caption replaced by your edit is kept as an alternative, not counted "to review"', async (t) => {
    const { app, photos } = await appWith(t, 1);
    const id = photos[0]!.id;
    insertCaption(app.studio.db, { imageId: id, text: 'a path in the woods', source: 'ai', status: 'accepted', score: 0.6, createdAt: 1 });
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    t.after(() => page.close());
    await page.goto(app.server.loginUrl);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 1, undefined, { timeout: 20_000 });
    await openTile(page, id);
    await waitForText(page, 'accepted-caption', /a path in the woods/);
    await page.keyboard.press('c');
    await page.getByTestId('hand-caption-text').fill('A muddy path through beech woods.');
    await page.keyboard.press('Control+Enter');
    await waitForText(page, 'accepted-caption', /muddy path/);
    assert.deepEqual(texts(app, id), [
      ['ai', 'candidate', 'a path in the woods'],
      ['human', 'accepted', 'A muddy path through beech woods.'],
    ]);
    assert.equal(imageReviewStatus(app.studio.db, id), 'accepted');
    assert.equal(await page.getByTestId('to-review').count(), 0, 'the inspector does not say "1 to review"');
    await page.keyboard.press('v');
    await waitForText(page, 'review-empty', /Nothing to review/, 10_000);
    await screenshot(page, '41-hand-edited-ai');
  });
});
