// Specification of what a killed process loses during an import: nothing. The job is still queued in
// the database; the next start resumes it, reads only what was not imported, and duplicates nothing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ScanJobResult } from '../../../../electron/services/library/libraryService.ts';
import { packageRoot } from '../../../../electron/packageRoot.ts';
import { killAfterProgress } from '../../../helpers/killAfterProgress.ts';
import { testStudio } from '../../../helpers/studio.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { writePhoto } from '../../../helpers/images.ts';

describe('an import killed mid-scan', () => {
  test('is resumed at the next start without losing or repeating anything', async (t) => {
    const dir = tempDir(t);
    const lib = join(dir, 'photos');
    const count = 40;
    for (let i = 0; i < count; i++) await writePhoto(join(lib, `p${String(i).padStart(2, '0')}.jpg`), { seed: i, width: 1600, height: 1200 });
    const dataDir = join(dir, 'data');

    await killAfterProgress(join(packageRoot, 'test', 'helpers', 'scanUntilKilled.ts'), [dataDir, lib]);

    const studio = testStudio(t, { dataDir, resumeJobs: true });
    const imported = () => (studio.db.prepare(`SELECT count(*) AS n FROM images`).get() as { n: number }).n;
    const before = imported();
    assert.ok(before >= 3 && before < count, `${before} photos were in before the kill`);
    const [job] = studio.jobs.list();
    assert.ok(job, 'the interrupted job is still there');
    const finished = await studio.jobs.wait(job.id);
    assert.equal(finished.state, 'done');
    const result = finished.result as ScanJobResult;
    assert.equal(result.added, count - before, 'only the rest is read and added');
    assert.equal(result.unchanged, before);
    assert.equal(imported(), count);
    assert.equal((studio.db.prepare(`SELECT count(DISTINCT content_hash) AS n FROM images`).get() as { n: number }).n, count);
  });
});
