// CSV (`captions.csv`, RFC 4180: CRLF line ends, fields quoted when they hold a quote, comma, CR or LF,
// quotes doubled), one row per image with the caption's `source` column (ai | human | imported).
import { join } from 'node:path';
import { AtomicFile } from './atomicFile.ts';
import type { ExportRow, FormatWriter, WriteOutcome } from './exportTypes.ts';

export const csvFileName = 'captions.csv';
export const csvColumns = ['image_id', 'file_name', 'path', 'width', 'height', 'caption', 'source', 'status', 'score', 'model_id', 'caption_id', 'created_at', 'tags'] as const;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRecord(values: readonly (string | number | null)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export async function csvWriter(outDir: string): Promise<FormatWriter> {
  const file = await AtomicFile.create(join(outDir, csvFileName));
  await file.write(csvRecord(csvColumns));
  return {
    async write(rows: readonly ExportRow[]): Promise<WriteOutcome> {
      let text = '';
      for (const row of rows) {
        const c = row.caption;
        text += csvRecord([
          row.imageId,
          row.fileRef,
          row.path,
          row.width,
          row.height,
          c.text,
          c.source,
          c.status,
          c.score,
          c.modelId,
          c.id,
          new Date(c.createdAt).toISOString(),
          JSON.stringify(row.tags.map((t) => t.name)),
        ]);
      }
      await file.write(text);
      return { exported: rows.length, skipped: [] };
    },
    async commit() {
      await file.commit();
      return [file.target];
    },
    async abort() {
      await file.abort();
      return [];
    },
  };
}
