// JSONL for VLM training (`conversations.jsonl`): one record per image in the LLaVA/ShareGPT shape,
// `conversations` alternating `from: human` / `from: gpt` turns: "describe" → the caption, then each VQA
// question → its latest answer. `source` says whether the caption is AI, human or imported text (VQA
// answers are always the model's). With facts, a `facts` object adds the detector's classes with counts,
// the OCR text and the depth statistics stored for the image's pixels.
import type { FormatWriter } from './exportTypes.ts';
import { lineFileWriter } from './lineFileWriter.ts';

export const jsonlFileName = 'conversations.jsonl';
export const describePrompt = '<image>\nDescribe this image.';

export function jsonlWriter(outDir: string, withFacts: boolean): Promise<FormatWriter> {
  return lineFileWriter(outDir, jsonlFileName, (row) => {
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
    return JSON.stringify(record) + '\n';
  });
}
