// The whole app for browser tests: the renderer built if needed, a studio in a temporary data folder
// (optionally with a model resolver for generated models), the web-mode server on 127.0.0.1, Debian's
// Chromium through playwright-core, and screenshots into test/artifacts/ for a person to look at.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { baseAppInfo } from '../../electron/appInfo.ts';
import { packageRoot, rendererBuildDir } from '../../electron/packageRoot.ts';
import { startWebServer, type WebServer } from '../../electron/server.ts';
import { openStudio, type Studio, type StudioOptions } from '../../electron/studio.ts';

export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));

/** `describe(…, { skip: browserSkip })`: CI installs Chromium (.ci/run), so there a missing browser fails instead. */
export const browserSkip: string | false = chromiumPath ? false : process.env.CI ? false : 'Chromium not found (apt-get install chromium); browser tests skipped';

export const artifactsDir = join(packageRoot, 'test', 'artifacts');

export async function launchChromium(): Promise<Browser> {
  assert.ok(chromiumPath, 'Chromium is installed');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export interface RunningApp {
  readonly dir: string;
  readonly studio: Studio;
  readonly server: WebServer;
  close(): Promise<void>;
}

export async function startWebApp(prefix: string, options: Pick<StudioOptions, 'resolveModel'> = {}, dir = mkdtempSync(join(tmpdir(), prefix))): Promise<RunningApp> {
  if (!existsSync(join(rendererBuildDir, 'index.html'))) {
    const build = spawnSync('npm', ['run', 'build:renderer'], { cwd: packageRoot, stdio: 'inherit' });
    assert.equal(build.status, 0, 'the renderer builds');
  }
  const studio = openStudio({ dataDir: join(dir, 'data'), ...options });
  const server = await startWebServer({ studio, rendererDir: rendererBuildDir, appInfo: baseAppInfo(studio) });
  return {
    dir,
    studio,
    server,
    async close() {
      await server.close();
      await studio.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ImportedPhoto {
  readonly id: number;
  readonly fileName: string;
  readonly contentHash: string;
}

/** Adds `folder` to the app's library, waits for its scan to finish, and lists the library's photos by file name. */
export async function importFolder(app: RunningApp, folder: string): Promise<ImportedPhoto[]> {
  const { jobId } = await app.studio.library.addFolder(folder);
  const scan = await app.studio.jobs.wait(jobId);
  assert.equal(scan.state, 'done', scan.error ?? '');
  const rows = app.studio.db.prepare(`SELECT id, file_name, content_hash FROM images ORDER BY file_name`).all() as { id: number; file_name: string; content_hash: string }[];
  return rows.map((r) => ({ id: r.id, fileName: r.file_name, contentHash: r.content_hash }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`) });
}
