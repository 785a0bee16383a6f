// CSV (`captions.csv`, RFC 4180: CRLF line ends, fields quoted when they hold a quote, comma, CR or LF,
// quotes doubled), one row per image with the caption's `source` column (ai | human | imported).
import type { FormatWriter } from './exportTypes.ts';
import { lineFileWriter } from './lineFileWriter.ts';

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

export function csvWriter(outDir: string): Promise<FormatWriter> {
  return lineFileWriter(
    outDir,
    csvFileName,
    (row) =>
      csvRecord([
        row.imageId,
        row.fileRef,
        row.path,
        row.width,
        row.height,
        row.caption.text,
        row.caption.source,
        row.caption.status,
        row.caption.score,
        row.caption.modelId,
        row.caption.id,
        new Date(row.caption.createdAt).toISOString(),
        JSON.stringify(row.tags.map((t) => t.name)),
      ]),
    csvRecord(csvColumns),
  );
}
