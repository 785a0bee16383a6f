// A whole studio (database, services) in a temporary data folder, closed when the test ends.
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { openStudio, type Studio } from '../../electron/studio.ts';
import { tempDir } from './tempDir.ts';

export function testStudio(t: TestContext, options: { resumeJobs?: boolean; dataDir?: string } = {}): Studio {
  const dataDir = options.dataDir ?? join(tempDir(t), 'data');
  const studio = openStudio({ dataDir, resumeJobs: options.resumeJobs ?? false });
  t.after(() => studio.close());
  return studio;
}
