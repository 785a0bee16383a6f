// A folder's files with their content hashes and modification times, to prove an operation wrote (or
// changed) nothing where it must not.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function treeSnapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const hash = createHash('sha256').update(readFileSync(path)).digest('hex');
        out.set(relative(dir, path).split(sep).join('/'), `${hash} ${statSync(path).mtimeMs}`);
      }
    }
  };
  walk(dir);
  return out;
}

export function listFiles(dir: string): string[] {
  return [...treeSnapshot(dir).keys()].sort();
}
