// COCO captions JSON (`captions.json`): `images` (id, file_name, width, height) and `annotations` (id,
// image_id, caption), ids being the library's image and caption ids (positive, unique). Each annotation
// also says where its text came from (`source`: ai | human | imported, `status`, `model_id`). Streamed:
// images go to the target's temp file and annotations to a second temp file appended at commit.
import { join } from 'node:path';
import { AtomicFile } from './atomicFile.ts';
import type { ExportRow, FormatWriter, WriteOutcome } from './exportTypes.ts';

export const cocoFileName = 'captions.json';

export async function cocoWriter(outDir: string, now: Date = new Date()): Promise<FormatWriter> {
  const main = await AtomicFile.create(join(outDir, cocoFileName));
  const annotations = await AtomicFile.create(join(outDir, `${cocoFileName}.annotations`));
  const info = {
    description: 'Captions exported by Prismer Studio',
    version: '1.0',
    year: now.getUTCFullYear(),
    contributor: 'Prismer Studio',
    date_created: now.toISOString(),
  };
  await main.write(`{"info":${JSON.stringify(info)},"licenses":[],"images":[`);
  let count = 0;
  return {
    async write(rows: readonly ExportRow[]): Promise<WriteOutcome> {
      let images = '';
      let notes = '';
      for (const row of rows) {
        const sep = count++ === 0 ? '\n' : ',\n';
        images += sep + JSON.stringify({ id: row.imageId, file_name: row.fileRef, width: row.width ?? 0, height: row.height ?? 0 });
        notes +=
          sep +
          JSON.stringify({
            id: row.caption.id,
            image_id: row.imageId,
            caption: row.caption.text,
            source: row.caption.source,
            status: row.caption.status,
            model_id: row.caption.modelId,
          });
      }
      await main.write(images);
      await annotations.write(notes);
      return { exported: rows.length, skipped: [] };
    },
    async commit() {
      await main.write('\n],"annotations":[');
      await annotations.flush();
      await main.append(annotations.tempPath);
      await main.write('\n]}\n');
      await annotations.abort();
      await main.commit();
      return [main.target];
    },
    async abort() {
      await annotations.abort();
      await main.abort();
      return [];
    },
  };
}
