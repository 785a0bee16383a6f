// Opens the studio database: refuses schemas newer than this build, applies pending migrations in one
// transaction (a failure rolls back and leaves the file as it was), then sets the runtime pragmas.
// The only module that constructs a better-sqlite3 connection.
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as knownMigrations, latestSchemaVersion } from './migrations/index.ts';
import type { Migration } from './migrations/migration.ts';

export type StudioDb = Database;

export class SchemaTooNewError extends Error {
  readonly fileVersion: number;
  readonly appVersion: number;
  constructor(file: string, fileVersion: number, appVersion: number) {
    super(
      `The database ${file} has schema version ${fileVersion}, but this version of Prismer Studio only ` +
        `knows up to ${appVersion}. It was written by a newer Prismer Studio: update the app, or open ` +
        `another database. The file was not changed.`,
    );
    this.name = 'SchemaTooNewError';
    this.fileVersion = fileVersion;
    this.appVersion = appVersion;
  }
}

export class MigrationError extends Error {
  readonly version: number;
  constructor(file: string, migration: Migration, cause: unknown) {
    super(
      `Upgrading the database ${file} failed at migration ${migration.version} (${migration.name}): ` +
        `${cause instanceof Error ? cause.message : String(cause)}. The file was left as it was.`,
      { cause },
    );
    this.name = 'MigrationError';
    this.version = migration.version;
  }
}

export interface OpenOptions {
  /** Migrations to apply; tests pass a prefix of the list to build an older schema. */
  readonly migrations?: readonly Migration[];
  readonly readonly?: boolean;
}

export function openDatabase(file: string, options: OpenOptions = {}): StudioDb {
  const list = options.migrations ?? knownMigrations;
  const appVersion = options.migrations ? (list.at(-1)?.version ?? 0) : latestSchemaVersion;
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new BetterSqlite3(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    const fileVersion = Number(db.pragma('user_version', { simple: true }));
    if (fileVersion > appVersion) throw new SchemaTooNewError(file, fileVersion, appVersion);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      migrate(db, file, list, fileVersion);
      // Keeps the query planner's statistics current (cheap; SQLite decides what needs analysing).
      db.pragma('optimize = 0x10002');
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: StudioDb, file: string, list: readonly Migration[], fromVersion: number): void {
  const pending = list.filter((m) => m.version > fromVersion);
  if (pending.length === 0) return;
  // Foreign keys cannot be toggled inside a transaction; migrations that rebuild tables need them off.
  db.pragma('foreign_keys = OFF');
  try {
    db.exec('BEGIN IMMEDIATE');
    for (const migration of pending) {
      try {
        if (migration.sql) db.exec(migration.sql);
        migration.up?.(db);
        db.pragma(`user_version = ${migration.version}`);
      } catch (cause) {
        db.exec('ROLLBACK');
        throw new MigrationError(file, migration, cause);
      }
    }
    const violations = db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      db.exec('ROLLBACK');
      throw new MigrationError(file, pending.at(-1)!, new Error(`${violations.length} foreign key violations`));
    }
    db.exec('COMMIT');
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
