// Specification of .txt sidecars: one caption per file named like the image, in the export folder
// (mirroring sub-folders) or beside the images; the manifest in the export folder tells AI from human
// text; beside the images a .txt the user wrote by other means is never replaced, one holding one of the
// image's caption versions is, and two images that would share a .txt export only the first.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exportCaptions } from '../../../../electron/services/export/exportCaptions.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { addCaption, allImageIds, photoLibrary } from './captionedLibrary.ts';
import { listFiles, treeSnapshot } from './treeSnapshot.ts';

interface Manifest {
  format: string;
  besideImages: boolean;
  files: { file: string; image: string; source: string; modelId: string | null }[];
}

describe('.txt sidecars', () => {
  test('in the export folder: one file per image named like it, and a manifest with each source', async (t) => {
    const lib = await photoLibrary(t, ['a.jpg', 'trip/b.png', 'trip/c.jpg']);
    addCaption(lib.db, lib.ids.get('a.jpg')!, { text: 'An AI caption.', status: 'accepted' });
    addCaption(lib.db, lib.ids.get('trip/b.png')!, { text: 'A human caption,\nover two lines.', source: 'human', status: 'accepted' });
    const out = join(tempDir(t), 'txt');
    const result = await exportCaptions(lib.db, { format: 'txt', outDir: out, imageIds: allImageIds(lib.db) });
    assert.equal(result.exported, 2);
    assert.deepEqual(result.skipped, { 'no-caption': 1 });
    assert.deepEqual(listFiles(out), ['a.txt', 'prismer-studio-manifest.json', 'trip/b.txt']);
    assert.equal(readFileSync(join(out, 'a.txt'), 'utf8'), 'An AI caption.\n');
    assert.equal(readFileSync(join(out, 'trip/b.txt'), 'utf8'), 'A human caption,\nover two lines.\n');
    const manifest = JSON.parse(readFileSync(join(out, 'prismer-studio-manifest.json'), 'utf8')) as Manifest;
    assert.equal(manifest.format, 'txt');
    assert.equal(manifest.besideImages, false);
    const bySidecar = new Map(manifest.files.map((f) => [f.file, f]));
    assert.equal(bySidecar.get('a.txt')!.source, 'ai');
    assert.equal(bySidecar.get('a.txt')!.modelId, 'prismerz-base');
    assert.equal(bySidecar.get('a.txt')!.image, join(lib.root, 'a.jpg'));
    assert.equal(bySidecar.get('trip/b.txt')!.source, 'human');
  });

  test('beside the images: only <name>.txt files appear, foreign ones are kept, ours are updated', async (t) => {
    const lib = await photoLibrary(t, ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'd.png']);
    const id = (f: string) => lib.ids.get(f)!;
    addCaption(lib.db, id('a.jpg'), { text: 'Caption of a.', status: 'accepted' });
    addCaption(lib.db, id('b.jpg'), { text: 'New caption of b.', source: 'human', status: 'accepted' });
    addCaption(lib.db, id('b.jpg'), { text: 'Old caption of b.', status: 'rejected' });
    addCaption(lib.db, id('c.jpg'), { text: 'Caption of c.', status: 'accepted' });
    addCaption(lib.db, id('d.jpg'), { text: 'Caption of d.jpg.', status: 'accepted' });
    addCaption(lib.db, id('d.png'), { text: 'Caption of d.png.', status: 'accepted' });
    writeFileSync(join(lib.root, 'b.txt'), 'Old caption of b.\r\n'); // an earlier export of a version we still hold
    writeFileSync(join(lib.root, 'c.txt'), 'notes the user keeps about c'); // not ours
    const before = treeSnapshot(lib.root);
    const out = join(tempDir(t), 'report');

    const result = await exportCaptions(lib.db, { format: 'txt', outDir: out, imageIds: [id('a.jpg'), id('b.jpg'), id('c.jpg'), id('d.jpg'), id('d.png')], besideImages: true });
    assert.equal(result.exported, 3);
    assert.deepEqual(result.skipped, { 'sidecar-not-ours': 1, 'sidecar-name-taken': 1 });
    const after = treeSnapshot(lib.root);
    assert.deepEqual([...after.keys()].filter((f) => !before.has(f)).sort(), ['a.txt', 'd.txt']);
    for (const f of ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'd.png', 'c.txt']) assert.equal(after.get(f), before.get(f), `${f} untouched`);
    assert.equal(readFileSync(join(lib.root, 'b.txt'), 'utf8'), 'New caption of b.\n');
    assert.equal(readFileSync(join(lib.root, 'd.txt'), 'utf8'), 'Caption of d.jpg.\n', 'the first image keeps the shared name');
    assert.deepEqual(listFiles(out), ['prismer-studio-manifest.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'prismer-studio-manifest.json'), 'utf8')) as Manifest;
    assert.deepEqual(manifest.files.map((f) => [f.file, f.source]).sort(), [
      [join(lib.root, 'a.txt'), 'ai'],
      [join(lib.root, 'b.txt'), 'human'],
      [join(lib.root, 'd.txt'), 'ai'],
    ]);
  });

  test('a cancelled sidecar export leaves whole files and a manifest listing exactly them', async (t) => {
    const lib = await photoLibrary(t, ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg']);
    for (const id of allImageIds(lib.db)) addCaption(lib.db, id, { text: `caption ${id}`, status: 'accepted' });
    const out = join(tempDir(t), 'txt');
    const controller = new AbortController();
    const result = await exportCaptions(lib.db, {
      format: 'txt',
      outDir: out,
      imageIds: allImageIds(lib.db),
      batchSize: 1,
      signal: controller.signal,
      onProgress: (p) => p.done === 2 && controller.abort(),
    });
    assert.equal(result.cancelled, true);
    assert.equal(result.exported, 2);
    const manifest = JSON.parse(readFileSync(join(out, 'prismer-studio-manifest.json'), 'utf8')) as Manifest;
    const written = listFiles(out).filter((f) => f.endsWith('.txt'));
    assert.deepEqual(manifest.files.map((f) => f.file).sort(), written);
    assert.equal(written.length, 2);
    for (const f of written) assert.match(readFileSync(join(out, f), 'utf8'), /^caption \d+\n$/);
  });
});
