// RT-DETR / D-FINE / DETR-style detectors (Hugging Face exports): the photo stretched to 640×640 in [0,1]
// RGB; `logits` [1,Q,C] (sigmoid scores) and `pred_boxes` [1,Q,4] (cx, cy, w, h, normalised). A query is
// one object, so no NMS.
import { sigmoid } from '../../imageOps/normalise.ts';
import { argmax, type Candidate, type DetectorDecoder } from './detectorDecoder.ts';

export const detrDecoder: DetectorDecoder = {
  fit: 'stretch',
  layout: { bgr: false, divisor: 255 },
  defaultSize: { width: 640, height: 640 },
  nmsIou: null,
  decode(outputs, _frame, image, threshold) {
    const logits = outputs.logits;
    const boxes = outputs.pred_boxes;
    if (!logits || !boxes) throw new Error('The detector did not return "logits" and "pred_boxes".');
    const scores = logits.data as Float32Array;
    const box = boxes.data as Float32Array;
    const queries = logits.dims[1]!;
    const classes = logits.dims[2]!;
    const candidates: Candidate[] = [];
    for (let q = 0; q < queries; q++) {
      const best = argmax(scores, q * classes, classes);
      const score = sigmoid(best.value);
      if (score < threshold) continue;
      const [cx, cy, w, h] = box.subarray(q * 4, q * 4 + 4);
      // Normalised to the photo (the frame is a stretch): photo pixels directly.
      candidates.push({
        classId: best.index,
        score,
        box: [
          Math.max(0, (cx! - w! / 2) * image.width),
          Math.max(0, (cy! - h! / 2) * image.height),
          Math.min(image.width, (cx! + w! / 2) * image.width),
          Math.min(image.height, (cy! + h! / 2) * image.height),
        ],
      });
    }
    return { candidates, classes };
  },
};
