// What curation needs on top of the initial schema: a perceptual hash per image (near-duplicates) and an
// "excluded from exports" mark; each image's review status kept by triggers from its caption rows (so a
// million-image library filters by it through an index, and no service can forget to update it); at
// most one accepted caption per image; the flags cross-checks raise on a caption; and the review history
// (every pick, edit, accept and reject, with what undo needs to reverse it).
import type { Migration } from './migration.ts';

/** The statement each caption trigger runs: the image's status from all its captions' statuses. */
const refreshReviewStatus = (row: 'new' | 'old') => `UPDATE images SET review_status = (
    SELECT CASE
      WHEN SUM(status = 'accepted') > 0 THEN 'accepted'
      WHEN SUM(status IN ('candidate', 'draft')) > 0 THEN 'pending'
      WHEN COUNT(*) > 0 THEN 'rejected'
      ELSE 'none' END
    FROM captions WHERE image_id = ${row}.image_id)
  WHERE id = ${row}.image_id;`;

export const curation: Migration = {
  version: 30,
  name: 'curation',
  sql: `
ALTER TABLE images ADD COLUMN phash TEXT;               -- 64-bit perceptual hash, 16 hex digits
ALTER TABLE images ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;   -- kept out of exports (e.g. a duplicate)
-- 'none': no caption; 'pending': candidates or drafts only; 'accepted'; 'rejected': every caption rejected
ALTER TABLE images ADD COLUMN review_status TEXT NOT NULL DEFAULT 'none'
  CHECK (review_status IN ('none', 'pending', 'accepted', 'rejected'));
CREATE INDEX images_phash ON images(phash) WHERE phash IS NOT NULL;
CREATE INDEX images_review_status ON images(review_status);

CREATE UNIQUE INDEX captions_one_accepted ON captions(image_id) WHERE status = 'accepted';

CREATE TRIGGER captions_review_ai AFTER INSERT ON captions BEGIN
  ${refreshReviewStatus('new')}
END;
CREATE TRIGGER captions_review_au AFTER UPDATE OF status ON captions BEGIN
  ${refreshReviewStatus('new')}
END;
CREATE TRIGGER captions_review_ad AFTER DELETE ON captions BEGIN
  ${refreshReviewStatus('old')}
END;

-- Why a caption was flagged for review ('unseen-object', 'count-mismatch', 'unsupported-text',
-- 'ignored-text'); computed when an AI caption is stored, against the expert outputs stored then.
CREATE TABLE caption_flags (
  id            INTEGER PRIMARY KEY,
  caption_id    INTEGER NOT NULL REFERENCES captions(id) ON DELETE CASCADE,
  image_id      INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  message       TEXT NOT NULL,
  evidence_json TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX caption_flags_caption ON caption_flags(caption_id);
CREATE INDEX caption_flags_kind ON caption_flags(kind, image_id);

-- The review history: one row per user action on an image's captions. 'before_json' holds the statuses
-- the action changed, so undo restores them exactly; undone rows are redone by re-applying 'after_json'.
CREATE TABLE review_events (
  id            INTEGER PRIMARY KEY,
  image_id      INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  caption_id    INTEGER REFERENCES captions(id) ON DELETE SET NULL,
  action        TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'edit', 'reopen', 'bulk-accept')),
  before_json   TEXT NOT NULL,
  after_json    TEXT NOT NULL,
  undone        INTEGER NOT NULL DEFAULT 0,
  at            INTEGER NOT NULL
) STRICT;
CREATE INDEX review_events_image ON review_events(image_id, id);

CREATE INDEX vqa_question ON vqa(question, image_id);
`,
};
