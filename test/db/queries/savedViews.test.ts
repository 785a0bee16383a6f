// Specification of saved-view storage: names are unique, views list by name, updates change only what
// is given.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../../db/open.ts';
import { deleteSavedView, findSavedViewByName, getSavedView, insertSavedView, listSavedViews, updateSavedView } from '../../../db/queries/savedViews.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('saved views', () => {
  test('stored, listed by name, updated in part, deleted', (t) => {
    const db = openDatabase(join(tempDir(t), 'library.db'));
    t.after(() => db.close());
    const b = insertSavedView(db, 'beach', '{"text":"beach"}', 10);
    const a = insertSavedView(db, 'Accepted', '{"reviewStatus":["accepted"]}', 11);
    assert.throws(() => insertSavedView(db, 'beach', '{}', 12), /UNIQUE/);
    assert.deepEqual(listSavedViews(db).map((v) => v.name), ['Accepted', 'beach']);

    assert.equal(updateSavedView(db, b, { queryJson: '{"text":"sea"}' }, 20), true);
    assert.deepEqual(getSavedView(db, b), { id: b, name: 'beach', queryJson: '{"text":"sea"}', createdAt: 10, updatedAt: 20 });
    assert.equal(updateSavedView(db, b, { name: 'Sea' }, 21), true);
    assert.equal(findSavedViewByName(db, 'Sea')!.queryJson, '{"text":"sea"}');
    assert.equal(updateSavedView(db, 999, { name: 'x' }, 22), false);

    assert.equal(deleteSavedView(db, a), true);
    assert.equal(getSavedView(db, a), undefined);
  });
});
