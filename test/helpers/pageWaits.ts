// Waiting helpers for the browser tests: UI actions reach the database and the page asynchronously, so a
// test polls for the state it expects (with a deadline and a message naming what never happened).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Polls until `read()` satisfies `ok`, and returns that value. */
export async function eventually<T>(read: () => T, ok: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = read();
  while (!ok(value)) {
    if (Date.now() > until) assert.fail(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 40));
    value = read();
  }
  return value;
}

/** Waits until the element with this test id shows text matching `pattern`. */
export async function waitForText(page: Page, testid: string, pattern: RegExp, timeout = 5000): Promise<void> {
  await page.waitForFunction(
    ({ testid, source, flags }) => new RegExp(source, flags).test(document.querySelector(`[data-testid="${testid}"]`)?.textContent ?? ''),
    { testid, source: pattern.source, flags: pattern.flags },
    { timeout },
  );
}
