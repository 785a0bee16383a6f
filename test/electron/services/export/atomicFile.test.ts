// Specification of atomic export files: until commit only a hidden '.partial' file exists (what a killed
// export leaves), commit replaces the target whole, abort removes the temporary file, and appending
// another file's bytes (COCO's annotations section) keeps them in order; it never creates folders.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AtomicFile, writeFileAtomic } from '../../../../electron/services/export/atomicFile.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

describe('atomic export files', () => {
  test('the target appears only at commit, replacing the old one whole', async (t) => {
    const dir = tempDir(t);
    const target = join(dir, 'captions.csv');
    writeFileSync(target, 'old export\n');
    const file = await AtomicFile.create(target);
    await file.write('x'.repeat(3 << 20)); // past the buffer, so bytes are on disk before commit
    await file.write('tail\n');
    const during = readdirSync(dir).sort();
    assert.equal(during.length, 2);
    assert.match(during[0]!, /^\.captions\.csv\.\d+-[0-9a-f]{8}\.partial$/);
    assert.equal(readFileSync(target, 'utf8'), 'old export\n', 'the old export is whole until the rename');
    await file.commit();
    assert.deepEqual(readdirSync(dir), ['captions.csv']);
    assert.equal(readFileSync(target, 'utf8'), `${'x'.repeat(3 << 20)}tail\n`);
  });

  test('abort leaves no file behind', async (t) => {
    const dir = tempDir(t);
    const file = await AtomicFile.create(join(dir, 'a.json'));
    await file.write('{');
    await file.abort();
    assert.deepEqual(readdirSync(dir), []);
  });

  test('never makes its folder: a folder removed mid-export is an error, not a new half-export', async (t) => {
    const dir = tempDir(t);
    await assert.rejects(AtomicFile.create(join(dir, 'gone', 'a.json')), { code: 'ENOENT' });
    assert.deepEqual(readdirSync(dir), []);
  });

  test('append copies another file after what was written', async (t) => {
    const dir = tempDir(t);
    const part = join(dir, 'part');
    writeFileSync(part, 'B'.repeat(1_500_000));
    const file = await AtomicFile.create(join(dir, 'all'));
    await file.write('A');
    await file.append(part);
    await file.write('C');
    await file.commit();
    assert.equal(readFileSync(join(dir, 'all'), 'utf8'), `A${'B'.repeat(1_500_000)}C`);
  });

  test('writeFileAtomic replaces a file in one step', async (t) => {
    const dir = tempDir(t);
    await writeFileAtomic(join(dir, 'a.txt'), 'one\n');
    await writeFileAtomic(join(dir, 'a.txt'), 'two\n');
    assert.deepEqual(readdirSync(dir), ['a.txt']);
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), 'two\n');
  });
});
