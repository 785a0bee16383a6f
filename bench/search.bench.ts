// Benchmark: library search on a generated database of 1,000,000 images (rows only, no files).
//   node bench/search.bench.ts [--count N] [--runs R] [--keep FILE] [--reuse FILE]
// Each image gets an AI caption (some accepted, rejected or still pending), two tags, detections, a
// segmentation output with class shares, a depth output; 10 % have OCR text, 10 % a VQA answer to one
// question, 5 % a caption flag, 1 % a near-duplicate of another image. All rows are written in one
// transaction through the real schema and triggers (FTS indexes, review status, search fact tables).
// Then every query runs R times (after one warm-up): median and p95 latency of count and of one page of
// 200 ids, beside the baseline `SELECT id FROM images ORDER BY id LIMIT 200` in the same run.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type StudioDb } from '../db/open.ts';
import { countSearch, searchImageIds, searchSql, type SearchQuery } from '../db/queries/imageSearch.ts';
import { SearchService } from '../electron/services/library/searchService.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '15' },
    keep: { type: 'string' },
    reuse: { type: 'string' },
    plans: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const runs = Number(values.runs);

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const nouns = ['person', 'dog', 'cat', 'car', 'bicycle', 'tree', 'house', 'street', 'beach', 'mountain', 'boat', 'bird', 'horse', 'table', 'chair', 'window', 'sign', 'road', 'field', 'river', 'bridge', 'train', 'bus', 'cup', 'book', 'phone', 'flower', 'sky', 'cloud', 'building'];
const adjectives = ['red', 'blue', 'green', 'old', 'small', 'large', 'white', 'black', 'wooden', 'busy', 'empty', 'sunny', 'dark', 'bright', 'quiet'];
const places = ['in a park', 'on a street', 'near the sea', 'in a kitchen', 'at night', 'in the snow', 'by a lake', 'in a city', 'on a table', 'in a forest'];
const segClasses = ['sky', 'tree', 'road', 'building', 'grass', 'water', 'person', 'car', 'wall', 'floor', 'mountain', 'sand'];
const cameras = [['Canon', 'EOS R5'], ['Nikon', 'Z 6'], ['Sony', 'ILCE-7M3'], ['Apple', 'iPhone 13'], ['Fujifilm', 'X-T4'], [null, null]] as const;
const ocrWords = ['OPEN', 'EXIT', 'SALE', 'STOP', 'CAFE', 'HOTEL', '24', 'HOURS', 'MENU', 'PARKING', 'NO', 'ENTRY'];
const question = 'Is there a person?';

/** Zipf-like pick: early entries much more frequent than late ones. */
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(list.length * r() ** 2)]!;

function generate(db: StudioDb, n: number): void {
  const r = random(42);
  db.pragma('synchronous = OFF');
  // Random content hashes touch random index pages: with the default 2 MB page cache every insert spills
  // to the WAL and a million images take the best part of an hour instead of minutes.
  db.pragma('cache_size = -2000000');
  const started = performance.now();
  db.transaction(() => {
    const folder = db.prepare(`INSERT INTO folders (id, path, added_at) VALUES (?, ?, 0)`);
    for (let f = 1; f <= 10; f++) folder.run(f, `/photos/library-${f}`);
    const image = db.prepare(
      `INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, phash, size, mtime_ms, format, width, height,
         taken_at, camera_make, camera_model, status, added_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 'jpeg', 4000, 3000, ?, ?, ?, 'ok', ?, ?)`,
    );
    const caption = db.prepare(`INSERT INTO captions (image_id, text, source, status, score, created_at) VALUES (?, ?, 'ai', ?, ?, 0)`);
    const tag = db.prepare(`INSERT INTO tags (id, name) VALUES (?, ?)`);
    const imageTag = db.prepare(`INSERT OR IGNORE INTO image_tags (image_id, tag_id, source, score, created_at) VALUES (?, ?, 'ai', 0.5, 0)`);
    const output = db.prepare(`INSERT INTO expert_outputs (content_hash, expert, model_id, model_version, stats_json, text, created_at) VALUES (?, ?, 'gen', '1', ?, ?, 0)`);
    const detection = db.prepare(`INSERT INTO detections (output_id, class_id, label, score, x0, y0, x1, y1) VALUES (?, ?, ?, ?, 0, 0, 10, 10)`);
    const vqa = db.prepare(`INSERT INTO vqa (image_id, question, answer, mode, score, created_at) VALUES (?, ?, ?, 'rank', ?, 0)`);
    const flag = db.prepare(`INSERT INTO caption_flags (caption_id, image_id, kind, message) VALUES (?, ?, ?, 'generated')`);
    const tagNames = [...new Set([...nouns, ...adjectives.map((a) => `${a} scene`), ...places.map((p) => p.replace(/^\w+ (a |the )?/, ''))])];
    tagNames.forEach((name, i) => tag.run(i + 1, name));
    const phashes: string[] = [];
    const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');
    for (let id = 1; id <= n; id++) {
      if (id % 100_000 === 0) console.log(`  ${id.toLocaleString('en')} images… ${((performance.now() - started) / 1000).toFixed(0)} s`);
      const folderId = 1 + (id % 10);
      const relDir = `${2000 + (id % 25)}/${String(1 + (id % 12)).padStart(2, '0')}`;
      const fileName = `IMG_${String(id).padStart(7, '0')}.jpg`;
      let phash = hex(r() * 2 ** 32) + hex(r() * 2 ** 32);
      if (id > 100 && r() < 0.01) {
        // A near-duplicate: an earlier image's hash with two bits flipped.
        const source = phashes[Math.floor(r() * phashes.length)]!;
        const flip = (h: string, bit: number) => {
          const digit = Math.floor(bit / 4);
          return h.slice(0, digit) + (Number.parseInt(h[digit]!, 16) ^ (1 << (bit % 4))).toString(16) + h.slice(digit + 1);
        };
        phash = flip(flip(source, Math.floor(r() * 64)), Math.floor(r() * 64));
      }
      phashes.push(phash);
      const [make, model] = pick(r, cameras);
      const takenAt = Date.UTC(2000 + (id % 25), 0, 1) + Math.floor(r() * 365 * 86_400_000);
      const contentHash = createHash('sha256').update(String(id)).digest('hex');
      image.run(id, folderId, `/photos/library-${folderId}/${relDir}/${fileName}`, relDir, fileName, contentHash, phash, 1_000_000 + Math.floor(r() * 9_000_000), takenAt, make, model, id * 1000, id * 1000);

      const thing = pick(r, nouns);
      const text = `A ${pick(r, adjectives)} ${thing} and a ${pick(r, adjectives)} ${pick(r, nouns)} ${pick(r, places)}`;
      const roll = r();
      const status = roll < 0.3 ? 'accepted' : roll < 0.35 ? 'rejected' : roll < 0.95 ? 'candidate' : null;
      let captionId = 0;
      if (status) captionId = Number(caption.run(id, text, status, r()).lastInsertRowid);
      imageTag.run(id, 1 + Math.floor(tagNames.length * r() ** 2));
      imageTag.run(id, 1 + Math.floor(tagNames.length * r() ** 2));

      const detections = Math.floor(r() * 5);
      const labels = Array.from({ length: detections }, () => pick(r, nouns));
      const det = Number(output.run(contentHash, 'det', JSON.stringify({ count: detections, depthUsed: true }), null).lastInsertRowid);
      labels.forEach((label, k) => detection.run(det, k, label, 0.3 + 0.7 * r()));
      let left = 1;
      const shares = Array.from({ length: 3 }, () => {
        const share = left * r();
        left -= share;
        return { classId: 0, label: pick(r, segClasses), share };
      });
      output.run(contentHash, 'seg', JSON.stringify({ labelSpace: 'ade150', classCount: 3, classShares: shares }), null);
      const depth = r() * 10;
      output.run(contentHash, 'depth', JSON.stringify({ min: depth, max: depth + r() * 20, median: depth + r() * 10, normalisedMedian: r() }), null);
      if (r() < 0.1) output.run(contentHash, 'ocr', JSON.stringify({ wordCount: 2 }), `${pick(r, ocrWords)} ${pick(r, ocrWords)}`);
      if (r() < 0.1) {
        const yes = labels.includes('person');
        vqa.run(id, question, yes ? 'yes' : 'no', yes ? 0.6 + 0.4 * r() : 0.4 * r());
      }
      if (captionId && r() < 0.05) flag.run(captionId, id, r() < 0.5 ? 'unseen-object' : 'count-mismatch');
    }
  })();
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -2000');
  db.exec('ANALYZE');
  console.log(`generated ${n.toLocaleString('en')} images in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

interface Timing {
  readonly name: string;
  readonly total: number;
  readonly countMedianMs: number;
  readonly countP95Ms: number;
  readonly pageMedianMs: number;
  readonly pageP95Ms: number;
}

function percentile(times: number[], q: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function measure(fn: () => unknown): { median: number; p95: number } {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const file = values.reuse ?? values.keep ?? join(tmpdir(), `prismer-bench-search-${process.pid}`, 'library.db');
const fresh = !values.reuse || !existsSync(values.reuse);
if (fresh) {
  rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true });
}
const db = openDatabase(file);
if (fresh) generate(db, count);
const total = (db.prepare(`SELECT count(*) AS n FROM images`).get() as { n: number }).n;
const search = new SearchService({ db });

const groupsStarted = performance.now();
// The generated rows name no real files, so this times the exact groups and the hash candidates; the
// pixel check of each candidate is skipped (its file cannot be read) and costs one decode per photo.
const groupCount = await search.findDuplicates();
const groupsMs = performance.now() - groupsStarted;
console.log(`duplicate groups: ${groupCount} in ${(groupsMs / 1000).toFixed(2)} s (candidates not checked: no files)`);

const baselineStatement = db.prepare(`SELECT id FROM images ORDER BY id LIMIT 200`);
const baseline = measure(() => baselineStatement.all());

const deep = Math.max(0, total - 1000);
const cases: { name: string; query: SearchQuery; offset?: number }[] = [
  { name: 'everything, path order (the grid)', query: {} },
  { name: 'everything, path order, page near the end', query: {}, offset: deep },
  { name: 'everything, newest added first, page near the end', query: { sort: 'added', descending: true }, offset: deep },
  { name: 'text: one common word ("dog")', query: { text: 'dog' } },
  { name: 'text: two words ("red bicycle")', query: { text: 'red bicycle' } },
  { name: 'text: phrase and prefix ("\\"in a park\\" bri*")', query: { text: '"in a park" bri*' } },
  { name: 'text: OCR word ("parking")', query: { text: 'parking' } },
  { name: 'text: hostile input (quotes, AND, *, NEAR)', query: { text: '"dog AND * NEAR( cat:' } },
  { name: 'text "dog", sorted by date taken', query: { text: 'dog', sort: 'taken', descending: true } },
  { name: 'review pending + detected person, newest first', query: { reviewStatus: ['pending'], detected: [{ label: 'person' }], sort: 'added', descending: true } },
  { name: 'detected 2+ cars', query: { detected: [{ label: 'car', minCount: 2 }] } },
  { name: 'segmentation: sky ≥ 30 %', query: { segmentation: [{ label: 'sky', minShare: 0.3 }] } },
  { name: 'depth median 5–8', query: { depth: [{ stat: 'median', min: 5, max: 8 }] } },
  { name: 'has OCR text', query: { hasText: true } },
  { name: 'camera + date range', query: { cameraModels: ['EOS R5'], takenFrom: Date.UTC(2010, 0, 1), takenTo: Date.UTC(2015, 0, 1) } },
  { name: 'folder + sub-folder', query: { folderId: 3, relDir: '2012' } },
  { name: 'flag: unseen-object', query: { flagKinds: ['unseen-object'] } },
  { name: 'VQA "Is there a person?" = yes', query: { vqa: [{ question, answers: ['yes'] }] } },
  { name: 'near duplicates', query: { duplicates: 'near' } },
  { name: 'exact duplicates', query: { duplicates: 'exact' } },
  { name: 'excluded from exports', query: { excluded: true } },
  { name: 'sort by review status', query: { sort: 'review' } },
  { name: 'sort by detection count, most first', query: { sort: 'detections', descending: true } },
  { name: 'sort by VQA score, most first', query: { sort: 'vqaScore', sortQuestion: question, descending: true } },
  { name: 'VQA yes, sorted by score', query: { vqa: [{ question, answers: ['yes'] }], sort: 'vqaScore', sortQuestion: question, descending: true } },
  { name: 'text "person" + accepted + sky ≥ 10 %, by size', query: { text: 'person', reviewStatus: ['accepted'], segmentation: [{ label: 'sky', minShare: 0.1 }], sort: 'size', descending: true } },
];

const timings: Timing[] = [];
for (const c of cases) {
  if (values.plans) {
    const { sql, params } = searchSql(c.query);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, limit: 200, offset: c.offset ?? 0 }) as { detail: string }[];
    console.log(`\n${c.name}\n  ${plan.map((p) => p.detail).join('\n  ')}`);
  }
  let n = 0;
  const countTime = measure(() => (n = countSearch(db, c.query)));
  const pageTime = measure(() => searchImageIds(db, c.query, c.offset ?? 0, 200));
  const t = { name: c.name + (c.offset ? ` (offset ${c.offset.toLocaleString('en')})` : ''), total: n, countMedianMs: countTime.median, countP95Ms: countTime.p95, pageMedianMs: pageTime.median, pageP95Ms: pageTime.p95 };
  timings.push(t);
  console.log(`${t.name.padEnd(72)} ${String(n).padStart(8)}  count ${t.countMedianMs.toFixed(1).padStart(7)} / ${t.countP95Ms.toFixed(1).padStart(7)} ms   page ${t.pageMedianMs.toFixed(1).padStart(7)} / ${t.pageP95Ms.toFixed(1).padStart(7)} ms`);
}
console.log(`baseline SELECT id … ORDER BY id LIMIT 200: median ${baseline.median.toFixed(3)} ms, p95 ${baseline.p95.toFixed(3)} ms`);

const result = { date: new Date().toISOString(), images: total, runs, baseline, nearDuplicateGroups: { groups: groupCount, ms: groupsMs }, timings };
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', `search-${total}.json`), `${JSON.stringify(result, null, 2)}\n`);
db.close();
if (!values.keep && !values.reuse) rmSync(dirname(file), { recursive: true, force: true });
