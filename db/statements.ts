// Prepared-statement cache per connection: query modules name their SQL once and reuse the compiled
// statement, which matters for the per-file lookups of a 100k-file scan.
import type { Statement } from 'better-sqlite3';
import type { StudioDb } from './open.ts';

const cache = new WeakMap<StudioDb, Map<string, Statement>>();

export function statement<P extends unknown[] | {} = unknown[], R = unknown>(db: StudioDb, sql: string): Statement<P, R> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let compiled = perDb.get(sql);
  if (!compiled) {
    compiled = db.prepare(sql);
    perDb.set(sql, compiled);
  }
  return compiled as unknown as Statement<P, R>;
}
