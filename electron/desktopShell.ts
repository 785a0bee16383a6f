// Whether the Electron desktop shell can run on this machine, found without loading the `electron`
// module (only electron/main.ts and electron/preload.ts may import it): the npm package is present and
// its postinstall step downloaded the binary.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface DesktopShell {
  readonly available: boolean;
  readonly binary: string | null;
  readonly reason: string | null;
}

export function findDesktopShell(): DesktopShell {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { available: false, binary: null, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      available: false,
      binary: null,
      reason: 'the Electron binary was not downloaded when installing (no network access, or ELECTRON_SKIP_BINARY_DOWNLOAD)',
    };
  }
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { available: false, binary: null, reason: `the Electron binary is missing (${binary})` };
  return { available: true, binary, reason: null };
}
