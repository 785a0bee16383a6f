// One running studio per data folder: the desktop app and web mode take `<dataDir>/instance.lock` (made
// with O_EXCL, so two starts cannot both win) holding the owner's pid, shell and — for web mode — its
// link, readable only by the user (it carries the run's token). A second start finds the owner alive and
// hands over (opens the running studio) or says where it runs, instead of starting silently beside it
// with a library the first one never hears about. A lock left by a process that died is taken over.
// The CLI takes no lock: several commands on one library at a time are fine (SQLite serialises them).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const lockFileName = 'instance.lock';

const ownerSchema = z.object({
  pid: z.number().int().positive(),
  shell: z.enum(['electron', 'web']),
  startedAt: z.number(),
  database: z.string(),
  url: z.string().nullable(),
});

export type InstanceOwner = z.infer<typeof ownerSchema>;

export type LockResult = { readonly acquired: true; readonly lock: InstanceLock } | { readonly acquired: false; readonly owner: InstanceOwner };

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): InstanceOwner | null {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export class InstanceLock {
  readonly path: string;
  #owner: InstanceOwner;
  #released = false;

  constructor(path: string, owner: InstanceOwner) {
    this.path = path;
    this.#owner = owner;
  }

  /** Records the link once the server listens, so a second start can open it. */
  setUrl(url: string): void {
    this.#owner = { ...this.#owner, url };
    writeFileSync(this.path, JSON.stringify(this.#owner), { mode: 0o600 });
  }

  /** Removes the lock if it is still ours (synchronous: safe in an 'exit' handler). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    if (readOwner(this.path)?.pid === this.#owner.pid) rmSync(this.path, { force: true });
  }
}

export function acquireInstanceLock(dataDir: string, owner: Omit<InstanceOwner, 'pid' | 'startedAt'>): LockResult {
  const path = join(dataDir, lockFileName);
  const mine: InstanceOwner = { ...owner, pid: process.pid, startedAt: Date.now() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      return { acquired: true, lock: new InstanceLock(path, mine) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const other = readOwner(path);
    if (other && other.pid !== process.pid && alive(other.pid)) return { acquired: false, owner: other };
    // Left by a process that is gone (or unreadable half a write): take it over.
    rmSync(path, { force: true });
  }
  throw new Error(`Could not take the instance lock ${path}: it keeps changing.`);
}

/** What a second start tells the person. */
export function alreadyRunningMessage(owner: InstanceOwner, dataDir: string): string {
  const where = owner.shell === 'web' ? `in web mode${owner.url ? ` at ${owner.url.replace(/\?token=.*/, '')}` : ''}` : 'as the desktop app';
  return `Prismer Studio is already running on ${dataDir} ${where} (process ${owner.pid}), with the library ${owner.database}. Use that window, or quit it first; a second studio on the same data folder would not see the first one's changes.`;
}
