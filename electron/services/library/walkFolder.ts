// Lists the image files under a folder, recursively. Follows symbolic links but never enters a folder
// twice (loops are cut by real path), skips hidden entries, and records folders it cannot read instead
// of failing: a scan of a real photo drive must always finish.
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import { hasImageExtension } from './imageFormats.ts';

export interface FoundFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface WalkProblem {
  readonly path: string;
  readonly reason: string;
}

export interface WalkResult {
  readonly files: FoundFile[];
  readonly unreadable: WalkProblem[];
  /** Files that are not photos by extension (sidecars, videos, documents). */
  readonly skipped: number;
}

export interface WalkOptions {
  readonly signal?: AbortSignal | undefined;
  /** Folders never entered (the studio's own cache, should it live inside a library folder). */
  readonly exclude?: readonly string[] | undefined;
  readonly onProgress?: ((filesFound: number, currentFolder: string) => void) | undefined;
  /** The file system calls used; tests substitute failures (permission denied, I/O errors). */
  readonly fileSystem?: Pick<typeof nodeFs, 'opendir' | 'realpath' | 'stat'> | undefined;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'does not exist';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'not a folder';
    case 'EIO':
      return 'input/output error (the disk may be failing or disconnected)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export async function walkFolder(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const { opendir, realpath, stat } = options.fileSystem ?? nodeFs;
  const files: FoundFile[] = [];
  const unreadable: WalkProblem[] = [];
  let skipped = 0;
  const excluded = new Set<string>();
  for (const path of options.exclude ?? []) {
    excluded.add(await realpath(path).catch(() => path));
  }
  const visited = new Set<string>();
  const stack: string[] = [root];
  let lastReport = 0;

  while (stack.length > 0) {
    options.signal?.throwIfAborted();
    const dir = stack.pop()!;
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      unreadable.push({ path: dir, reason: describeFsError(error) });
      continue;
    }
    if (visited.has(real) || excluded.has(real)) continue;
    visited.add(real);

    let handle;
    try {
      handle = await opendir(dir);
    } catch (error) {
      unreadable.push({ path: dir, reason: describeFsError(error) });
      continue;
    }
    const subdirs: string[] = [];
    try {
      for await (const entry of handle) {
        if (entry.name.startsWith('.')) continue;
        const path = join(dir, entry.name);
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            const target = await stat(path);
            isDir = target.isDirectory();
            isFile = target.isFile();
          } catch {
            continue; // a dangling link is not a photo
          }
        }
        if (isDir) subdirs.push(path);
        else if (isFile) {
          if (!hasImageExtension(entry.name)) {
            skipped++;
            continue;
          }
          try {
            const s = await stat(path);
            files.push({ path, size: s.size, mtimeMs: s.mtimeMs });
          } catch (error) {
            unreadable.push({ path, reason: describeFsError(error) });
          }
        }
      }
    } catch (error) {
      // A folder that becomes unreadable mid-listing (a drive unplugged) keeps what was listed so far.
      unreadable.push({ path: dir, reason: describeFsError(error) });
    }
    // Depth-first in name order, so progress reads naturally.
    subdirs.sort().reverse();
    stack.push(...subdirs);
    const now = Date.now();
    if (options.onProgress && now - lastReport > 100) {
      lastReport = now;
      options.onProgress(files.length, dir);
    }
  }
  return { files, unreadable, skipped };
}
