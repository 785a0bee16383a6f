// Specification of the search service over a real scanned library: perceptual hashes are computed at
// import, byte-identical files form an exact group and resized and re-encoded copies a near group while
// different photos do not, keeping one member excludes the others from exports, "not a duplicate" splits
// a group for good, and saved views are validated when they are read.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { StudioError } from '../../../../electron/api/protocol.ts';
import { SearchService } from '../../../../electron/services/library/searchService.ts';
import { sceneJpeg, sceneVariants } from '../../../helpers/scenes.ts';
import { testStudio } from '../../../helpers/studio.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

async function writeLibrary(dir: string): Promise<void> {
  mkdirSync(join(dir, 'copies'), { recursive: true });
  const beach = await sceneJpeg(1);
  writeFileSync(join(dir, 'beach.jpg'), beach);
  const variants = await sceneVariants(beach);
  writeFileSync(join(dir, 'copies', 'beach-small.jpg'), variants['half size, JPEG q60']!);
  writeFileSync(join(dir, 'copies', 'beach.webp'), variants['WebP q40']!);
  writeFileSync(join(dir, 'copies', 'beach-exact.jpg'), beach);
  for (const seed of [2, 3, 4]) writeFileSync(join(dir, `other${seed}.jpg`), await sceneJpeg(seed));
}

describe('search service', () => {
  test('duplicate groups from a scanned folder: exact and near apart, different photos apart; keep one; not a duplicate', async (t) => {
    const studio = testStudio(t);
    const dir = join(tempDir(t), 'photos');
    await writeLibrary(dir);
    await studio.jobs.wait((await studio.library.addFolder(dir)).jobId);
    const hashes = studio.db.prepare(`SELECT file_name, phash, phash_crops FROM images ORDER BY file_name`).all() as { file_name: string; phash: string | null; phash_crops: string | null }[];
    assert.equal(hashes.length, 7);
    for (const row of hashes) {
      assert.match(row.phash ?? '', /^[0-9a-f]{16}$/, `${row.file_name} has a perceptual hash`);
      assert.match(row.phash_crops ?? '', /^[0-9a-f]{32}$/, `${row.file_name} has its middle crops' hashes`);
    }

    const search = new SearchService({ db: studio.db, bus: studio.bus });
    const page = await search.duplicates({ offset: 0, limit: 10 });
    assert.equal(page.total, 2);
    const exact = page.groups.find((g) => g.kind === 'exact')!;
    const near = page.groups.find((g) => g.kind === 'near')!;
    const names = (g: typeof near) => g.members.map((m) => m.path.slice(dir.length + 1)).sort();
    assert.deepEqual(names(exact), ['beach.jpg', 'copies/beach-exact.jpg']);
    const standIn = exact.members.map((m) => m.id).sort((x, y) => x - y)[0]!;
    assert.ok(near.members.some((m) => m.id === standIn), 'the first of the exact copies stands for them in the near group');
    assert.equal(near.members.length, 3, 'one file per content: the exact copy is not listed twice');
    assert.deepEqual(names(near).filter((n) => !n.startsWith('beach')), ['copies/beach-small.jpg', 'copies/beach.webp']);
    assert.equal(near.members.at(-1)!.width, 400, 'largest first, the half-size copy last');

    const keep = near.members.find((m) => m.path.endsWith('copies/beach-small.jpg'))!;
    assert.deepEqual(search.keepOne(near.groupId, keep.id), { excluded: 3, kept: keep.id }, 'both exact copies go with the one that stood for them');
    assert.equal(search.query({ excluded: true }, 0, 10).total, 3);
    assert.equal((await search.duplicates({ offset: 0, limit: 10, unresolvedOnly: true })).total, 0);
    assert.equal(search.query({ duplicates: 'near', excluded: false }, 0, 10).total, 1);
    assert.equal(search.query({ duplicates: 'exact' }, 0, 10).total, 2);
    assert.equal(search.setExcluded(near.members.map((m) => m.id).concat(exact.members.map((m) => m.id)), false), 3);

    assert.throws(() => search.keepOne(near.groupId, 999_999), (e: unknown) => e instanceof StudioError && e.code === 'invalid-params');
    await assert.rejects(search.duplicateGroup(999_999), (e: unknown) => e instanceof StudioError && e.code === 'not-found');
    await assert.rejects(search.notDuplicate(exact.groupId, exact.members[0]!.id), /same bytes/);

    // "Not a duplicate" takes the WebP out of the group for good, and the checks are remembered.
    const webp = near.members.find((m) => m.path.endsWith('.webp'))!;
    assert.deepEqual(await search.notDuplicate(near.groupId, webp.id), { pairs: 2, groups: 2 });
    const after = (await search.duplicates({ offset: 0, limit: 10, kind: 'near' })).groups[0]!;
    assert.equal(after.members.length, 2);
    assert.ok(!after.members.some((m) => m.id === webp.id));
    const checks = studio.db.prepare(`SELECT count(*) AS n FROM near_duplicate_checks`).get() as { n: number };
    assert.ok(checks.n >= 3, `${checks.n} checks remembered`);
  });

  test('a rescan gives images imported without perceptual hashes both, and the groups follow', async (t) => {
    const studio = testStudio(t);
    const dir = join(tempDir(t), 'photos');
    await writeLibrary(dir);
    const { folderId, jobId } = await studio.library.addFolder(dir);
    await studio.jobs.wait(jobId);
    const search = new SearchService({ db: studio.db, bus: studio.bus });
    assert.equal((await search.duplicates({ offset: 0, limit: 10, kind: 'near' })).total, 1);
    studio.db.prepare(`UPDATE images SET phash = NULL, phash_crops = NULL`).run();
    const without = await search.duplicates({ offset: 0, limit: 10, refresh: true });
    assert.deepEqual(without.groups.map((g) => [g.kind, g.members.length]), [['exact', 2]], 'without hashes only the byte-identical copy is found');

    await studio.jobs.wait((await studio.library.rescan(folderId)).jobId);
    const missing = studio.db.prepare(`SELECT count(*) AS n FROM images WHERE phash IS NULL OR phash_crops IS NULL`).get() as { n: number };
    assert.equal(missing.n, 0);
    const near = await search.duplicates({ offset: 0, limit: 10, kind: 'near' });
    assert.equal(near.groups[0]!.members.length, 3, 'the rescan made the groups stale, so they were recomputed');
  });

  test('saved views: create, rename, replace, delete; a stored query that is no longer valid is reported, not used', (t) => {
    const studio = testStudio(t);
    const search = new SearchService({ db: studio.db, now: () => 1234 });
    const view = search.saveView('People to review', { reviewStatus: ['pending'], detected: [{ label: 'person' }] });
    assert.deepEqual(view, { id: view.id, name: 'People to review', query: { reviewStatus: ['pending'], detected: [{ label: 'person' }] }, problem: null, createdAt: 1234, updatedAt: 1234 });
    assert.throws(() => search.saveView('People to review', {}), (e: unknown) => e instanceof StudioError && e.code === 'invalid-params');
    assert.equal(search.renameView(view.id, 'People').name, 'People');
    assert.deepEqual(search.saveView('People', { text: 'person' }, view.id).query, { text: 'person' });
    assert.deepEqual(search.viewQuery('People'), { text: 'person' });

    studio.db.prepare(`INSERT INTO saved_views (name, query_json, created_at, updated_at) VALUES ('old', '{"sort":"colour"}', 1, 1), ('broken', '{', 1, 1)`).run();
    const views = search.views();
    assert.deepEqual(views.map((v) => v.name), ['broken', 'old', 'People']);
    assert.equal(views[0]!.query, null);
    assert.match(views[0]!.problem!, /not JSON/);
    assert.equal(views[1]!.query, null);
    assert.match(views[1]!.problem!, /sort/);
    assert.throws(() => search.viewQuery('old'), /cannot be used/);
    assert.throws(() => search.viewQuery('nope'), (e: unknown) => e instanceof StudioError && e.code === 'not-found');

    assert.equal(search.deleteView(view.id), true);
    assert.equal(search.deleteView(view.id), false);
  });

  test('facets list what there is to filter by, with counts', (t) => {
    const studio = testStudio(t);
    const db = studio.db;
    db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, '/p', 1)`).run();
    db.prepare(`INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, camera_make, camera_model, status, added_at, updated_at)
      VALUES (1, 1, '/p/a', '', 'a', 'h1', 1, 1, 'Canon', 'EOS R5', 'ok', 1, 1), (2, 1, '/p/b', '', 'b', 'h2', 1, 1, 'Canon', 'EOS R5', 'ok', 1, 1)`).run();
    db.prepare(`INSERT INTO vqa (image_id, question, answer, mode, created_at) VALUES (1, 'Is it day?', 'yes', 'generate', 1), (2, 'Is it day?', 'no', 'generate', 1)`).run();
    const facets = new SearchService({ db }).facets();
    assert.deepEqual(facets.cameras, [{ make: 'Canon', model: 'EOS R5', count: 2 }]);
    assert.deepEqual(facets.questions, [{ question: 'Is it day?', count: 2 }]);
    assert.deepEqual(facets.detectedLabels, []);
  });
});
