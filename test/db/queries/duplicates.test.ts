// Specification of the stored duplicate groups: replaced whole, paged by group, exact and near apart (an
// image may be in one of each), members largest first, the remembered checks and "not a duplicate"
// pairs, and the export exclusion.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { openDatabase, type StudioDb } from '../../../db/open.ts';
import { countDuplicateGroups, getDuplicateGroup, groupsOfImage, imagesWithContents, insertNearDuplicateCheck, insertNotDuplicatePairs, listDuplicateGroups, listHashedImages, listNearDuplicateChecks, listNotDuplicatePairs, replaceDuplicateGroups, setExcluded } from '../../../db/queries/duplicates.ts';
import { tempDir } from '../../helpers/tempDir.ts';

function library(t: TestContext): StudioDb {
  const db = openDatabase(join(tempDir(t), 'library.db'));
  t.after(() => db.close());
  db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, '/p', 1)`).run();
  const add = db.prepare(`INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, phash, size, mtime_ms, width, height, status, added_at, updated_at)
    VALUES (?, 1, ?, '', ?, ?, ?, ?, 1, ?, ?, ?, 1, 1)`);
  // 1, 2: the same bytes; 3, 4, 5: one photo at three sizes; 6: missing from disk.
  add.run(1, '/p/1.jpg', '1.jpg', 'a', '0000000000000000', 500, 100, 100, 'ok');
  add.run(2, '/p/2.jpg', '2.jpg', 'a', '0000000000000000', 500, 100, 100, 'ok');
  add.run(3, '/p/3.jpg', '3.jpg', 'b', 'ffff000000000000', 300, 200, 100, 'ok');
  add.run(4, '/p/4.jpg', '4.jpg', 'c', 'ffff000000000001', 900, 400, 300, 'ok');
  add.run(5, '/p/5.jpg', '5.jpg', 'd', 'ffff000000000003', 200, 50, 50, 'ok');
  add.run(6, '/p/6.jpg', '6.jpg', 'e', 'ffff000000000003', 200, 50, 50, 'missing');
  return db;
}

describe('duplicate groups', () => {
  test('the finder reads readable images only', (t) => {
    const db = library(t);
    assert.deepEqual(listHashedImages(db).map((i) => i.id), [1, 2, 3, 4, 5]);
  });

  test('groups are stored whole, paged, with their kind and members largest first', (t) => {
    const db = library(t);
    replaceDuplicateGroups(db, { exact: [[1, 2]], near: [[1, 3, 4, 5]] });
    assert.equal(countDuplicateGroups(db), 2);
    assert.equal(countDuplicateGroups(db, { kind: 'exact' }), 1);
    assert.equal(countDuplicateGroups(db, { kind: 'near' }), 1);
    const [exact, near] = listDuplicateGroups(db, {}, 0, 10);
    assert.deepEqual([exact!.groupId, exact!.kind, exact!.members.map((m) => m.id)], [1, 'exact', [1, 2]]);
    assert.deepEqual([near!.groupId, near!.kind, near!.members.map((m) => m.id)], [2, 'near', [4, 3, 1, 5]]);
    assert.deepEqual(listDuplicateGroups(db, {}, 1, 10).map((g) => g.groupId), [2]);
    assert.deepEqual(groupsOfImage(db, 1), [{ groupId: 1, kind: 'exact' }, { groupId: 2, kind: 'near' }], 'an image stands for its content in a near group');
    assert.equal(getDuplicateGroup(db, 2)!.members[0]!.width, 400);

    replaceDuplicateGroups(db, { exact: [], near: [[3, 4]] });
    assert.equal(countDuplicateGroups(db), 1);
    assert.deepEqual(groupsOfImage(db, 1), []);
  });

  test('exclusion is set and cleared per image; groups with an exclusion are no longer unresolved', (t) => {
    const db = library(t);
    replaceDuplicateGroups(db, { exact: [[1, 2]], near: [[3, 4, 5]] });
    assert.equal(setExcluded(db, [3, 5], true), 2);
    assert.equal(setExcluded(db, [3, 5], true), 0, 'already excluded');
    assert.deepEqual(getDuplicateGroup(db, 2)!.members.map((m) => [m.id, m.excluded]), [[4, false], [3, true], [5, true]]);
    assert.deepEqual(listDuplicateGroups(db, { unresolvedOnly: true }, 0, 10).map((g) => g.groupId), [1]);
    assert.equal(setExcluded(db, [3], false), 1);
  });

  test('pixel checks and "not a duplicate" pairs are kept per pair of contents, in order', (t) => {
    const db = library(t);
    insertNearDuplicateCheck(db, 'b', 'c', 0.12);
    insertNearDuplicateCheck(db, 'b', 'c', 0.2);
    assert.deepEqual([...listNearDuplicateChecks(db)], [['b c', 0.2]]);
    assert.equal(insertNotDuplicatePairs(db, [['d', 'b'], ['b', 'd'], ['c', 'b']], 5), 2, 'the same pair either way round counts once');
    assert.deepEqual([...listNotDuplicatePairs(db)].sort(), ['b c', 'b d']);
    assert.deepEqual(imagesWithContents(db, ['a', 'c']).sort(), [1, 2, 4]);
  });
});
