// JSONL for VLM training (`conversations.jsonl`): one record per image in the LLaVA/ShareGPT shape,
// `conversations` alternating `from: human` / `from: gpt` turns: "describe" → the caption, then each VQA
// question → its latest answer. `source` says whether the caption is AI, human or imported text (VQA
// answers are always the model's). With facts, a `facts` object adds the detector's classes with counts,
// the OCR text and the depth statistics stored for the image's pixels.
import { join } from 'node:path';
import { AtomicFile } from './atomicFile.ts';
import type { ExportRow, FormatWriter, WriteOutcome } from './exportTypes.ts';

export const jsonlFileName = 'conversations.jsonl';
export const describePrompt = '<image>\nDescribe this image.';

export async function jsonlWriter(outDir: string, withFacts: boolean): Promise<FormatWriter> {
  const file = await AtomicFile.create(join(outDir, jsonlFileName));
  return {
    async write(rows: readonly ExportRow[]): Promise<WriteOutcome> {
      let lines = '';
      for (const row of rows) {
        const conversations = [
          { from: 'human', value: describePrompt },
          { from: 'gpt', value: row.caption.text },
        ];
        for (const qa of row.vqa) conversations.push({ from: 'human', value: qa.question }, { from: 'gpt', value: qa.answer });
        const record: Record<string, unknown> = {
          id: String(row.imageId),
          image: row.fileRef,
          source: row.caption.source,
          status: row.caption.status,
          model_id: row.caption.modelId,
          conversations,
        };
        if (withFacts && row.facts) {
          record.facts = {
            detected: row.facts.detections.map((d) => ({ label: d.label, count: d.count })),
            ocr_text: row.facts.ocrText,
            depth: row.facts.depth,
          };
        }
        lines += JSON.stringify(record) + '\n';
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
