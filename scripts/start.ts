// `npm start`: the desktop window where the Electron binary exists, web mode everywhere else.
import { spawn } from 'node:child_process';
import { findDesktopShell } from '../electron/desktopShell.ts';
import { packageRoot } from '../electron/packageRoot.ts';
import { runWebMode } from '../electron/web.ts';
import { buildIfStale } from './buildIfStale.ts';

const shell = findDesktopShell();
const forceWeb = process.argv.includes('--web');
if (shell.available && shell.binary && !forceWeb) {
  buildIfStale({ electron: true });
  const child = spawn(shell.binary, [packageRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!forceWeb) console.log(`The desktop shell is unavailable (${shell.reason}); starting web mode instead.`);
  buildIfStale({ electron: false });
  const code = await runWebMode(process.argv.slice(2).filter((a) => a !== '--web'));
  if (code !== null) process.exit(code);
}
