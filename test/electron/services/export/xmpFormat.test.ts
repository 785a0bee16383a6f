// Specification of XMP sidecars, read back by an independent reader (exiftool, as photo managers would):
// dc:description holds the caption, dc:subject the tags, our namespace the caption's source and, for AI
// text, the model; beside the images only `<file name>.xmp` files appear, the images are untouched, a
// foreign XMP (another tool's edits) is never replaced, and a re-export after an edit updates ours.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exportCaptions } from '../../../../electron/services/export/exportCaptions.ts';
import { xmlText, xmpSidecar } from '../../../../electron/services/export/xmpSidecar.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { addCaption, addTag, allImageIds, photoLibrary } from './captionedLibrary.ts';
import { listFiles, treeSnapshot } from './treeSnapshot.ts';

const exiftool = '/usr/bin/exiftool';
const noExiftool = existsSync(exiftool) ? false : 'exiftool is not installed (Debian: libimage-exiftool-perl)';

type ExifJson = Record<string, string | number | (string | number)[]> & { SourceFile: string };

function readXmp(files: string[]): ExifJson[] {
  const run = spawnSync(exiftool, ['-j', '-struct', ...files], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as ExifJson[];
}

const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

describe('XMP sidecars', () => {
  test('escapes XML and drops the control characters XML cannot hold', () => {
    assert.equal(xmlText('a < b & "c" > d\u0001'), 'a &lt; b &amp; &quot;c&quot; &gt; d');
    const text = xmpSidecar({ caption: { id: 1, text: 'x', source: 'human', status: 'accepted', score: null, modelId: null, modelHash: null, createdAt: 0 }, tags: [] });
    assert.ok(!text.includes('dc:subject'), 'no empty tag bag');
    assert.ok(!text.includes('CaptionModel'), 'human text has no model');
  });

  test('exiftool reads the caption, the tags and the source (and the model for AI text)', { skip: noExiftool }, async (t) => {
    const lib = await photoLibrary(t, ['a.jpg', 'b.jpg', 'c.jpg']);
    const [a, b, c] = ['a.jpg', 'b.jpg', 'c.jpg'].map((f) => lib.ids.get(f)!);
    addCaption(lib.db, a!, { text: 'A café sign reading "Bob & Sons" <open>.', status: 'accepted', modelId: 'prismerz-large' });
    addTag(lib.db, a!, 'sign', 0.9);
    addTag(lib.db, a!, 'street café', 0.5);
    addCaption(lib.db, b!, { text: 'Written by a person.', source: 'human', status: 'accepted' });
    addCaption(lib.db, c!, { text: 'From a sidecar.', source: 'imported', status: 'accepted' });
    const out = join(tempDir(t), 'xmp');
    const result = await exportCaptions(lib.db, { format: 'xmp', outDir: out, imageIds: allImageIds(lib.db) });
    assert.equal(result.exported, 3);
    assert.deepEqual(listFiles(out), ['a.jpg.xmp', 'b.jpg.xmp', 'c.jpg.xmp', 'prismer-studio-manifest.json']);

    const read = readXmp(['a.jpg.xmp', 'b.jpg.xmp', 'c.jpg.xmp'].map((f) => join(out, f)));
    const byFile = new Map(read.map((r) => [r.SourceFile.split('/').at(-1), r]));
    const ax = byFile.get('a.jpg.xmp')!;
    assert.equal(ax.Description, 'A café sign reading "Bob & Sons" <open>.');
    assert.deepEqual(asList(ax.Subject), ['sign', 'street café']);
    assert.equal(ax.CaptionSource, 'ai');
    assert.equal(ax.CaptionModel, 'prismerz-large');
    assert.equal(byFile.get('b.jpg.xmp')!.CaptionSource, 'human');
    assert.equal(byFile.get('b.jpg.xmp')!.CaptionModel, undefined);
    assert.equal(byFile.get('c.jpg.xmp')!.CaptionSource, 'imported');
    const manifest = JSON.parse(readFileSync(join(out, 'prismer-studio-manifest.json'), 'utf8')) as { format: string; files: { file: string; source: string }[] };
    assert.equal(manifest.format, 'xmp');
    assert.deepEqual(manifest.files.map((f) => [f.file, f.source]).sort(), [['a.jpg.xmp', 'ai'], ['b.jpg.xmp', 'human'], ['c.jpg.xmp', 'imported']]);
  });

  test('beside the images: only <file name>.xmp appears, images untouched, foreign XMP kept, ours updated after an edit', { skip: noExiftool }, async (t) => {
    const lib = await photoLibrary(t, ['a.jpg', 'sub/b.png', 'c.jpg']);
    const [a, b, c] = ['a.jpg', 'sub/b.png', 'c.jpg'].map((f) => lib.ids.get(f)!);
    addCaption(lib.db, a!, { text: 'First caption.', status: 'accepted' });
    addCaption(lib.db, b!, { text: 'A png.', source: 'human', status: 'accepted' });
    addCaption(lib.db, c!, { text: 'Would replace a darktable sidecar.', status: 'accepted' });
    const foreign = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:darktable="http://darktable.sf.net/" darktable:history_end="3"/></rdf:RDF></x:xmpmeta>';
    writeFileSync(join(lib.root, 'c.jpg.xmp'), foreign);
    const images = treeSnapshot(lib.root);
    const out = join(tempDir(t), 'report');

    const first = await exportCaptions(lib.db, { format: 'xmp', outDir: out, imageIds: allImageIds(lib.db), besideImages: true });
    assert.equal(first.exported, 2);
    assert.deepEqual(first.skipped, { 'sidecar-not-ours': 1 });
    const after = treeSnapshot(lib.root);
    assert.deepEqual([...after.keys()].filter((f) => !images.has(f)).sort(), ['a.jpg.xmp', 'sub/b.png.xmp']);
    for (const [file, state] of images) assert.equal(after.get(file), state, `${file} is untouched`);
    assert.equal(readFileSync(join(lib.root, 'c.jpg.xmp'), 'utf8'), foreign);
    assert.deepEqual(listFiles(out), ['prismer-studio-manifest.json']);

    addCaption(lib.db, a!, { text: 'Edited by hand.', source: 'human', status: 'candidate' });
    lib.db.prepare("UPDATE captions SET status = 'rejected' WHERE image_id = ? AND status = 'accepted'").run(a);
    lib.db.prepare("UPDATE captions SET status = 'accepted' WHERE image_id = ? AND text = 'Edited by hand.'").run(a);
    await exportCaptions(lib.db, { format: 'xmp', outDir: out, imageIds: allImageIds(lib.db), besideImages: true });
    const [ax] = readXmp([join(lib.root, 'a.jpg.xmp')]);
    assert.equal(ax!.Description, 'Edited by hand.');
    assert.equal(ax!.CaptionSource, 'human');
    assert.equal(treeSnapshot(lib.root).get('sub/b.png.xmp'), after.get('sub/b.png.xmp'), 'an unchanged sidecar is not rewritten');
  });
});
