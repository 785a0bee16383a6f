// Web mode's entry point (`npm run web`): the studio's services and the built renderer on 127.0.0.1,
// a printed link carrying the per-run token, and Chromium opened in app mode when installed.
//   node electron/web.ts [--port N] [--no-open] [--data-dir DIR] [--db FILE]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { baseAppInfo } from './appInfo.ts';
import { defaultDataDir } from './dataDir.ts';
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

export async function runWebMode(argv: string[]): Promise<void> {
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
  const studio = openStudio({ dataDir, database: values.db, resumeJobs: true });
  const server = await startWebServer({ studio, rendererDir: rendererBuildDir, port, appInfo: baseAppInfo(studio) });
  console.log(`Prismer Studio (web mode) is running.`);
  console.log(`  Library: ${studio.paths.database}`);
  console.log(`  Open:    ${server.loginUrl}`);
  console.log(`Press Ctrl+C to stop.`);

  const browser = values.open && !values['no-open'] ? findBrowser() : null;
  if (browser) {
    const profile = join(studio.paths.dataDir, 'browser-profile');
    mkdirSync(profile, { recursive: true });
    const child = spawn(
      browser,
      [`--app=${server.loginUrl}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update'],
      { stdio: 'ignore', detached: true },
    );
    child.on('error', (error) => console.error(`Could not open ${browser}: ${error.message}. Open the link above instead.`));
    child.unref();
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping… (running jobs are saved and resume at the next start)');
    await server.close();
    await studio.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (import.meta.main) {
  runWebMode(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`Prismer Studio could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
