// Builds the renderer (and, for the desktop shell, the compiled main process) when the sources are newer
// than the last build, so `npm start` and `npm run web` always show the current code without a rebuild
// on every start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../electron/packageRoot.ts';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function run(script: string): void {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: packageRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`"npm run ${script}" failed.`);
}

export function buildIfStale(options: { electron: boolean }): void {
  const rendererSources = Math.max(newestMtime(join(packageRoot, 'renderer')), newestMtime(join(packageRoot, 'vite.config.ts')), newestMtime(join(packageRoot, 'electron', 'api')));
  if (rendererSources > newestMtime(join(packageRoot, 'dist', 'renderer', 'index.html'))) {
    console.log('Building the interface…');
    run('build:renderer');
  }
  if (options.electron) {
    const mainSources = Math.max(newestMtime(join(packageRoot, 'electron')), newestMtime(join(packageRoot, 'db')), newestMtime(join(packageRoot, 'native-models')));
    if (mainSources > newestMtime(join(packageRoot, 'dist', 'electron', 'main.js'))) {
      console.log('Building the desktop shell…');
      run('build:electron');
    }
  }
}

if (import.meta.main) buildIfStale({ electron: process.argv.includes('--electron') });
