// Specification of the library service: folders and files added through scan jobs, nested folders,
// removal, and the queries behind the sidebar, grid and loupe.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ScanJobResult } from '../../../../electron/services/library/libraryService.ts';
import { StudioError } from '../../../../electron/api/protocol.ts';
import { testStudio } from '../../../helpers/studio.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { writeBytes, writePhoto } from '../../../helpers/images.ts';

describe('library service', () => {
  test('adding a folder scans it as a job and the grid can page through it in order', async (t) => {
    const studio = testStudio(t);
    const lib = join(tempDir(t), 'photos');
    for (let i = 0; i < 25; i++) await writePhoto(join(lib, i < 10 ? 'a' : 'b', `img${String(i).padStart(2, '0')}.jpg`), { seed: i });
    writeBytes(join(lib, 'broken.jpg'), 'x');
    const changed: number[][] = [];
    studio.bus.on('library.changed', (e) => changed.push(e.folderIds));

    const { folderId, jobId } = await studio.library.addFolder(lib);
    const job = await studio.jobs.wait(jobId);
    assert.equal(job.state, 'done');
    assert.equal((job.result as ScanJobResult).added, 25);
    assert.ok(changed.length > 0, 'the renderer is told to refresh');

    const [folder] = studio.library.folders();
    assert.equal(folder!.imageCount, 25);
    assert.equal(folder!.failedCount, 1);
    assert.deepEqual(
      studio.library.subfolders(folderId).map((s) => [s.relDir, s.count]),
      [['', 1], ['a', 10], ['b', 15]],
    );

    const page1 = studio.library.query({ folderId }, 0, 10);
    const page3 = studio.library.query({ folderId }, 20, 10);
    assert.equal(page1.total, 26);
    assert.equal(page1.tiles[0]!.fileName, 'broken.jpg');
    assert.equal(page1.tiles[1]!.fileName, 'img00.jpg');
    assert.equal(page3.tiles.length, 6);
    assert.equal(studio.library.query({ folderId, relDir: 'b' }, 0, 100).total, 15);
    assert.equal(studio.library.query({ status: 'failed' }, 0, 100).total, 1);
    assert.equal(studio.library.query({ nameContains: 'IMG1' }, 0, 100).total, 10, 'name filter ignores case');
    const byNameDesc = studio.library.query({ sort: 'name', descending: true }, 0, 1);
    assert.equal(byNameDesc.tiles[0]!.fileName, 'img24.jpg');
  });

  test('the loupe gets EXIF entries and the other copies of a photo', async (t) => {
    const studio = testStudio(t);
    const lib = join(tempDir(t), 'photos');
    await writePhoto(join(lib, 'a.jpg'), { seed: 1, exif: { make: 'Nikon', model: 'Z6', takenAt: '2020:01:02 03:04:05' } });
    await writePhoto(join(lib, 'copy', 'a.jpg'), { seed: 1, exif: { make: 'Nikon', model: 'Z6', takenAt: '2020:01:02 03:04:05' } });
    await studio.jobs.wait((await studio.library.addFolder(lib)).jobId);
    const dupes = studio.library.query({ status: 'duplicates' }, 0, 10);
    assert.equal(dupes.total, 2);
    assert.equal(dupes.tiles[0]!.duplicateCount, 1);
    const detail = studio.library.image(dupes.tiles[0]!.id);
    assert.deepEqual(detail.exif.find((e) => e.label === 'Camera'), { label: 'Camera', value: 'Nikon Z6' });
    assert.equal(detail.duplicates.length, 1);
    assert.equal(detail.folderPath, lib);
    assert.throws(() => studio.library.image(9999), (e: unknown) => e instanceof StudioError && e.code === 'not-found');
  });

  test('a folder inside a library folder rescans the outer one; a parent folder absorbs its children', async (t) => {
    const studio = testStudio(t);
    const top = join(tempDir(t), 'photos');
    await writePhoto(join(top, 'x.jpg'), { seed: 1 });
    await writePhoto(join(top, 'trip', 'y.jpg'), { seed: 2 });
    const child = await studio.library.addFolder(join(top, 'trip'));
    await studio.jobs.wait(child.jobId);
    const parent = await studio.library.addFolder(top);
    await studio.jobs.wait(parent.jobId);
    const folders = studio.library.folders();
    assert.deepEqual(folders.map((f) => f.path), [top]);
    assert.equal(folders[0]!.imageCount, 2);
    assert.equal(studio.library.query({ folderId: parent.folderId, relDir: 'trip' }, 0, 10).tiles[0]!.fileName, 'y.jpg');
    const inner = await studio.library.addFolder(join(top, 'trip'));
    assert.equal(inner.folderId, parent.folderId);
    await studio.jobs.wait(inner.jobId);
  });

  test('adding files imports them under their folder; removing a folder forgets it but not the files', async (t) => {
    const studio = testStudio(t);
    const dir = join(tempDir(t), 'loose');
    await writePhoto(join(dir, 'one.jpg'), { seed: 1 });
    await writePhoto(join(dir, 'two.jpg'), { seed: 2 });
    const { jobId } = await studio.library.addFiles([join(dir, 'one.jpg')]);
    assert.equal(((await studio.jobs.wait(jobId)).result as ScanJobResult).added, 1);
    const [folder] = studio.library.folders();
    assert.equal(folder!.kind, 'files');
    assert.equal(studio.library.removeFolder(folder!.id).removedImages, 1);
    assert.deepEqual(studio.library.folders(), []);
  });

  test('refuses what is not a folder, relative paths and the studio\'s own data folder', async (t) => {
    const studio = testStudio(t);
    const dir = tempDir(t);
    await writePhoto(join(dir, 'a.jpg'));
    const refused = async (path: string, pattern: RegExp) =>
      assert.rejects(studio.library.addFolder(path), (e: unknown) => e instanceof StudioError && pattern.test(e.message));
    await refused(join(dir, 'a.jpg'), /is a file, not a folder/);
    await refused(join(dir, 'nope'), /does not exist/);
    await refused('relative/path', /not an absolute path/);
    mkdirSync(join(studio.paths.dataDir, 'cache'), { recursive: true });
    await refused(studio.paths.dataDir, /own data folder/);
  });

  test('browsing lists sub-folders and counts the photos in a folder', async (t) => {
    const studio = testStudio(t);
    const dir = tempDir(t);
    await writePhoto(join(dir, 'a.jpg'));
    mkdirSync(join(dir, 'Zeta'));
    mkdirSync(join(dir, 'alpha'));
    mkdirSync(join(dir, '.hidden'));
    const listing = await studio.library.browse(dir);
    assert.deepEqual(listing.folders.map((f) => f.name), ['alpha', 'Zeta']);
    assert.equal(listing.imageFileCount, 1);
    assert.ok(listing.parent);
  });
});
