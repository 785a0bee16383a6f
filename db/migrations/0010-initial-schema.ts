// The product's first schema: library (folders, images), expert outputs, captions with versions and
// provenance, VQA, tags, saved views, the persisted job queue, installed models, settings, and FTS5
// indexes over caption text, OCR text and tag names (kept current by triggers, so no service can forget it).
import type { Migration } from './migration.ts';

export const initialSchema: Migration = {
  version: 10,
  name: 'initial schema',
  sql: `
CREATE TABLE folders (
  id            INTEGER PRIMARY KEY,
  path          TEXT NOT NULL UNIQUE,
  -- 'folder': scanned recursively; 'files': a virtual root holding files added one by one
  kind          TEXT NOT NULL DEFAULT 'folder' CHECK (kind IN ('folder', 'files')),
  added_at      INTEGER NOT NULL,
  last_scan_at  INTEGER,
  last_error    TEXT
) STRICT;

CREATE TABLE images (
  id            INTEGER PRIMARY KEY,
  folder_id     INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
  path          TEXT NOT NULL UNIQUE,
  rel_dir       TEXT NOT NULL,          -- folder of the file relative to its root ('' at the root)
  file_name     TEXT NOT NULL,
  content_hash  TEXT,                   -- sha256 hex; NULL only for files that could not be read
  size          INTEGER NOT NULL,
  mtime_ms      INTEGER NOT NULL,
  format        TEXT,
  width         INTEGER,                -- as displayed (EXIF orientation applied)
  height        INTEGER,
  orientation   INTEGER,
  taken_at      INTEGER,                -- ms since epoch, from EXIF DateTimeOriginal
  camera_make   TEXT,
  camera_model  TEXT,
  lens          TEXT,
  gps_lat       REAL,
  gps_lon       REAL,
  exif_json     TEXT,
  status        TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'missing')),
  error         TEXT,
  thumb_ok      INTEGER NOT NULL DEFAULT 0,
  added_at      INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  missing_since INTEGER
) STRICT;
CREATE INDEX images_folder_order ON images(folder_id, rel_dir, file_name);
CREATE INDEX images_hash ON images(content_hash, status);
CREATE INDEX images_status ON images(status);
CREATE INDEX images_folder_status ON images(folder_id, status);
CREATE INDEX images_taken_at ON images(taken_at);

-- Outputs are a function of the pixels, so they are keyed by content hash: duplicates share them and a
-- changed file simply stops matching its old outputs.
CREATE TABLE expert_outputs (
  id            INTEGER PRIMARY KEY,
  content_hash  TEXT NOT NULL,
  expert        TEXT NOT NULL CHECK (expert IN ('depth', 'normal', 'edge', 'seg', 'det', 'ocr')),
  model_id      TEXT NOT NULL,
  model_version TEXT NOT NULL,
  map_path      TEXT,                   -- label map PNG in the cache folder, as the spec defines it
  stats_json    TEXT NOT NULL DEFAULT '{}',
  text          TEXT,                   -- searchable text (OCR words)
  is_fallback   INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  UNIQUE (content_hash, expert, model_version)
) STRICT;

CREATE TABLE detections (
  id            INTEGER PRIMARY KEY,
  output_id     INTEGER NOT NULL REFERENCES expert_outputs(id) ON DELETE CASCADE,
  class_id      INTEGER NOT NULL,
  label         TEXT NOT NULL,
  score         REAL NOT NULL,
  x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL
) STRICT;
CREATE INDEX detections_output ON detections(output_id);
CREATE INDEX detections_label ON detections(label);

-- Every caption version is a row; a human edit is a new row whose parent is the version it edits.
CREATE TABLE captions (
  id            INTEGER PRIMARY KEY,
  image_id      INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  parent_id     INTEGER REFERENCES captions(id) ON DELETE SET NULL,
  text          TEXT NOT NULL,
  source        TEXT NOT NULL CHECK (source IN ('ai', 'human', 'imported')),
  status        TEXT NOT NULL CHECK (status IN ('candidate', 'draft', 'accepted', 'rejected')),
  score         REAL,
  content_hash  TEXT,                   -- the pixels it was written for
  model_id      TEXT,
  model_hash    TEXT,
  experts_json  TEXT,
  decoding_json TEXT,
  created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX captions_image ON captions(image_id, created_at);
CREATE INDEX captions_status ON captions(status);

CREATE TABLE vqa (
  id                INTEGER PRIMARY KEY,
  image_id          INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  question          TEXT NOT NULL,
  answer            TEXT NOT NULL,
  mode              TEXT NOT NULL CHECK (mode IN ('generate', 'rank')),
  score             REAL,
  alternatives_json TEXT,
  model_id          TEXT,
  model_hash        TEXT,
  created_at        INTEGER NOT NULL
) STRICT;
CREATE INDEX vqa_image ON vqa(image_id, created_at);

CREATE TABLE tags (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE
) STRICT;

CREATE TABLE image_tags (
  image_id    INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  source      TEXT NOT NULL CHECK (source IN ('ai', 'human', 'imported')),
  score       REAL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (image_id, tag_id)
) STRICT;
CREATE INDEX image_tags_tag ON image_tags(tag_id);

CREATE TABLE saved_views (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  query_json  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;

-- The persisted queue: a restart finds queued/running jobs and resumes them item by item.
CREATE TABLE jobs (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  title         TEXT NOT NULL,
  params_json   TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
  done          INTEGER NOT NULL DEFAULT 0,
  failed        INTEGER NOT NULL DEFAULT 0,
  total         INTEGER,
  result_json   TEXT,
  error         TEXT,
  created_at    INTEGER NOT NULL,
  started_at    INTEGER,
  finished_at   INTEGER
) STRICT;
CREATE INDEX jobs_state ON jobs(state);

CREATE TABLE job_items (
  job_id      INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  item_key    TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'skipped')),
  error       TEXT,
  PRIMARY KEY (job_id, item_key)
) STRICT;

CREATE TABLE models (
  id            TEXT PRIMARY KEY,       -- catalog id
  task          TEXT NOT NULL,
  version       TEXT NOT NULL,
  path          TEXT NOT NULL,
  sha256        TEXT,
  size          INTEGER,
  licence       TEXT,
  source_json   TEXT NOT NULL DEFAULT '{}',
  verified      INTEGER NOT NULL DEFAULT 0,
  installed_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value_json  TEXT NOT NULL
) STRICT;

-- Full-text search over caption text, OCR text and tag names: external-content FTS5 tables keyed by the
-- source row's id, so updates are O(1) and the text is stored once.
CREATE VIRTUAL TABLE caption_fts USING fts5(text, content = 'captions', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER captions_ai AFTER INSERT ON captions BEGIN
  INSERT INTO caption_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER captions_ad AFTER DELETE ON captions BEGIN
  INSERT INTO caption_fts(caption_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER captions_au AFTER UPDATE OF text ON captions BEGIN
  INSERT INTO caption_fts(caption_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO caption_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE VIRTUAL TABLE ocr_fts USING fts5(text, content = 'expert_outputs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER ocr_ai AFTER INSERT ON expert_outputs WHEN new.text IS NOT NULL BEGIN
  INSERT INTO ocr_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER ocr_ad AFTER DELETE ON expert_outputs WHEN old.text IS NOT NULL BEGIN
  INSERT INTO ocr_fts(ocr_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE VIRTUAL TABLE tag_fts USING fts5(name, content = 'tags', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER tags_ai AFTER INSERT ON tags BEGIN
  INSERT INTO tag_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER tags_ad AFTER DELETE ON tags BEGIN
  INSERT INTO tag_fts(tag_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER tags_au AFTER UPDATE OF name ON tags BEGIN
  INSERT INTO tag_fts(tag_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO tag_fts(rowid, name) VALUES (new.id, new.name);
END;
`,
};
