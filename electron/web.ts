// Web mode's entry point (`npm run web`): the studio's services and the built renderer on 127.0.0.1,
// a printed link carrying the per-run token, and Chromium opened in app mode when installed. One studio
// per data folder: a second start opens the running one (or says where it runs) and exits. Ctrl+C or
// SIGTERM always stops it (see shutdown.ts).
//   node electron/web.ts [--port N] [--no-open] [--data-dir DIR] [--db FILE]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { baseAppInfo } from './appInfo.ts';
import { dataPaths, defaultDataDir } from './dataDir.ts';
import { acquireInstanceLock, alreadyRunningMessage } from './instanceLock.ts';
import { makeFolderSync } from './services/files/makeFolder.ts';
import { stopOnSignals } from './shutdown.ts';
import { rendererBuildDir } from './packageRoot.ts';
import { startWebServer } from './server.ts';
import { openStudio } from './studio.ts';

const browsers = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

function findBrowser(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of browsers) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function openInBrowser(browser: string, url: string, profile: string): void {
  makeFolderSync(profile, { what: 'the browser profile folder' });
  const child = spawn(browser, [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update'], {
    stdio: 'ignore',
    detached: true,
  });
  child.on('error', (error) => console.error(`Could not open ${browser}: ${error.message}. Open the link above instead.`));
  child.unref();
}

/** Resolves to the exit code when web mode does not keep running (another studio owns the data folder). */
export async function runWebMode(argv: string[]): Promise<number | null> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      open: { type: 'boolean', default: true },
      'no-open': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
      db: { type: 'string' },
    },
    allowNegative: true,
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}".`);
  if (!existsSync(join(rendererBuildDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererBuildDir}). Run "npm run build" first, or start with "npm start".`);
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const browser = values.open && !values['no-open'] ? findBrowser() : null;
  const profile = join(dataDir, 'browser-profile');
  makeFolderSync(dataDir, { what: 'the data folder' });
  const taken = acquireInstanceLock(dataDir, { shell: 'web', database: dataPaths(dataDir, values.db).database, url: null });
  if (!taken.acquired) {
    console.error(alreadyRunningMessage(taken.owner, dataDir));
    if (taken.owner.url && browser) {
      openInBrowser(browser, taken.owner.url, profile);
      console.error('Opened the running studio instead.');
      return 0;
    }
    if (taken.owner.url) console.error(`  Open:    ${taken.owner.url}`);
    return 1;
  }
  const lock = taken.lock;
  let studio;
  try {
    studio = openStudio({ dataDir, database: values.db, resumeJobs: true });
  } catch (error) {
    lock.release();
    throw error;
  }
  const running = studio;
  const server = await startWebServer({ studio: running, rendererDir: rendererBuildDir, port, appInfo: baseAppInfo(running) });
  lock.setUrl(server.loginUrl);
  // Before the link is printed: whoever reads it may press Ctrl+C at once.
  stopOnSignals(
    async () => {
      await server.close();
      await running.close();
    },
    { onExit: () => lock.release() },
  );
  console.log(`Prismer Studio (web mode) is running.`);
  console.log(`  Library: ${running.paths.database}`);
  console.log(`  Open:    ${server.loginUrl}`);
  console.log(`Press Ctrl+C to stop.`);
  if (browser) openInBrowser(browser, server.loginUrl, profile);
  return null;
}

if (import.meta.main) {
  runWebMode(process.argv.slice(2)).then(
    (code) => {
      if (code !== null) process.exit(code);
    },
    (error: unknown) => {
      console.error(`Prismer Studio could not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
