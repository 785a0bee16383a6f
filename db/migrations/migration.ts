// What a migration is. Versions step by 10 (Signal's habit) so a fix can slot in between two releases.
import type { Database } from 'better-sqlite3';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Plain SQL run as one script, or a function for migrations that must transform rows. */
  readonly sql?: string;
  readonly up?: (db: Database) => void;
}
