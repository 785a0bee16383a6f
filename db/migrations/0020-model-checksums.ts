// The sha256 and size of each model file the first time it was downloaded, per source (repository, file,
// revision). Catalog entries without a known hash are checked against this record from then on, and it
// outlives removing the model, so a reinstall is compared with what was first trusted.
import type { Migration } from './migration.ts';

export const modelChecksums: Migration = {
  version: 20,
  name: 'model checksums',
  sql: `
CREATE TABLE model_checksums (
  source_key    TEXT PRIMARY KEY,       -- 'hub:<repo>/<file>@<revision>'
  model_id      TEXT NOT NULL,          -- catalog id it was downloaded for
  sha256        TEXT NOT NULL,
  size          INTEGER NOT NULL,
  recorded_at   INTEGER NOT NULL
) STRICT;
`,
};
