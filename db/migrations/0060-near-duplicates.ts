// Near duplicates that are checked, not guessed: a hash of the middle of each photo beside the whole one
// (a copy with trimmed borders is still a candidate), the pixel checks of candidate pairs (kept per pair of
// contents, so a recomputation decodes nothing it has seen), the pairs a user said are not duplicates, and
// duplicate groups of two kinds that no longer share one row per image: an image with an exact copy is in
// that exact group and may also stand for its content in a near group.
import type { Migration } from './migration.ts';

export const nearDuplicates: Migration = {
  version: 60,
  name: 'near duplicates',
  sql: `
ALTER TABLE images ADD COLUMN phash_crops TEXT;   -- hashes of the middle 90 % and 80 %, 32 hex digits

-- content_a < content_b; difference is structureDifference's (99 stands for "not comparable").
CREATE TABLE near_duplicate_checks (
  content_a  TEXT NOT NULL,
  content_b  TEXT NOT NULL,
  difference REAL NOT NULL,
  PRIMARY KEY (content_a, content_b)
) STRICT, WITHOUT ROWID;

-- "Not a duplicate" from the group view; content_a < content_b.
CREATE TABLE not_duplicate_pairs (
  content_a  TEXT NOT NULL,
  content_b  TEXT NOT NULL,
  decided_at INTEGER NOT NULL,
  PRIMARY KEY (content_a, content_b)
) STRICT, WITHOUT ROWID;

DROP TABLE duplicate_groups;
CREATE TABLE duplicate_groups (
  group_id   INTEGER NOT NULL,
  image_id   INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
  PRIMARY KEY (group_id, image_id)
) STRICT;
CREATE INDEX duplicate_groups_image ON duplicate_groups(image_id, kind);
`,
};
