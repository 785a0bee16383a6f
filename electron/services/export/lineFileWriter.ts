// The writer of the one-file, one-record-per-image formats (CSV, metadata.jsonl, conversations.jsonl): an
// optional header, each batch's records appended to a hidden `.partial` file, renamed into place on commit
// (a cancelled or failed export leaves the previous file as it was).
import { join } from 'node:path';
import { AtomicFile } from './atomicFile.ts';
import type { ExportRow, FormatWriter, WriteOutcome } from './exportTypes.ts';

export async function lineFileWriter(outDir: string, fileName: string, record: (row: ExportRow) => string, header = ''): Promise<FormatWriter> {
  const file = await AtomicFile.create(join(outDir, fileName));
  if (header) await file.write(header);
  return {
    async write(rows: readonly ExportRow[]): Promise<WriteOutcome> {
      let text = '';
      for (const row of rows) text += record(row);
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
