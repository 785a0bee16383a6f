// The facts app.info reports, the same for Electron and web mode but for the shell and media base.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInfo } from './api/app.ts';
import { findDesktopShell } from './desktopShell.ts';
import { packageRoot } from './packageRoot.ts';
import type { Studio } from './studio.ts';

export const appVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

export function baseAppInfo(studio: Studio): Omit<AppInfo, 'shell' | 'mediaBase'> {
  const shell = findDesktopShell();
  return {
    version: appVersion,
    platform: `${process.platform}-${process.arch}`,
    dataDir: studio.paths.dataDir,
    databasePath: studio.paths.database,
    desktopShell: { available: shell.available, reason: shell.reason },
  };
}
