/// <reference lib="dom" />
// The review queue and the question panel in Debian's Chromium against web mode, as a person uses them.
// Review: AI candidates and a cross-check flag are written straight into the database (no model needed),
// then a queue is reviewed entirely from the keyboard — next, pick candidate 2, edit and save with
// Ctrl+Enter, reject, undo, redo — checking the database after every step; the queue is filtered by a
// flag; the shortcut overlay lists the keys; bulk accept previews its count before applying. Questions
// and tags: with a tiny converted Prismer model (needs ../shared), one question in generate and rank
// mode, ask across a selection (a job whose answers become a sortable column), and zero-shot tags.
// Screenshots go to test/artifacts/13-review-*.png and 14-vqa-*.png for a person to look at.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { getCaption, imageReviewStatus, insertCaption, replaceCaptionFlags, type CaptionProvenance } from '../../db/queries/captions.ts';
import { tagsOfImage } from '../../db/queries/imageTags.ts';
import { answersTo, vqaOfImage } from '../../db/queries/vqa.ts';
import { browserSkip, importFolder, launchChromium, screenshot, startWebApp, type ImportedPhoto, type RunningApp } from '../helpers/browserApp.ts';
import { eventually, waitForText } from '../helpers/pageWaits.ts';
import { skipWithoutShared, tinyBundle } from '../native-models/prismer/runner/tinyBundle.ts';

/** A small distinct photo: a coloured background and a box that moves with `seed`. */
async function writePhoto(path: string, seed: number): Promise<void> {
  const hue = (seed * 97) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320">
    <rect width="480" height="320" fill="hsl(${hue}, 45%, 55%)"/>
    <rect x="${60 + seed * 70}" y="90" width="140" height="140" fill="hsl(${(hue + 180) % 360}, 60%, 35%)"/>
    <circle cx="400" cy="70" r="${24 + seed * 6}" fill="#f5d142"/>
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toFile(path);
}

async function libraryOf(app: RunningApp, count: number): Promise<ImportedPhoto[]> {
  const lib = join(app.dir, 'Shoot');
  mkdirSync(lib, { recursive: true });
  for (let i = 0; i < count; i++) await writePhoto(join(lib, `IMG_${3000 + i}.jpg`), i);
  return importFolder(app, lib);
}

/** Caption ids as the candidate cards list them, with their statuses. */
function cards(page: Page) {
  return page.$$eval('[data-testid="candidate"]', (els) =>
    els.map((el) => ({ id: Number(el.getAttribute('data-caption-id')), status: el.getAttribute('data-status'), source: el.getAttribute('data-source') })),
  );
}

async function shownImage(page: Page): Promise<number> {
  const el = page.locator('[data-testid="review-photo"][data-ready="true"]');
  await el.waitFor();
  return Number(await el.getAttribute('data-image-id'));
}

const provenance: CaptionProvenance = {
  modelId: 'prismerz-base',
  modelHash: '3f9a0c1d2e4b5a6978cd',
  experts: {},
  decoding: { strategy: 'beam', numBeams: 3, maxLength: 30 },
};

describe('the review queue in Chromium', { skip: browserSkip }, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('review a queue from the keyboard: next, pick, edit, reject, undo, redo; filter by flag; shortcuts; bulk accept', async (t) => {
    const app = await startWebApp('studio-review-');
    t.after(() => app.close());
    const images = await libraryOf(app, 3);
    const db = app.studio.db;
    // Three AI candidates per photo, best first: 0.82, 0.64, 0.31.
    const texts = [
      ['a red house on a green lawn', 'a house with a red roof', 'two dogs in a field'],
      ['a blue square on a teal wall', 'a dark box in front of a wall', 'a painting of a box'],
      ['a red house beside a dark post', 'a small building and a sign', 'a street at night'],
    ];
    const ids = images.map((image, i) =>
      [0.82, 0.64, 0.31].map((score, j) =>
        insertCaption(db, { imageId: image.id, text: texts[i]![j]!, source: 'ai', status: 'candidate', score, contentHash: image.contentHash, provenance, createdAt: 1_700_000_000_000 + i * 10 + j }),
      ),
    );
    const [a, b, c] = images.map((image) => image.id) as [number, number, number];
    replaceCaptionFlags(db, ids[0]![1]!, a, [{ kind: 'count-mismatch', message: 'The caption says one house; the detector found 2.', evidence: { noun: 'house', detected: 2 } }]);
    replaceCaptionFlags(db, ids[1]![0]!, b, [{ kind: 'unseen-object', message: 'The caption names a “wall” that neither the detector nor the segmenter found.', evidence: { noun: 'wall' } }]);
    for (const id of [a, b, c]) assert.equal(imageReviewStatus(db, id), 'pending');

    const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.loginUrl);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 3, undefined, { timeout: 20_000 });

    // V: Review mode, the pending queue in library order, its first photo with its three candidates.
    await page.keyboard.press('v');
    await page.getByTestId('review').waitFor();
    await waitForText(page, 'review-position', /^1 of 3$/);
    assert.equal(await shownImage(page), a);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="candidate"]').length === 3);
    assert.deepEqual((await cards(page)).map((x) => x.id), ids[0], 'best score first');
    assert.deepEqual(await page.$$eval('[data-testid="caption-score"]', (els) => els.map((e) => e.textContent?.trim())), ['82%', '64%', '31%']);
    assert.deepEqual(await page.$$eval('[data-testid="candidate"] [data-testid="source-chip"]', (els) => els.map((e) => e.textContent)), ['AI', 'AI', 'AI']);
    assert.match((await page.getByTestId('caption-flag').textContent()) ?? '', /count-mismatch.*detector found 2/);
    assert.match((await page.getByTestId('flag-chip').first().textContent()) ?? '', /\w+-\w+ 1/);
    await page.locator('[data-testid="provenance"] summary').first().click();
    assert.match((await page.getByTestId('provenance').first().textContent()) ?? '', /prismerz-base.*numBeams 3/s);
    await screenshot(page, '13-review-queue');

    // X: the experts' maps of the photo in the map viewer; X again: the photo.
    await page.keyboard.press('x');
    await page.getByTestId('map-viewer').waitFor();
    await page.getByTestId('layer-panel').waitFor();
    await screenshot(page, '13-review-maps');
    await page.keyboard.press('x');
    await page.getByTestId('map-viewer').waitFor({ state: 'detached' });
    assert.equal(await shownImage(page), a);

    // J: the next photo, shown full size and decoded (it was prefetched).
    // Measured in the page: from the key event to the full-resolution <img> of the next photo in the
    // DOM, decoded (what the user sees), so the test's own round trips do not count. The time is only
    // reported here; how fast it is, against a plain page swapping preloaded images, is measured by
    // bench/reviewQueue.bench.ts (timed assertions in tests fail on a busy machine and prove little).
    await page.evaluate((next) => {
      const w = window as unknown as { __shownMs?: number };
      let started = 0;
      window.addEventListener('keydown', () => (started = performance.now()), { capture: true, once: true });
      const check = () => {
        const img = document.querySelector(`[data-testid="review-photo"][data-image-id="${next}"][data-ready="true"]`) as HTMLImageElement | null;
        if (!started || !img || w.__shownMs !== undefined) return;
        // Loading fires no mutation: an image not yet complete is checked again on its load event.
        if (!img.complete) return void img.addEventListener('load', check, { once: true });
        observer.disconnect();
        w.__shownMs = performance.now() - started;
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    }, b);
    await page.keyboard.press('j');
    await page.waitForFunction(() => (window as unknown as { __shownMs?: number }).__shownMs !== undefined, undefined, { timeout: 10_000 });
    assert.equal(await shownImage(page), b, 'the next photo is shown, full size and decoded');
    const nextShownMs = await page.evaluate(() => (window as unknown as { __shownMs: number }).__shownMs);
    t.diagnostic(`keypress to the next photo fully shown: ${nextShownMs.toFixed(1)} ms`);
    await waitForText(page, 'review-position', /^2 of 3$/);

    // 2: accept the second candidate; the queue moves on.
    await page.keyboard.press('2');
    await eventually(() => getCaption(db, ids[1]![1]!)?.status, (s) => s === 'accepted', 'candidate 2 accepted');
    assert.equal(imageReviewStatus(db, b), 'accepted');
    assert.equal(getCaption(db, ids[1]![0]!)?.status, 'candidate', 'the others stay candidates');
    await waitForText(page, 'review-position', /^3 of 3$/);
    assert.equal(await shownImage(page), c);

    // E: edit the selected (best) candidate; Ctrl+Enter saves a human version and accepts it.
    await page.keyboard.press('e');
    const editor = page.getByTestId('caption-editor-text');
    await editor.waitFor();
    assert.equal(await editor.inputValue(), texts[2]![0]);
    await editor.fill('a red house beside a dark post with a red sign');
    await screenshot(page, '13-review-edit');
    await page.keyboard.press('Control+Enter');
    const human = await eventually(
      () => db.prepare(`SELECT id, text, source, status, parent_id FROM captions WHERE image_id = ? AND source = 'human'`).get(c) as { id: number; text: string; source: string; status: string; parent_id: number } | undefined,
      (row) => row !== undefined,
      'the edit is stored',
    );
    assert.deepEqual({ ...human!, id: 0 }, { id: 0, text: 'a red house beside a dark post with a red sign', source: 'human', status: 'accepted', parent_id: ids[2]![0]! });
    assert.equal(imageReviewStatus(db, c), 'accepted');
    assert.equal(getCaption(db, ids[2]![0]!)?.status, 'candidate', 'the AI text it came from stays as it was');
    // The human version is marked "You" and shows its word diff against the AI text.
    await page.waitForSelector(`[data-testid="candidate"][data-caption-id="${human!.id}"][data-status="accepted"]`);
    const humanCard = page.locator(`[data-testid="candidate"][data-caption-id="${human!.id}"]`);
    assert.equal(await humanCard.getByTestId('source-chip').textContent(), 'You');
    assert.match((await humanCard.locator('ins').first().textContent()) ?? '', /with a red sign/);
    await waitForText(page, 'review-notice', /last photo/);

    // K K: back to the first photo; R rejects its selected (best) candidate.
    await page.keyboard.press('k');
    await waitForText(page, 'review-position', /^2 of 3$/);
    await page.keyboard.press('k');
    await waitForText(page, 'review-position', /^1 of 3$/);
    await page.waitForFunction((id) => document.querySelector('[data-testid="candidate"]')?.getAttribute('data-caption-id') === String(id), ids[0]![0]);
    await page.keyboard.press('r');
    await eventually(() => getCaption(db, ids[0]![0]!)?.status, (s) => s === 'rejected', 'candidate 1 rejected');
    assert.equal(imageReviewStatus(db, a), 'pending', 'two candidates are still open');
    await page.waitForSelector(`[data-testid="candidate"][data-caption-id="${ids[0]![0]}"][data-status="rejected"]`);

    // Ctrl+Z undoes the rejection; Ctrl+Shift+Z redoes it.
    await page.keyboard.press('Control+z');
    await eventually(() => getCaption(db, ids[0]![0]!)?.status, (s) => s === 'candidate', 'the rejection undone');
    await waitForText(page, 'review-notice', /Undone: the rejection/);
    await page.waitForSelector(`[data-testid="candidate"][data-caption-id="${ids[0]![0]}"][data-status="candidate"]`);
    await page.keyboard.press('Control+Shift+Z');
    await eventually(() => getCaption(db, ids[0]![0]!)?.status, (s) => s === 'rejected', 'the rejection redone');
    await waitForText(page, 'review-notice', /Redone: the rejection/);

    // The history lists the versions and the actions.
    await page.locator('[data-testid="review-history"] summary').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="history-event"][data-action="reject"]').length === 1);

    // ↓ then A: accept the caption below the selected one (the list is now A2, A3, rejected A1); then undo,
    // which brings the queue back to this photo.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('a');
    await eventually(() => getCaption(db, ids[0]![2]!)?.status, (s) => s === 'accepted', 'the third candidate accepted with A');
    await waitForText(page, 'review-position', /^2 of 3$/);
    await page.keyboard.press('Control+z');
    await eventually(() => getCaption(db, ids[0]![2]!)?.status, (s) => s === 'candidate', 'the accept undone');
    await waitForText(page, 'review-position', /^1 of 3$/);
    assert.equal(imageReviewStatus(db, a), 'pending');
    // S: skip leaves the photo as it is.
    await page.keyboard.press('s');
    await waitForText(page, 'review-position', /^2 of 3$/);
    assert.equal(imageReviewStatus(db, a), 'pending');

    // Filter by a flag: the pending photos flagged "count-mismatch" are only the first one; the
    // "unseen-object" photo was accepted meanwhile, so that filter is empty and says so.
    await page.getByTestId('queue-status-pending').click();
    await waitForText(page, 'review-position', /^1 of 1$/);
    await page.locator('[data-testid="flag-chip"][data-kind="count-mismatch"]').click();
    await waitForText(page, 'review-position', /^1 of 1$/);
    assert.equal(await shownImage(page), a);
    assert.match((await page.locator('[data-testid="flag-chip"][data-kind="count-mismatch"]').getAttribute('aria-pressed')) ?? '', /true/);
    await screenshot(page, '13-review-flag-filter');
    await page.locator('[data-testid="flag-chip"][data-kind="unseen-object"]').click();
    await waitForText(page, 'review-empty', /No photo flagged “unseen-object”/);
    await page.locator('[data-testid="flag-chip"][data-kind="unseen-object"]').click();
    await waitForText(page, 'review-position', /^1 of 1$/);

    // ?: the shortcut overlay lists the review keys.
    await page.keyboard.press('?');
    const help = (await page.getByTestId('shortcut-help').textContent()) ?? '';
    for (const action of ['Pick (accept) caption 1–9', 'Reject the selected caption', 'Undo the last review action', 'Skip: next photo, unchanged', 'save as your version and accept']) {
      assert.ok(help.includes(action), `the overlay lists “${action}”`);
    }
    await screenshot(page, '13-review-shortcuts');
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').waitFor({ state: 'detached' });

    // B: bulk accept previews its count. The first photo's best open candidate scores 64%.
    await page.keyboard.press('b');
    await page.getByTestId('bulk-accept').waitFor();
    await waitForText(page, 'bulk-accept-preview', /^\s*0 of 1 photos with candidates would be accepted at ≥ 80%/);
    await page.getByTestId('bulk-accept-score').fill('60');
    await waitForText(page, 'bulk-accept-preview', /^\s*1 of 1 photos with candidates would be accepted at ≥ 60%/);
    await screenshot(page, '13-review-bulk');
    assert.equal(getCaption(db, ids[0]![1]!)?.status, 'candidate', 'nothing is applied by the preview');
    await page.getByTestId('bulk-accept-apply').click();
    await eventually(() => getCaption(db, ids[0]![1]!)?.status, (s) => s === 'accepted', 'bulk accept applied');
    assert.equal(imageReviewStatus(db, a), 'accepted');
    await page.getByTestId('bulk-accept').waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await eventually(() => getCaption(db, ids[0]![1]!)?.status, (s) => s === 'candidate', 'bulk accept undone');

    // Keys pressed faster than main answers run in order: 1 then Ctrl+Z at once undoes that accept,
    // not the action before it (the rejection of the first candidate stays).
    await page.waitForSelector(`[data-testid="candidate"][data-caption-id="${ids[0]![1]}"][data-status="candidate"]`);
    await page.keyboard.press('1');
    await page.keyboard.press('Control+z');
    await waitForText(page, 'review-notice', /Undone: the accept/);
    const last = db.prepare(`SELECT action, caption_id, undone FROM review_events ORDER BY id DESC LIMIT 1`).get() as { action: string; caption_id: number; undone: number };
    assert.deepEqual(last, { action: 'accept', caption_id: ids[0]![1]!, undone: 1 });
    assert.equal(getCaption(db, ids[0]![1]!)?.status, 'candidate');
    assert.equal(getCaption(db, ids[0]![0]!)?.status, 'rejected');

    // G: back to the grid.
    await page.keyboard.press('g');
    await page.getByTestId('review').waitFor({ state: 'detached' });
    assert.deepEqual(errors, [], 'no script errors on the page');
  });

  test('nothing to review: the queue says so and how captions arrive', async (t) => {
    const app = await startWebApp('studio-review-empty-');
    t.after(() => app.close());
    await libraryOf(app, 1);
    const page = await browser.newPage({ viewport: { width: 1300, height: 800 } });
    await page.goto(app.server.loginUrl);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 1, undefined, { timeout: 20_000 });
    await page.keyboard.press('v');
    await waitForText(page, 'review-empty', /Nothing to review/);
    await waitForText(page, 'review-no-model', /For AI captions, install a Prismer captioner/);
    // The inspector says it in one line for captions, questions and tags, and offers writing one by hand.
    await page.keyboard.press('g');
    await page.getByTestId('tile').first().click();
    await waitForText(page, 'no-prismer-model', /AI captions, questions and tags need a Prismer model/);
    assert.equal(await page.getByTestId('vqa-panel').count(), 0, 'no empty question panel pushes the file facts down');
    await page.getByTestId('write-caption').waitFor();
    await screenshot(page, '13-review-empty');
  });
});

describe('questions and tags with a tiny Prismer model in Chromium', { skip: browserSkip || skipWithoutShared }, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());

  test('ask one photo (generate, rank), ask across a selection, sort the answers, tag from a vocabulary', async (t) => {
    const app = await startWebApp('studio-vqa-');
    t.after(() => app.close());
    // Installed as a model bundle: <data>/models/prismer/<name>.
    await tinyBundle(join(app.dir, 'data', 'models', 'prismer'));
    const images = await libraryOf(app, 3);
    const db = app.studio.db;

    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.server.loginUrl);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tile"]').length === 3, undefined, { timeout: 20_000 });
    await page.getByTestId('tile').first().click();
    const panel = page.getByTestId('vqa-panel');
    await panel.getByTestId('vqa-question').waitFor();

    // Generate mode: an answer from the model, kept in the photo's history.
    await panel.getByTestId('vqa-question').fill('what is in the picture?');
    await panel.getByTestId('vqa-ask').click();
    await panel.getByTestId('vqa-answer').waitFor({ timeout: 60_000 });
    const generated = await eventually(() => vqaOfImage(db, images[0]!.id), (rows) => rows.length === 1, 'the answer is stored');
    assert.equal(generated[0]!.mode, 'generate');
    assert.equal((await panel.getByTestId('vqa-answer-text').textContent())?.trim(), generated[0]!.answer.trim());
    assert.equal(await panel.getByTestId('vqa-answer').getByTestId('source-chip').textContent(), 'AI');

    // Rank mode: one of the listed answers, with the alternatives and their scores.
    await panel.getByTestId('vqa-mode-rank').click();
    await panel.getByTestId('vqa-question').fill('is there a person?');
    await panel.getByTestId('vqa-answers').fill('yes\nno');
    await panel.getByTestId('vqa-ask').click();
    await page.waitForSelector('[data-testid="vqa-answer"][data-mode="rank"]', { timeout: 60_000 });
    const ranked = await eventually(() => vqaOfImage(db, images[0]!.id), (rows) => rows.length === 2, 'the ranked answer is stored');
    assert.equal(ranked[1]!.mode, 'rank');
    assert.ok(['yes', 'no'].includes(ranked[1]!.answer));
    assert.equal(await panel.locator('[data-testid="vqa-alternatives"] li').count(), 2);
    assert.match((await panel.getByTestId('vqa-alternatives').textContent()) ?? '', /yes.*\d+%.*|no.*\d+%/s);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="vqa-history-item"]').length === 2);
    await screenshot(page, '14-vqa-panel');

    // Ask across the selection (all three photos): a job whose answers fill the column.
    await page.getByTestId('tile').first().click();
    await page.keyboard.press('Control+a');
    await waitForText(page, 'vqa-ask-across', /Ask 3 selected photos/);
    await panel.getByTestId('vqa-ask-across').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="answer-row"]').length === 3, undefined, { timeout: 90_000 });
    const column = answersTo(db, 'is there a person?');
    assert.deepEqual(column.map((r) => r.imageId).sort((x, y) => x - y), images.map((i) => i.id).sort((x, y) => x - y));
    // Sorted by score, best first; then by answer.
    const shown = () => page.$$eval('[data-testid="answer-row"]', (rows) => rows.map((r) => Number(r.getAttribute('data-image-id'))));
    const byScore = [...column].sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || x.imageId - y.imageId).map((r) => r.imageId);
    assert.deepEqual(await shown(), byScore);
    await page.getByTestId('answer-sort-score').click();
    assert.deepEqual(await shown(), [...column].sort((x, y) => (x.score ?? 2) - (y.score ?? 2) || x.imageId - y.imageId).map((r) => r.imageId));
    await page.getByTestId('answer-sort-answer').click();
    const answersShown = await page.$$eval('[data-testid="answer-row"] .answer', (cells) => cells.map((c) => c.textContent ?? ''));
    assert.deepEqual(answersShown, [...answersShown].sort((x, y) => x.localeCompare(y, undefined, { sensitivity: 'base' })));
    await screenshot(page, '14-vqa-answers');

    // Zero-shot tags on the selection: the top two names of the vocabulary, as AI tags with scores.
    await page.locator('[data-testid="tags-panel"] summary').click();
    await page.getByTestId('tag-vocabulary').fill('cat\ndog, car\nhouse');
    await page.getByTestId('tag-top').fill('2');
    await page.getByTestId('tag-run').click();
    for (const image of images) await eventually(() => tagsOfImage(db, image.id), (tags) => tags.length === 2, `photo ${image.id} is tagged`, 90_000);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="tag"][data-source="ai"]').length === 2, undefined, { timeout: 10_000 });
    const tagText = (await page.getByTestId('tag-list').textContent()) ?? '';
    assert.match(tagText, /AI/);
    assert.match(tagText, /\d+%/);

    // The answers filter the grid: every photo has one, so all three are shown, with the question as a chip.
    await page.getByTestId('answer-show-in-grid').click();
    await waitForText(page, 'search-total', /^3 results$/);
    assert.match((await page.locator('[data-testid="filter-chip"]').first().textContent()) ?? '', /is there a person\?/);

    // A row opens its photo in the loupe.
    await page.locator('[data-testid="answer-row"]').first().click();
    await page.getByTestId('loupe').waitFor();
    assert.deepEqual(errors, [], 'no script errors on the page');
  });
});
