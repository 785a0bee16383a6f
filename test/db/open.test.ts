// Specification of opening the studio database: pragmas, migrations, and refusing what it cannot read.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { MigrationError, openDatabase, SchemaTooNewError } from '../../db/open.ts';
import { latestSchemaVersion, migrations } from '../../db/migrations/index.ts';
import type { Migration } from '../../db/migrations/migration.ts';
import { tempDir } from '../helpers/tempDir.ts';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('opening the database', () => {
  test('a new file gets the whole schema, WAL and foreign keys', (t) => {
    const file = join(tempDir(t), 'library.db');
    const db = openDatabase(file);
    t.after(() => db.close());
    assert.equal(db.pragma('user_version', { simple: true }), latestSchemaVersion);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    for (const name of ['folders', 'images', 'expert_outputs', 'detections', 'captions', 'vqa', 'tags', 'image_tags', 'saved_views', 'jobs', 'job_items', 'models', 'settings', 'caption_fts', 'ocr_fts', 'tag_fts']) {
      assert.ok(tables.includes(name), `table ${name}`);
    }
  });

  test('opening again applies nothing and keeps the data', (t) => {
    const file = join(tempDir(t), 'library.db');
    const first = openDatabase(file);
    first.prepare(`INSERT INTO folders (path, added_at) VALUES ('/photos', 1)`).run();
    first.close();
    const second = openDatabase(file);
    t.after(() => second.close());
    assert.equal((second.prepare(`SELECT count(*) AS n FROM folders`).get() as { n: number }).n, 1);
  });

  test('a database from a newer version is refused with a clear message and left untouched', (t) => {
    const file = join(tempDir(t), 'library.db');
    const raw = new BetterSqlite3(file);
    raw.exec(`CREATE TABLE future (x INTEGER); PRAGMA user_version = ${latestSchemaVersion + 10};`);
    raw.close();
    const before = sha(file);
    assert.throws(
      () => openDatabase(file),
      (error: unknown) =>
        error instanceof SchemaTooNewError && /newer Prismer Studio/.test(error.message) && error.fileVersion === latestSchemaVersion + 10,
    );
    assert.equal(sha(file), before);
  });

  test('a failing migration rolls back every step and leaves the file as it was', (t) => {
    const file = join(tempDir(t), 'library.db');
    const old = openDatabase(file);
    old.prepare(`INSERT INTO folders (path, added_at) VALUES ('/photos', 1)`).run();
    old.close();
    const broken: Migration[] = [
      ...migrations,
      { version: latestSchemaVersion + 10, name: 'adds a table', sql: `CREATE TABLE extra (x INTEGER);` },
      { version: latestSchemaVersion + 20, name: 'fails', sql: `ALTER TABLE no_such_table ADD COLUMN y INTEGER;` },
    ];
    assert.throws(
      () => openDatabase(file, { migrations: broken }),
      (error: unknown) => error instanceof MigrationError && error.version === latestSchemaVersion + 20 && /left as it was/.test(error.message),
    );
    const after = openDatabase(file);
    t.after(() => after.close());
    assert.equal(after.pragma('user_version', { simple: true }), latestSchemaVersion);
    assert.equal(after.prepare(`SELECT name FROM sqlite_master WHERE name = 'extra'`).get(), undefined);
    assert.equal((after.prepare(`SELECT count(*) AS n FROM folders`).get() as { n: number }).n, 1);
  });

  test('a migration that transforms rows runs on an existing database and keeps its rows', (t) => {
    const file = join(tempDir(t), 'library.db');
    const old = openDatabase(file);
    old.prepare(`INSERT INTO folders (path, added_at) VALUES ('/photos', 1)`).run();
    old.close();
    const next: Migration[] = [
      ...migrations,
      {
        version: latestSchemaVersion + 10,
        name: 'folder labels',
        sql: `ALTER TABLE folders ADD COLUMN label TEXT;`,
        up: (db) => db.prepare(`UPDATE folders SET label = upper(path)`).run(),
      },
    ];
    const db = openDatabase(file, { migrations: next });
    t.after(() => db.close());
    assert.equal(db.pragma('user_version', { simple: true }), latestSchemaVersion + 10);
    assert.deepEqual(db.prepare(`SELECT path, label FROM folders`).get(), { path: '/photos', label: '/PHOTOS' });
  });
});
