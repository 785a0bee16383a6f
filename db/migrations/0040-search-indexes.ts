// What library search needs to stay fast on a million images: the facts that live inside expert outputs'
// JSON (segmentation class shares, depth statistics, detection counts, whether OCR found text) copied by
// triggers into plain indexed tables — per content, and per image in `image_facts`, so a filter is an
// index range giving integer image ids instead of parsing JSON, or joining on 64-character content
// hashes, for every image; the near-duplicate groups the duplicate finder last computed; and indexes
// for the remaining filters and sorts.
import type { Migration } from './migration.ts';

/** The four depth statistics of `expert_numbers x` as image_facts rows (SQLite has no LATERAL). */
function depthFacts(imageId: string, from: string, where: string): string {
  return `SELECT image_id, output_id, 'depth', label, value FROM (
      SELECT ${imageId} AS image_id, x.output_id AS output_id, l.label AS label,
        CASE l.label WHEN 'min' THEN x.depth_min WHEN 'max' THEN x.depth_max WHEN 'median' THEN x.depth_median ELSE x.depth_normalised END AS value
      FROM ${from}, (SELECT 'min' AS label UNION ALL SELECT 'max' UNION ALL SELECT 'median' UNION ALL SELECT 'normalisedMedian') l
      WHERE x.expert = 'depth' AND ${where})
    WHERE value IS NOT NULL`;
}

/** The trigger body giving image `new` the detection count its content already has (on insert and on a content change). */
const detectionCountOfNewImage = `  UPDATE images SET detection_count = (SELECT detection_count FROM expert_numbers
      WHERE content_hash = new.content_hash AND expert = 'det' ORDER BY output_id DESC LIMIT 1)
    WHERE id = new.id;`;

/** The trigger body copying the facts its content already has to image `new` (on insert and on a content change). */
const copyFactsToNewImage = `  INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
    SELECT new.id, s.output_id, 'seg', s.label, s.share FROM seg_class_shares s WHERE s.content_hash = new.content_hash;
  INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
    ${depthFacts('new.id', 'expert_numbers x', 'x.content_hash = new.content_hash')};
  INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
    SELECT new.id, d.output_id, 'det', d.label, count(*) FROM expert_outputs e JOIN detections d ON d.output_id = e.id
    WHERE e.content_hash = new.content_hash AND e.expert = 'det' GROUP BY d.output_id, d.label;
  INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
    SELECT new.id, e.id, 'ocr', 'text', 1 FROM expert_outputs e
    WHERE e.content_hash = new.content_hash AND e.expert = 'ocr' AND coalesce(e.text, '') != '';`;

export const searchIndexes: Migration = {
  version: 40,
  name: 'search indexes',
  sql: `
-- One row per class a segmentation output found, with the fraction of the image it covers.
CREATE TABLE seg_class_shares (
  output_id     INTEGER NOT NULL REFERENCES expert_outputs(id) ON DELETE CASCADE,
  content_hash  TEXT NOT NULL,
  label         TEXT NOT NULL COLLATE NOCASE,
  share         REAL NOT NULL,
  PRIMARY KEY (output_id, label)
) STRICT, WITHOUT ROWID;
-- Covering: a share filter never reads the table.
CREATE INDEX seg_class_shares_label ON seg_class_shares(label, share, content_hash);
-- For copying a content's shares to an image imported later (without it, every import scanned the table).
CREATE INDEX seg_class_shares_hash ON seg_class_shares(content_hash);

-- An output's headline numbers: depth min/max/median (model units) and median of the 0–1 normalised
-- map; detection count. NULL where the expert does not produce the number.
CREATE TABLE expert_numbers (
  output_id          INTEGER PRIMARY KEY REFERENCES expert_outputs(id) ON DELETE CASCADE,
  content_hash       TEXT NOT NULL,
  expert             TEXT NOT NULL,
  depth_min          REAL,
  depth_max          REAL,
  depth_median       REAL,
  depth_normalised   REAL,
  detection_count    INTEGER
) STRICT;
CREATE INDEX expert_numbers_hash ON expert_numbers(content_hash, expert);
CREATE INDEX expert_numbers_depth_median ON expert_numbers(expert, depth_median, content_hash);
CREATE INDEX expert_numbers_depth_normalised ON expert_numbers(expert, depth_normalised, content_hash);

CREATE TRIGGER search_facts_ai AFTER INSERT ON expert_outputs WHEN new.expert IN ('seg', 'depth', 'det') BEGIN
  INSERT OR IGNORE INTO seg_class_shares (output_id, content_hash, label, share)
    SELECT new.id, new.content_hash, json_extract(value, '$.label'), json_extract(value, '$.share')
    FROM json_each(new.stats_json, '$.classShares')
    WHERE new.expert = 'seg' AND json_extract(value, '$.label') IS NOT NULL AND json_extract(value, '$.share') IS NOT NULL;
  INSERT INTO expert_numbers (output_id, content_hash, expert, depth_min, depth_max, depth_median, depth_normalised, detection_count)
    SELECT new.id, new.content_hash, new.expert,
      json_extract(new.stats_json, '$.min'), json_extract(new.stats_json, '$.max'),
      json_extract(new.stats_json, '$.median'), json_extract(new.stats_json, '$.normalisedMedian'),
      json_extract(new.stats_json, '$.count')
    WHERE new.expert IN ('depth', 'det');
END;

INSERT OR IGNORE INTO seg_class_shares (output_id, content_hash, label, share)
  SELECT e.id, e.content_hash, json_extract(j.value, '$.label'), json_extract(j.value, '$.share')
  FROM expert_outputs e, json_each(e.stats_json, '$.classShares') j
  WHERE e.expert = 'seg' AND json_extract(j.value, '$.label') IS NOT NULL AND json_extract(j.value, '$.share') IS NOT NULL;
INSERT INTO expert_numbers (output_id, content_hash, expert, depth_min, depth_max, depth_median, depth_normalised, detection_count)
  SELECT id, content_hash, expert, json_extract(stats_json, '$.min'), json_extract(stats_json, '$.max'),
    json_extract(stats_json, '$.median'), json_extract(stats_json, '$.normalisedMedian'), json_extract(stats_json, '$.count')
  FROM expert_outputs WHERE expert IN ('depth', 'det');

-- The newest detection output's box count, on the image itself: sorting a million images by it is then
-- an index walk instead of a lookup per image. Kept by triggers from both sides (a new output, a new or
-- changed file whose content already has one).
ALTER TABLE images ADD COLUMN detection_count INTEGER;
CREATE TRIGGER images_detection_count_an AFTER INSERT ON expert_numbers WHEN new.expert = 'det' BEGIN
  UPDATE images SET detection_count = new.detection_count WHERE content_hash = new.content_hash;
END;
CREATE TRIGGER images_detection_count_dn AFTER DELETE ON expert_numbers WHEN old.expert = 'det' BEGIN
  UPDATE images SET detection_count = (SELECT detection_count FROM expert_numbers
      WHERE content_hash = old.content_hash AND expert = 'det' ORDER BY output_id DESC LIMIT 1)
    WHERE content_hash = old.content_hash;
END;
CREATE TRIGGER images_detection_count_ai AFTER INSERT ON images WHEN new.content_hash IS NOT NULL BEGIN
${detectionCountOfNewImage}
END;
CREATE TRIGGER images_detection_count_au AFTER UPDATE OF content_hash ON images BEGIN
${detectionCountOfNewImage}
END;
UPDATE images SET detection_count = (SELECT detection_count FROM expert_numbers
    WHERE expert_numbers.content_hash = images.content_hash AND expert = 'det' ORDER BY output_id DESC LIMIT 1)
  WHERE content_hash IS NOT NULL;

-- The near-duplicate groups of the last duplicate search: one row per image that has a near or exact
-- duplicate; group_id is the smallest image id of its group.
CREATE TABLE duplicate_groups (
  image_id   INTEGER PRIMARY KEY REFERENCES images(id) ON DELETE CASCADE,
  group_id   INTEGER NOT NULL
) STRICT;
CREATE INDEX duplicate_groups_group ON duplicate_groups(group_id);

CREATE INDEX images_excluded ON images(excluded) WHERE excluded = 1;

-- One index per sort, ending in status: the default "not missing" filter is then checked in the index,
-- so paging deep into a sorted million-row result skips index entries without reading table rows.
-- Searches order by (sort key, status, id) to match. The grid's own path and date indexes stay: it orders
-- by (key, id), which an index with status in between cannot give without a sort.
CREATE INDEX images_path_status ON images(folder_id, rel_dir, file_name, status);
CREATE INDEX images_taken_status ON images(taken_at, status);
CREATE INDEX images_name_status ON images(file_name, status);
CREATE INDEX images_added_status ON images(added_at, status);
CREATE INDEX images_size_status ON images(size, status);
CREATE INDEX images_detections_status ON images(detection_count, status);
-- The review sort's order (needs review first); the expression must match imageSearch.ts's reviewOrder.
CREATE INDEX images_review_status_order ON images((CASE review_status WHEN 'pending' THEN 0 WHEN 'none' THEN 1 WHEN 'accepted' THEN 2 ELSE 3 END), status);
-- Camera filters compare case-insensitively and usually come with a date range: both inside the index.
CREATE INDEX images_camera ON images(camera_model COLLATE NOCASE, taken_at, status);
CREATE INDEX images_camera_make ON images(camera_make COLLATE NOCASE, taken_at, status);
-- Covering for text search over tags (tag → images without reading image_tags rows).
CREATE INDEX image_tags_tag_image ON image_tags(tag_id, image_id);
CREATE INDEX expert_outputs_expert_hash ON expert_outputs(expert, content_hash);
CREATE INDEX detections_label_output ON detections(label, output_id);

-- IMAGE FACTS: one row per image and fact, with the output it came from (deleting or replacing the
-- output deletes its rows). expert 'seg': label = class, value = share; 'det': label = class, value =
-- number of boxes; 'depth': label = min | max | median | normalisedMedian; 'ocr': label 'text', value 1
-- when OCR found text. Filled from the content-level rows when an output is stored, and copied to an
-- image when it is imported (or its content changes) after its content was analysed.
CREATE TABLE image_facts (
  image_id   INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  output_id  INTEGER NOT NULL REFERENCES expert_outputs(id) ON DELETE CASCADE,
  expert     TEXT NOT NULL,
  label      TEXT NOT NULL COLLATE NOCASE,
  value      REAL NOT NULL,
  PRIMARY KEY (output_id, image_id, label)
) STRICT, WITHOUT ROWID;
CREATE INDEX image_facts_lookup ON image_facts(expert, label, value, image_id);
CREATE INDEX image_facts_image ON image_facts(image_id);

CREATE TRIGGER image_facts_seg AFTER INSERT ON seg_class_shares BEGIN
  INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
    SELECT i.id, new.output_id, 'seg', new.label, new.share FROM images i WHERE i.content_hash = new.content_hash;
END;
CREATE TRIGGER image_facts_depth AFTER INSERT ON expert_numbers WHEN new.expert = 'depth' BEGIN
  INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
    SELECT i.id, new.output_id, 'depth', s.label, s.value FROM images i,
      (SELECT 'min' AS label, new.depth_min AS value UNION ALL SELECT 'max', new.depth_max
       UNION ALL SELECT 'median', new.depth_median UNION ALL SELECT 'normalisedMedian', new.depth_normalised) s
    WHERE i.content_hash = new.content_hash AND s.value IS NOT NULL;
END;
CREATE TRIGGER image_facts_det AFTER INSERT ON detections BEGIN
  INSERT INTO image_facts (image_id, output_id, expert, label, value)
    SELECT i.id, new.output_id, 'det', new.label, 1 FROM expert_outputs e JOIN images i ON i.content_hash = e.content_hash
    WHERE e.id = new.output_id
    ON CONFLICT (output_id, image_id, label) DO UPDATE SET value = value + 1;
END;
CREATE TRIGGER image_facts_ocr AFTER INSERT ON expert_outputs WHEN new.expert = 'ocr' AND coalesce(new.text, '') != '' BEGIN
  INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
    SELECT i.id, new.id, 'ocr', 'text', 1 FROM images i WHERE i.content_hash = new.content_hash;
END;

CREATE TRIGGER image_facts_image_ai AFTER INSERT ON images WHEN new.content_hash IS NOT NULL BEGIN
${copyFactsToNewImage}
END;
CREATE TRIGGER image_facts_image_au AFTER UPDATE OF content_hash ON images BEGIN
  DELETE FROM image_facts WHERE image_id = new.id;
${copyFactsToNewImage}
END;

-- Backfill for libraries analysed before this migration.
INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
  SELECT i.id, s.output_id, 'seg', s.label, s.share FROM seg_class_shares s JOIN images i ON i.content_hash = s.content_hash;
INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
  ${depthFacts('i.id', 'expert_numbers x JOIN images i ON i.content_hash = x.content_hash', '1')};
INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
  SELECT i.id, d.output_id, 'det', d.label, count(*) FROM expert_outputs e JOIN detections d ON d.output_id = e.id
    JOIN images i ON i.content_hash = e.content_hash
  WHERE e.expert = 'det' GROUP BY i.id, d.output_id, d.label;
INSERT OR IGNORE INTO image_facts (image_id, output_id, expert, label, value)
  SELECT i.id, e.id, 'ocr', 'text', 1 FROM expert_outputs e JOIN images i ON i.content_hash = e.content_hash
  WHERE e.expert = 'ocr' AND coalesce(e.text, '') != '';
`,
};
