// `metadata.jsonl` in the Hugging Face `imagefolder` layout: one JSON object per image with `file_name`
// (relative to the export folder: the copied image with --copy-images, else a relative path to the
// original, which loaders that require the images inside the folder will not accept), `text`, and the
// caption's `source` (ai | human | imported), `status`, `model_id` and tag names.
import type { FormatWriter } from './exportTypes.ts';
import { lineFileWriter } from './lineFileWriter.ts';

export const imagefolderFileName = 'metadata.jsonl';

export function imagefolderWriter(outDir: string): Promise<FormatWriter> {
  return lineFileWriter(
    outDir,
    imagefolderFileName,
    (row) =>
      JSON.stringify({
        file_name: row.fileRef,
        text: row.caption.text,
        source: row.caption.source,
        status: row.caption.status,
        model_id: row.caption.modelId,
        tags: row.tags.map((t) => t.name),
      }) + '\n',
  );
}
