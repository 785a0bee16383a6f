// Specification of one library scan, against real SQLite files and real image files.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import sharp from 'sharp';
import { openDatabase, type StudioDb } from '../../../../db/open.ts';
import { ensureFolder } from '../../../../db/queries/folders.ts';
import { findKnownFileByPath, getImage } from '../../../../db/queries/images.ts';
import { scanRoot, ScanStoppedError, type ScanProgress, type ScanRoot } from '../../../../electron/services/library/scanRoot.ts';
import { ThumbnailStore } from '../../../../electron/services/library/thumbnailStore.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { photoBytes, truncatedJpeg, writeBytes, writePhoto } from '../../../helpers/images.ts';

interface Fixture {
  dir: string;
  lib: string;
  db: StudioDb;
  root: ScanRoot;
  thumbnails: ThumbnailStore;
  scan: (options?: Parameters<typeof scanRoot>[2], thumbnails?: ThumbnailStore | null) => ReturnType<typeof scanRoot>;
}

function fixture(t: TestContext): Fixture {
  const dir = tempDir(t);
  const lib = join(dir, 'photos');
  mkdirSync(lib);
  const db = openDatabase(join(dir, 'library.db'));
  t.after(() => db.close());
  const root: ScanRoot = { id: ensureFolder(db, lib, 'folder', Date.now()), path: lib, kind: 'folder' };
  const thumbnails = new ThumbnailStore(join(dir, 'thumbs'));
  return {
    dir,
    lib,
    db,
    root,
    thumbnails,
    scan: (options, thumbs = thumbnails) => scanRoot({ db, thumbnails: thumbs, now: Date.now }, root, options),
  };
}

function idOf(db: StudioDb, path: string): number {
  const known = findKnownFileByPath(db, path);
  assert.ok(known, `no row for ${path}`);
  return known.id;
}

function addCaption(db: StudioDb, imageId: number, text: string): void {
  db.prepare(`INSERT INTO captions (image_id, text, source, status, created_at) VALUES (?, ?, 'human', 'accepted', ?)`).run(imageId, text, Date.now());
}

function captionsOf(db: StudioDb, imageId: number): string[] {
  return (db.prepare(`SELECT text FROM captions WHERE image_id = ?`).all(imageId) as { text: string }[]).map((r) => r.text);
}

describe('importing a folder', () => {
  test('records every photo format sharp decodes, recursively, with dimensions and a thumbnail', async (t) => {
    const f = fixture(t);
    await writePhoto(join(f.lib, 'a.jpg'), { seed: 1 });
    await writePhoto(join(f.lib, 'nested', 'deeper', 'b.png'), { seed: 2, format: 'png' });
    await writePhoto(join(f.lib, 'c.webp'), { seed: 3, format: 'webp' });
    await writePhoto(join(f.lib, 'd.tiff'), { seed: 4, format: 'tiff' });
    await writePhoto(join(f.lib, 'e.gif'), { seed: 5, format: 'gif' });
    await writePhoto(join(f.lib, 'f.avif'), { seed: 6, format: 'avif' });
    writeBytes(join(f.lib, 'notes.txt'), 'not a photo');
    writeBytes(join(f.lib, '.hidden.jpg'), await photoBytes({ seed: 7 }));

    const summary = await f.scan();

    assert.equal(summary.added, 6);
    assert.deepEqual(summary.failed, []);
    assert.equal(summary.skipped, 1, 'the .txt file is skipped, not failed');
    const formats = (f.db.prepare(`SELECT format FROM images ORDER BY format`).all() as { format: string }[]).map((r) => r.format);
    assert.deepEqual(formats, ['avif', 'gif', 'jpeg', 'png', 'tiff', 'webp']);
    const b = getImage(f.db, idOf(f.db, join(f.lib, 'nested', 'deeper', 'b.png')))!;
    assert.equal(b.relDir, 'nested/deeper');
    assert.equal(b.width, 64);
    assert.equal(b.height, 48);
    assert.match(b.contentHash!, /^[0-9a-f]{64}$/);
    assert.ok(b.thumbOk);
    assert.ok(existsSync(f.thumbnails.pathFor(b.contentHash!)));
  });

  test('reads EXIF taken-at, camera, GPS and orientation, and orients dimensions and thumbnails', async (t) => {
    const f = fixture(t);
    const path = join(f.lib, 'rotated.jpg');
    await writePhoto(path, {
      width: 80,
      height: 40,
      orientation: 6,
      exif: { make: 'Canon', model: 'EOS R5', takenAt: '2021:06:01 12:34:56', lat: 48.8566, lon: 2.3522 },
    });
    await f.scan();
    const image = getImage(f.db, idOf(f.db, path))!;
    assert.equal(image.cameraMake, 'Canon');
    assert.equal(image.cameraModel, 'EOS R5');
    assert.equal(new Date(image.takenAt!).toISOString().slice(0, 10), '2021-06-01');
    assert.ok(Math.abs(image.gpsLat! - 48.8566) < 1e-3);
    assert.ok(Math.abs(image.gpsLon! - 2.3522) < 1e-3);
    assert.equal(image.orientation, 6);
    assert.deepEqual([image.width, image.height], [40, 80], 'displayed dimensions are rotated');
    const thumb = await sharp(f.thumbnails.pathFor(image.contentHash!)).metadata();
    assert.ok(thumb.height! > thumb.width!, 'the thumbnail is upright');
    assert.ok(JSON.parse(image.exifJson!).Camera.includes('EOS R5'));
  });

  test('records corrupt, truncated, zero-byte and non-image files with a clear reason and goes on', async (t) => {
    const f = fixture(t);
    await writePhoto(join(f.lib, 'good.jpg'), { seed: 1 });
    writeBytes(join(f.lib, 'empty.jpg'), Buffer.alloc(0));
    writeBytes(join(f.lib, 'text.png'), 'this is a text file with an image extension');
    writeBytes(join(f.lib, 'truncated.jpg'), await truncatedJpeg());
    const garbage = Buffer.from(await photoBytes({ seed: 9, width: 128, height: 128 }));
    garbage.fill(0x55, 200, garbage.length - 10); // header intact, entropy-coded data destroyed
    writeBytes(join(f.lib, 'garbage.jpg'), garbage);

    const summary = await f.scan();

    assert.equal(summary.added, 1);
    const reasons = Object.fromEntries(summary.failed.map((p) => [p.path.split('/').pop(), p.reason]));
    assert.match(reasons['empty.jpg']!, /empty \(0 bytes\)/);
    assert.match(reasons['text.png']!, /Not an image/);
    assert.match(reasons['truncated.jpg']!, /damaged or incomplete/);
    assert.ok(reasons['garbage.jpg'], 'garbage pixel data is reported');
    const failedRows = f.db.prepare(`SELECT count(*) AS n FROM images WHERE status = 'failed' AND error IS NOT NULL`).get() as { n: number };
    assert.equal(failedRows.n, 4);
  });

  test('two copies of one photo are two files with one identity, shown as duplicates', async (t) => {
    const f = fixture(t);
    await writePhoto(join(f.lib, 'one.jpg'), { seed: 5 });
    await writePhoto(join(f.lib, 'copies', 'one (copy).jpg'), { seed: 5 });
    const summary = await f.scan();
    assert.equal(summary.added, 2);
    const hashes = f.db.prepare(`SELECT DISTINCT content_hash FROM images`).all();
    assert.equal(hashes.length, 1);
  });

  test('survives symbolic-link loops and reports folders it cannot read', async (t) => {
    const f = fixture(t);
    await writePhoto(join(f.lib, 'a', 'photo.jpg'), { seed: 1 });
    symlinkSync(f.lib, join(f.lib, 'a', 'loop-to-top'));
    symlinkSync(join(f.lib, 'a'), join(f.lib, 'a', 'loop-to-self'));
    mkdirSync(join(f.lib, 'locked'));
    await writePhoto(join(f.lib, 'locked', 'secret.jpg'), { seed: 2 });
    const lockedDir = join(f.lib, 'locked');
    // Tests run as root, where permissions do not bite: the file system reports EACCES as a real one would.
    const fileSystem = {
      ...fsPromises,
      opendir: (async (path: string, ...rest: unknown[]) => {
        if (path === lockedDir) throw Object.assign(new Error(`EACCES: permission denied, opendir '${path}'`), { code: 'EACCES' });
        return (fsPromises.opendir as (p: string, ...r: unknown[]) => ReturnType<typeof fsPromises.opendir>)(path, ...rest);
      }) as typeof fsPromises.opendir,
    };
    const summary = await scanRoot({ db: f.db, thumbnails: f.thumbnails, now: Date.now, fileSystem }, f.root);
    assert.equal(summary.added, 1, 'the photo is found once, not once per loop');
    assert.deepEqual(summary.unreadableFolders, [{ path: lockedDir, reason: 'permission denied' }]);
  });

  test('can skip thumbnails (they are made on first view instead)', async (t) => {
    const f = fixture(t);
    await writePhoto(join(f.lib, 'a.jpg'), { seed: 1 });
    const summary = await f.scan({}, null);
    assert.equal(summary.added, 1);
    const image = getImage(f.db, idOf(f.db, join(f.lib, 'a.jpg')))!;
    assert.equal(image.thumbOk, false);
    assert.equal(existsSync(f.thumbnails.pathFor(image.contentHash!)), false);
  });

  test('reports progress with a total, and stops cleanly when cancelled', async (t) => {
    const f = fixture(t);
    for (let i = 0; i < 12; i++) await writePhoto(join(f.lib, `p${i}.jpg`), { seed: i, width: 320, height: 240 });
    const controller = new AbortController();
    const seen: ScanProgress[] = [];
    const summary = await f.scan({
      signal: controller.signal,
      concurrency: 1,
      onProgress: (p) => {
        seen.push(p);
        if (p.phase === 'importing' && p.done === 3) controller.abort();
      },
    });
    assert.ok(seen.some((p) => p.phase === 'discovering'));
    assert.ok(seen.some((p) => p.phase === 'importing' && p.total === 12));
    assert.equal(summary.cancelled, true);
    assert.ok(summary.added >= 3 && summary.added < 12, `kept the ${summary.added} imported before cancel`);
    const rest = await f.scan();
    assert.equal(rest.added + summary.added, 12, 'the next scan imports the rest');
    assert.equal(rest.unchanged, summary.added);
  });
});

describe('rescanning', () => {
  test('does not read unchanged files (same size and mtime)', async (t) => {
    const f = fixture(t);
    const path = join(f.lib, 'a.jpg');
    await writePhoto(path, { seed: 1 });
    await f.scan();
    const before = getImage(f.db, idOf(f.db, path))!;
    // Same size and mtime, different bytes: only a scan that read the file could notice.
    const { mtime, atime, size } = statSync(path);
    const bytes = readFileSync(path);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    writeFileSync(path, bytes);
    utimesSync(path, atime, mtime);
    assert.equal(statSync(path).size, size);

    const summary = await f.scan();
    assert.equal(summary.unchanged, 1);
    assert.equal(summary.updated, 0);
    assert.equal(getImage(f.db, before.id)!.contentHash, before.contentHash);
  });

  test('a moved or renamed file keeps its row and everything annotated on it', async (t) => {
    const f = fixture(t);
    const from = join(f.lib, 'holiday', 'IMG_0001.jpg');
    await writePhoto(from, { seed: 1 });
    await writePhoto(join(f.lib, 'other.jpg'), { seed: 2 });
    await f.scan();
    const id = idOf(f.db, from);
    addCaption(f.db, id, 'a red boat on a lake');

    const to = join(f.lib, 'sorted', '2021', 'boat.jpg');
    mkdirSync(join(f.lib, 'sorted', '2021'), { recursive: true });
    renameSync(from, to);
    const summary = await f.scan();

    assert.equal(summary.moved, 1);
    assert.equal(summary.added, 0);
    assert.equal(summary.removed, 0);
    const moved = getImage(f.db, id)!;
    assert.equal(moved.path, to);
    assert.equal(moved.relDir, 'sorted/2021');
    assert.equal(moved.status, 'ok');
    assert.deepEqual(captionsOf(f.db, id), ['a red boat on a lake']);
  });

  test('a deleted file is marked missing, its annotations kept; it is linked again if it comes back elsewhere', async (t) => {
    const f = fixture(t);
    const path = join(f.lib, 'a.jpg');
    const bytes = await writePhoto(path, { seed: 1 });
    await f.scan();
    const id = idOf(f.db, path);
    addCaption(f.db, id, 'kept');
    rmSync(path);

    const gone = await f.scan();
    assert.equal(gone.removed, 1);
    assert.equal(getImage(f.db, id)!.status, 'missing');
    assert.deepEqual(captionsOf(f.db, id), ['kept']);

    writeBytes(join(f.lib, 'restored', 'a.jpg'), bytes);
    const back = await f.scan();
    assert.equal(back.moved, 1);
    assert.equal(getImage(f.db, id)!.status, 'ok');
  });

  test('a changed file is re-read: new content hash, same row', async (t) => {
    const f = fixture(t);
    const path = join(f.lib, 'a.jpg');
    await writePhoto(path, { seed: 1 });
    await f.scan();
    const before = getImage(f.db, idOf(f.db, path))!;
    await writePhoto(path, { seed: 2, width: 100, height: 50 });
    const summary = await f.scan();
    assert.equal(summary.updated, 1);
    const after = getImage(f.db, before.id)!;
    assert.notEqual(after.contentHash, before.contentHash);
    assert.deepEqual([after.width, after.height], [100, 50]);
  });

  test('a file that was broken and is fixed becomes a photo', async (t) => {
    const f = fixture(t);
    const path = join(f.lib, 'a.jpg');
    writeBytes(path, 'broken');
    const first = await f.scan();
    assert.equal(first.failed.length, 1);
    await writePhoto(path, { seed: 1 });
    const second = await f.scan();
    assert.equal(second.updated, 1);
    assert.equal(getImage(f.db, idOf(f.db, path))!.status, 'ok');
  });

  test('an unreachable folder (an unplugged drive) changes nothing', async (t) => {
    const f = fixture(t);
    await writePhoto(join(f.lib, 'a.jpg'), { seed: 1 });
    await f.scan();
    renameSync(f.lib, `${f.lib}-unplugged`);
    await assert.rejects(f.scan(), (error: unknown) => error instanceof ScanStoppedError && /cannot be reached/.test(error.message));
    assert.equal((f.db.prepare(`SELECT count(*) AS n FROM images WHERE status = 'missing'`).get() as { n: number }).n, 0);
  });

  test('a full disk stops the scan with a clear message and keeps what was imported', async (t) => {
    const f = fixture(t);
    for (let i = 0; i < 4; i++) await writePhoto(join(f.lib, `p${i}.jpg`), { seed: i });
    let writes = 0;
    class FullDisk extends ThumbnailStore {
      override async write(hash: string, thumbnail: Buffer): Promise<void> {
        if (++writes > 2) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return super.write(hash, thumbnail);
      }
    }
    await assert.rejects(
      f.scan({ concurrency: 1 }, new FullDisk(join(f.dir, 'thumbs'))),
      (error: unknown) => error instanceof ScanStoppedError && /full/.test(error.message) && /kept/.test(error.message),
    );
    assert.equal((f.db.prepare(`SELECT count(*) AS n FROM images WHERE status = 'ok'`).get() as { n: number }).n, 2);
    const retry = await f.scan();
    assert.equal(retry.added, 2, 'a rescan after freeing space imports the rest');
  });
});

describe('importing single files', () => {
  test('imports the listed files and refuses other types with a reason', async (t) => {
    const f = fixture(t);
    await writePhoto(join(f.lib, 'a.jpg'), { seed: 1 });
    await writePhoto(join(f.lib, 'b.jpg'), { seed: 2 });
    writeBytes(join(f.lib, 'doc.pdf'), '%PDF-1.4');
    const summary = await f.scan({ files: [join(f.lib, 'a.jpg'), join(f.lib, 'doc.pdf'), join(f.lib, 'nope.jpg')] });
    assert.equal(summary.added, 1);
    assert.equal(summary.failed.length, 2);
    assert.match(summary.failed.find((p) => p.path.endsWith('doc.pdf'))!.reason, /Not a supported photo type/);
    assert.match(summary.failed.find((p) => p.path.endsWith('nope.jpg'))!.reason, /does not exist/);
    assert.equal(findKnownFileByPath(f.db, join(f.lib, 'b.jpg')), undefined, 'unlisted files are left alone');
  });
});
