// `metadata.jsonl` in the Hugging Face `imagefolder` layout: one JSON object per image with `file_name`
// (relative to the export folder: the copied image with --copy-images, else a relative path to the
// original, which loaders that require the images inside the folder will not accept), `text`, and the
// caption's `source` (ai | human | imported), `status`, `model_id` and tag names.
import { join } from 'node:path';
import { AtomicFile } from './atomicFile.ts';
import type { ExportRow, FormatWriter, WriteOutcome } from './exportTypes.ts';

export const imagefolderFileName = 'metadata.jsonl';

export async function imagefolderWriter(outDir: string): Promise<FormatWriter> {
  const file = await AtomicFile.create(join(outDir, imagefolderFileName));
  return {
    async write(rows: readonly ExportRow[]): Promise<WriteOutcome> {
      let lines = '';
      for (const row of rows) {
        lines +=
          JSON.stringify({
            file_name: row.fileRef,
            text: row.caption.text,
            source: row.caption.source,
            status: row.caption.status,
            model_id: row.caption.modelId,
            tags: row.tags.map((t) => t.name),
          }) + '\n';
      }
      await file.write(lines);
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
