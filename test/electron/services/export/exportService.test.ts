// Exports and imports as the app runs them: jobs (progress in the jobs panel, a result) over a scope —
// a selection, a saved view, the library — and a sidecar import; a relative folder is refused.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ExportResult } from '../../../../electron/services/export/exportTypes.ts';
import type { ImportCaptionsResult } from '../../../../electron/services/import/importCaptions.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { addCaption, photoLibrary } from './captionedLibrary.ts';

test('an export job over a selection or a saved view, and an import job', async (t) => {
  const lib = await photoLibrary(t, ['a.jpg', 'b.jpg', 'c.jpg']);
  const [a, b, c] = ['a.jpg', 'b.jpg', 'c.jpg'].map((f) => lib.ids.get(f)!);
  addCaption(lib.db, a!, { text: 'A red door.', status: 'accepted' });
  addCaption(lib.db, b!, { text: 'A blue boat.', status: 'accepted', source: 'human' });
  addCaption(lib.db, c!, { text: 'A green field.', status: 'candidate' });
  const { studio } = lib;

  const out = join(tempDir(t), 'selection');
  const job = await studio.jobs.wait((await studio.exports.export({ scope: { imageIds: [a!, c!] }, format: 'csv', outDir: out, acceptedOnly: true })).jobId);
  assert.equal(job.state, 'done', job.error ?? '');
  assert.equal((job.result as ExportResult).exported, 1);
  assert.match(readFileSync(join(out, 'captions.csv'), 'utf8'), /A red door\./);

  const view = studio.search.saveView('Accepted', { reviewStatus: ['accepted'] });
  const viewOut = join(tempDir(t), 'view');
  const viewJob = await studio.jobs.wait((await studio.exports.export({ scope: { viewId: view.id }, format: 'txt', outDir: viewOut })).jobId);
  assert.equal((viewJob.result as ExportResult).exported, 2);
  assert.ok(existsSync(join(viewOut, 'a.txt')) && existsSync(join(viewOut, 'b.txt')) && !existsSync(join(viewOut, 'c.txt')));

  await assert.rejects(studio.exports.export({ scope: { all: true }, format: 'csv', outDir: 'relative/out' }), /must be a full path/);

  // Sidecars written beside the photos come back as imported captions in a library that lacks them.
  const beside = await studio.jobs.wait((await studio.exports.export({ scope: { all: true }, format: 'txt', outDir: join(tempDir(t), 'manifest'), besideImages: true, acceptedOnly: true })).jobId);
  assert.equal((beside.result as ExportResult).exported, 2);
  const fresh = await photoLibrary(t, [], { root: lib.root });
  const imported = await fresh.studio.jobs.wait(fresh.studio.exports.importCaptions(lib.root).jobId);
  assert.equal(imported.state, 'done', imported.error ?? '');
  assert.equal((imported.result as ImportCaptionsResult).accepted, 2);
});
