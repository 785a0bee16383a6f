// Benchmark: caption export throughput over a generated library (100,000 images by default), per format.
//   node bench/export.bench.ts [--count N] [--formats coco,imagefolder,jsonl,csv,txt,xmp]
// Rows are generated directly in a temporary database (one accepted caption, three tags and one VQA
// answer per image; image files need not exist for these formats). Baseline, measured in the same run:
// writing the very bytes the export produced with a plain loop — one buffered file for the single-file
// formats, one writeFileSync per sidecar for txt/xmp — so the ratio is the cost of reading the database,
// choosing captions, formatting, and writing atomically. Each format is exported twice (before and after
// the baseline); sidecar formats also time a re-export with nothing changed.
import { mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type StudioDb } from '../db/open.ts';
import { scopeImageIds } from '../db/queries/exportRows.ts';
import { exportCaptions } from '../electron/services/export/exportCaptions.ts';
import { exportFormats, isExportFormat, type ExportFormat } from '../electron/services/export/exportTypes.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, formats: { type: 'string', default: exportFormats.join(',') } } });
const count = Number(values.count);
const formats = values.formats.split(',').filter(isExportFormat);

function generate(db: StudioDb): void {
  const started = performance.now();
  db.prepare("INSERT INTO folders (id, path, added_at) VALUES (1, '/bench/photos', 0)").run();
  const tags = ['person', 'car', 'tree', 'dog', 'building', 'sky', 'street', 'bicycle', 'cat', 'boat'];
  for (const name of tags) db.prepare('INSERT INTO tags (name) VALUES (?)').run(name);
  const image = db.prepare("INSERT INTO images (id, folder_id, path, rel_dir, file_name, content_hash, size, mtime_ms, width, height, status, added_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, 100000, 0, 1600, 1200, 'ok', 0, 0)");
  const caption = db.prepare("INSERT INTO captions (image_id, text, source, status, score, model_id, model_hash, created_at) VALUES (?, ?, ?, 'accepted', 0.8, ?, ?, ?)");
  const tag = db.prepare("INSERT INTO image_tags (image_id, tag_id, source, score, created_at) VALUES (?, ?, 'ai', ?, 0)");
  const vqa = db.prepare("INSERT INTO vqa (image_id, question, answer, mode, score, model_id, created_at) VALUES (?, 'Is there a person?', ?, 'generate', 0.9, 'prismerz-base', 0)");
  db.transaction(() => {
    for (let id = 1; id <= count; id++) {
      const dir = `roll-${String(Math.floor((id - 1) / 1000)).padStart(3, '0')}`;
      const name = `IMG_${String(id).padStart(6, '0')}.jpg`;
      image.run(id, `/bench/photos/${dir}/${name}`, dir, name, id.toString(16).padStart(64, '0'));
      const human = id % 5 === 0;
      caption.run(id, `A ${tags[id % 10]} next to a ${tags[(id * 7) % 10]} on a sunny afternoon, photo ${id}, "quoted", with commas.`, human ? 'human' : 'ai', human ? null : 'prismerz-base', human ? null : 'ab'.repeat(32), id);
      for (let k = 0; k < 3; k++) tag.run(id, ((id + k * 3) % 10) + 1, 0.9 - k * 0.2);
      vqa.run(id, id % 2 ? 'yes' : 'no');
    }
  })();
  console.log(`generated ${count} images with captions, tags and VQA in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The single-file formats' output, rewritten with a plain buffered loop over its lines. */
function baselineSingleFile(source: string, target: string): number {
  const lines = readFileSync(source, 'utf8').split(/(?<=\n)/);
  const started = performance.now();
  const fd = openSync(target, 'w');
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= 1 << 20) {
      writeSync(fd, buffer);
      buffer = '';
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  return performance.now() - started;
}

/** The sidecars, rewritten with one writeFileSync each (no existence check, no temp file, no rename). */
function baselineSidecars(files: { path: string; content: string }[], target: string): number {
  const started = performance.now();
  const made = new Set<string>();
  for (const file of files) {
    const path = join(target, file.path);
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, file.content);
  }
  return performance.now() - started;
}

const work = join(tmpdir(), `prismer-export-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const db = openDatabase(join(work, 'library.db'));
try {
  generate(db);
  const rows: string[] = [];
  const rate = (ms: number) => (count * 1000) / ms;
  for (const format of formats as ExportFormat[]) {
    const out = join(work, 'out', format);
    const run = async (dir: string) => {
      const result = await exportCaptions(db, { format, outDir: dir, imageIds: scopeImageIds(db), total: count });
      if (result.exported !== count) throw new Error(`${format}: exported ${result.exported} of ${count}`);
      return result;
    };
    // Export, baseline, export again into a fresh folder: the disk is shared and noisy, and the baseline
    // sits between the two export runs so neither side always gets the warmer (or busier) disk.
    const first = await run(out);
    let baselineMs: number;
    if (format === 'txt' || format === 'xmp') {
      const manifest = JSON.parse(readFileSync(first.files[0]!, 'utf8')) as { files: { file: string }[] };
      const files = manifest.files.map((f) => ({ path: f.file, content: readFileSync(join(out, f.file), 'utf8') }));
      baselineMs = baselineSidecars(files, join(work, 'baseline', format));
    } else {
      baselineMs = baselineSingleFile(first.files[0]!, join(work, `baseline-${format}`));
    }
    const second = await run(join(work, 'out2', format));
    const exportMs = (first.durationMs + second.durationMs) / 2;
    rows.push(`| ${format} | ${Math.round(rate(first.durationMs))}, ${Math.round(rate(second.durationMs))} | ${(exportMs / 1000).toFixed(2)} s | ${Math.round(rate(baselineMs))} | ${(rate(exportMs) / rate(baselineMs)).toFixed(2)} |`);
    console.log(rows.at(-1));
    if (format === 'txt' || format === 'xmp') {
      // A re-export with nothing changed reads each sidecar and leaves it alone.
      const again = await run(out);
      rows.push(`| ${format}, re-export (unchanged) | ${Math.round(rate(again.durationMs))} | ${(again.durationMs / 1000).toFixed(2)} s | | |`);
      console.log(rows.at(-1));
    }
    for (const dir of [out, join(work, 'out2', format), join(work, 'baseline', format), join(work, `baseline-${format}`)]) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\n${count.toLocaleString('en')} images\n| format | export images/s (run 1, run 2) | export time (mean) | baseline images/s | ratio to baseline |\n|---|---:|---:|---:|---:|\n${rows.join('\n')}`);
} finally {
  db.close();
  rmSync(work, { recursive: true, force: true });
}
