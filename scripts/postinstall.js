// Runs after `npm install`. npm's allowScripts (package.json) keeps Electron's own download step from
// running inside the install, so the install never fails for lack of it; here we try that download
// ourselves and say plainly what happened. Without the Electron binary, everything but the desktop
// window works: `npm start` opens web mode instead.
// Plain JavaScript: this runs before anything else is set up, on whatever Node runs npm.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const electronDir = join('node_modules', 'electron');
const electronVersion = '41.7.1';

function say(lines) {
  console.log(`\nPrismer Studio: ${lines.join('\n  ')}\n`);
}

function unavailable(reason) {
  say([
    `the desktop shell is unavailable on this machine: ${reason}.`,
    'Everything else works: "npm start" opens the studio in your browser (web mode),',
    'and "npm test" and the prismer-studio CLI run as usual.',
  ]);
}

// Without the package its type definitions are missing too; fetch it (no binary) so the shell still
// type-checks. Happens with npm versions that ran Electron's failing download and dropped the package.
if (!existsSync(join(electronDir, 'package.json'))) {
  spawnSync('npm', ['install', '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', `electron@${electronVersion}`], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    shell: process.platform === 'win32',
  });
}

if (!existsSync(join(electronDir, 'package.json'))) {
  unavailable('the electron package could not be installed');
} else if (existsSync(join(electronDir, 'path.txt'))) {
  say(['the Electron desktop shell is installed. "npm start" opens the app window.']);
} else if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  unavailable('ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary was not downloaded');
} else {
  console.log('Prismer Studio: downloading the Electron binary for the desktop shell…');
  const result = spawnSync(process.execPath, ['install.js'], { cwd: electronDir, encoding: 'utf8', timeout: 15 * 60 * 1000 });
  if (result.status === 0 && existsSync(join(electronDir, 'path.txt'))) {
    say(['the Electron desktop shell is installed. "npm start" opens the app window.']);
  } else {
    const firstLine = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').find((l) => l.trim()) ?? 'the download failed';
    unavailable(`the Electron binary could not be downloaded (${firstLine.trim()})`);
  }
}
