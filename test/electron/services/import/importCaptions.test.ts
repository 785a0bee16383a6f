// Specification of importing sidecar captions: `.txt`, `<file>.xmp` and `<base>.xmp` beside the library's
// images under a folder become 'imported' caption versions (accepted when the image has none accepted,
// else candidates), a second import adds nothing, unreadable sidecars are reported, and the round trip
// export (txt, xmp) → import into a fresh library keeps every accepted caption.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { exportCaptions } from '../../../../electron/services/export/exportCaptions.ts';
import { importCaptions } from '../../../../electron/services/import/importCaptions.ts';
import type { StudioDb } from '../../../../db/open.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { addCaption, allImageIds, photoLibrary } from '../export/captionedLibrary.ts';

interface Row {
  text: string;
  source: string;
  status: string;
}

function captionsOf(db: StudioDb, imageId: number): Row[] {
  return db.prepare('SELECT text, source, status FROM captions WHERE image_id = ? ORDER BY id').all(imageId) as Row[];
}

/** Accepted caption text by image path relative to its library folder. */
function acceptedByRelPath(db: StudioDb): Map<string, string> {
  const rows = db
    .prepare("SELECT i.rel_dir AS dir, i.file_name AS name, c.text FROM captions c JOIN images i ON i.id = c.image_id WHERE c.status = 'accepted'")
    .all() as { dir: string; name: string; text: string }[];
  return new Map(rows.map((r) => [r.dir ? `${r.dir}/${r.name}` : r.name, r.text]));
}

describe('caption import', () => {
  test('txt, <file>.xmp and <base>.xmp sidecars become imported captions; a second import adds nothing', async (t) => {
    const lib = await photoLibrary(t, ['a.jpg', 'b.jpg', 'c.jpg', 'sub/d.jpg', 'e.jpg']);
    const id = (f: string) => lib.ids.get(f)!;
    writeFileSync(join(lib.root, 'a.txt'), 'A caption from a txt file.\n');
    writeFileSync(join(lib.root, 'b.jpg.xmp'), `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">From darktable.</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>`);
    writeFileSync(join(lib.root, 'sub', 'd.xmp'), `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">From Lightroom.</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>`);
    writeFileSync(join(lib.root, 'e.jpg.xmp'), '<x:xmpmeta><broken');
    addCaption(lib.db, id('c.jpg'), { text: 'Already accepted.', status: 'accepted' });
    writeFileSync(join(lib.root, 'c.txt'), 'A competing caption.');

    const first = await importCaptions(lib.db, lib.root, { now: () => 42 });
    assert.equal(first.images, 5);
    assert.equal(first.sidecars, 4);
    assert.equal(first.accepted, 3);
    assert.equal(first.candidates, 1);
    assert.equal(first.alreadyPresent, 0);
    assert.deepEqual(first.failed.map((f) => f.path), [join(lib.root, 'e.jpg.xmp')]);
    assert.deepEqual(captionsOf(lib.db, id('a.jpg')), [{ text: 'A caption from a txt file.', source: 'imported', status: 'accepted' }]);
    assert.deepEqual(captionsOf(lib.db, id('b.jpg')), [{ text: 'From darktable.', source: 'imported', status: 'accepted' }]);
    assert.deepEqual(captionsOf(lib.db, id('sub/d.jpg')), [{ text: 'From Lightroom.', source: 'imported', status: 'accepted' }]);
    assert.deepEqual(captionsOf(lib.db, id('c.jpg')).map((c) => [c.text, c.status]), [['Already accepted.', 'accepted'], ['A competing caption.', 'candidate']]);
    const provenance = lib.db.prepare('SELECT decoding_json, created_at, content_hash FROM captions WHERE image_id = ?').get(id('a.jpg')) as { decoding_json: string; created_at: number; content_hash: string };
    assert.deepEqual(JSON.parse(provenance.decoding_json), { importedFrom: join(lib.root, 'a.txt'), format: 'txt' });
    assert.equal(provenance.created_at, 42);
    assert.equal(provenance.content_hash, lib.db.prepare('SELECT content_hash FROM images WHERE id = ?').pluck().get(id('a.jpg')));
    assert.equal(lib.db.prepare('SELECT review_status FROM images WHERE id = ?').pluck().get(id('a.jpg')), 'accepted');

    const count = () => lib.db.prepare('SELECT COUNT(*) FROM captions').pluck().get();
    const before = count();
    const second = await importCaptions(lib.db, lib.root);
    assert.equal(second.accepted + second.candidates, 0);
    assert.equal(second.alreadyPresent, 4);
    assert.equal(count(), before);
  });

  test('only images under the given folder are looked at', async (t) => {
    const lib = await photoLibrary(t, ['a.jpg', 'sub/b.jpg', 'subway/c.jpg']);
    for (const f of ['a', 'sub/b', 'subway/c']) writeFileSync(join(lib.root, `${f}.txt`), `caption ${f}`);
    const result = await importCaptions(lib.db, join(lib.root, 'sub'));
    assert.equal(result.images, 1);
    assert.deepEqual([...acceptedByRelPath(lib.db).keys()], ['sub/b.jpg']);
  });

  test('round trip: txt (self-contained export folder) and xmp (beside the images) keep every accepted caption', async (t) => {
    const lib = await photoLibrary(t, ['a.jpg', 'b.jpg', 'trip/c.jpg', 'trip/d.png', 'e.jpg']);
    const id = (f: string) => lib.ids.get(f)!;
    addCaption(lib.db, id('a.jpg'), { text: 'A bus, "red" & <big>.', status: 'accepted' });
    addCaption(lib.db, id('b.jpg'), { text: 'Two lines:\nsecond line.', source: 'human', status: 'accepted' });
    addCaption(lib.db, id('trip/c.jpg'), { text: 'Imported earlier.', source: 'imported', status: 'accepted' });
    addCaption(lib.db, id('trip/d.png'), { text: 'Café, naïve façade — ünïcödé ✓', status: 'accepted' });
    addCaption(lib.db, id('e.jpg'), { text: 'Just a candidate.', status: 'candidate' });
    const accepted = acceptedByRelPath(lib.db);
    assert.equal(accepted.size, 4);

    // txt: the export folder with copies is a library of its own.
    const txtOut = join(tempDir(t), 'txt-dataset');
    await exportCaptions(lib.db, { format: 'txt', outDir: txtOut, imageIds: allImageIds(lib.db), acceptedOnly: true, copyImages: true });
    const fromTxt = await photoLibrary(t, [], { root: txtOut });
    await importCaptions(fromTxt.db, txtOut);
    assert.deepEqual(acceptedByRelPath(fromTxt.db), accepted);

    // xmp beside the images, imported by a fresh library over the same folder.
    await exportCaptions(lib.db, { format: 'xmp', outDir: join(tempDir(t), 'report'), imageIds: allImageIds(lib.db), acceptedOnly: true, besideImages: true });
    const fresh = await photoLibrary(t, [], { root: lib.root });
    const result = await importCaptions(fresh.db, lib.root);
    assert.equal(result.accepted, 4);
    assert.deepEqual(acceptedByRelPath(fresh.db), accepted);
    for (const row of fresh.db.prepare('SELECT source FROM captions').pluck().all()) assert.equal(row, 'imported');

    // Back into the library that wrote them: nothing new.
    const again = await importCaptions(lib.db, lib.root);
    assert.equal(again.accepted + again.candidates, 0);
    assert.equal(again.alreadyPresent, 4);
  });
});
