// The ordered list of every migration the app knows. The last version here is the schema this build
// speaks; a database stamped with a higher one was written by a newer build and is refused.
import type { Migration } from './migration.ts';
import { initialSchema } from './0010-initial-schema.ts';
import { modelChecksums } from './0020-model-checksums.ts';
import { curation } from './0030-curation.ts';
import { searchIndexes } from './0040-search-indexes.ts';
import { jobRestarts } from './0050-job-restarts.ts';
import { nearDuplicates } from './0060-near-duplicates.ts';

export const migrations: readonly Migration[] = [initialSchema, modelChecksums, curation, searchIndexes, jobRestarts, nearDuplicates];

export const latestSchemaVersion: number = migrations.at(-1)?.version ?? 0;
