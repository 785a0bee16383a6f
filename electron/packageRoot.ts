// The project (or packaged app) root, found by walking up to our package.json, so the same code works
// from the TypeScript sources (electron/) and from the compiled build (dist/electron/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function find(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'prismer-studio') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the prismer-studio package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export const packageRoot: string = find();

export const rendererBuildDir: string = join(packageRoot, 'dist', 'renderer');
