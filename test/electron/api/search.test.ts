// Specification of the search contract: queries are validated strictly (unknown keys, out-of-range
// shares, a VQA sort without its question are refused), and the handler factory routes every method
// to the search service.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../../db/open.ts';
import { createSearchHandlers, searchMethods, searchQuerySchema } from '../../../electron/api/search.ts';
import { SearchService } from '../../../electron/services/library/searchService.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('search contract', () => {
  test('accepts a full query and refuses malformed ones', () => {
    const full = {
      text: 'red "city bus" bi*',
      textIn: ['captions', 'tags'],
      folderId: 1,
      relDir: '2020',
      reviewStatus: ['pending', 'none'],
      flagKinds: ['count-mismatch'],
      detected: [{ label: 'person', minCount: 2, minScore: 0.5 }],
      segmentation: [{ label: 'sky', minShare: 0.3 }],
      hasText: true,
      depth: [{ stat: 'median', min: 1, max: 5 }],
      takenFrom: 0,
      takenTo: 1e12,
      cameraModels: ['EOS R5'],
      duplicates: 'near',
      excluded: false,
      vqa: [{ question: 'Is there a person?', answers: ['yes'] }],
      sort: 'vqaScore',
      sortQuestion: 'Is there a person?',
      descending: true,
    };
    assert.equal(searchQuerySchema.safeParse(full).success, true);
    for (const bad of [
      { colour: 'red' },
      { segmentation: [{ label: 'sky', minShare: 1.5 }] },
      { reviewStatus: ['maybe'] },
      { sort: 'vqaScore' },
      { depth: [{ stat: 'mean' }] },
      { detected: [{ label: '' }] },
      { text: 'x'.repeat(1001) },
    ]) {
      assert.equal(searchQuerySchema.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 80));
    }
    assert.equal(searchMethods['search.query'].safeParse({ query: {}, offset: 0, limit: 5000 }).success, false);
    assert.equal(searchMethods['search.duplicates'].safeParse({ offset: 0, limit: 10, threshold: 13 }).success, false);
  });

  test('the handlers answer every method through the service', async (t) => {
    const db = openDatabase(join(tempDir(t), 'library.db'));
    t.after(() => db.close());
    db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (1, '/p', 1)`).run();
    db.prepare(`INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, phash, size, mtime_ms, status, added_at, updated_at)
      VALUES (1, 1, '/p/a.jpg', '', 'a.jpg', 'h1', '0000000000000000', 10, 1, 'ok', 1, 1), (2, 1, '/p/b.jpg', '', 'b.jpg', 'h1', '0000000000000000', 20, 1, 'ok', 2, 1)`).run();
    db.prepare(`INSERT INTO captions (image_id, text, source, status, created_at) VALUES (1, 'a harbour at dusk', 'ai', 'candidate', 1)`).run();
    const handlers = createSearchHandlers(new SearchService({ db }));
    assert.deepEqual(Object.keys(handlers).sort(), Object.keys(searchMethods).sort());

    const page = await handlers['search.query']({ query: { text: 'harbour' }, offset: 0, limit: 10 });
    assert.deepEqual([page.total, page.ids, page.tiles.map((tile) => tile.fileName)], [1, [1], ['a.jpg']]);
    assert.deepEqual(await handlers['search.count']({ query: {} }), { total: 2 });
    const duplicates = await handlers['search.duplicates']({ offset: 0, limit: 10 });
    assert.deepEqual(duplicates.groups.map((g) => [g.kind, g.members.length]), [['exact', 2]]);
    await assert.rejects(async () => handlers['search.notDuplicate']({ groupId: duplicates.groups[0]!.groupId, imageId: 1 }), /same bytes/);
    assert.deepEqual(await handlers['search.keepOne']({ groupId: duplicates.groups[0]!.groupId, keepId: 2 }), { excluded: 1, kept: 2 });
    assert.deepEqual(await handlers['search.setExcluded']({ imageIds: [1], excluded: false }), { changed: 1 });
    const view = await handlers['search.saveView']({ name: 'Harbour', query: { text: 'harbour' } });
    assert.equal((await handlers['search.renameView']({ id: view.id, name: 'Port' })).name, 'Port');
    assert.deepEqual((await handlers['search.views']({})).map((v) => v.name), ['Port']);
    assert.deepEqual(await handlers['search.deleteView']({ id: view.id }), { deleted: true });
    assert.equal((await handlers['search.duplicateGroup']({ groupId: 1 })).members.length, 2);
    assert.deepEqual((await handlers['search.facets']({})).flagKinds, []);
  });
});
