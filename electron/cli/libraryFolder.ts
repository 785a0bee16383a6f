// A folder given on the command line as a library folder id: the known folder, or the folder imported
// first (waiting for its scan).
import { resolve } from 'node:path';
import type { Studio } from '../studio.ts';

export async function libraryFolderId(studio: Pick<Studio, 'library' | 'jobs'>, folder: string): Promise<number> {
  const path = resolve(folder);
  const known = studio.library.folders().find((f) => f.path === path);
  if (known) return known.id;
  const { folderId, jobId } = await studio.library.addFolder(path);
  const scan = await studio.jobs.wait(jobId);
  if (scan.state !== 'done') throw new Error(`Importing ${path} failed: ${scan.error ?? scan.state}`);
  return folderId;
}
