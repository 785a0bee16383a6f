// Ultralytics-style YOLO exports, decode inside the graph: RGB in [0,1], letterboxed in the centre with
// grey 114. YOLOv5: [1,N,5+C] rows of (cx, cy, w, h) in input pixels, objectness, class scores; score =
// objectness × class. YOLOv8/v11: [1,4+C,N] columns of (cx, cy, w, h) and class scores, no objectness.
import { argmax, singleOutput, type Candidate, type DetectorDecoder } from './detectorDecoder.ts';
import { photoBox } from './modelFrame.ts';

const common = {
  fit: 'letterbox-centre',
  layout: { bgr: false, divisor: 255 },
  defaultSize: { width: 640, height: 640 },
  nmsIou: 0.45,
} as const;

export const yoloV5Decoder: DetectorDecoder = {
  ...common,
  decode(outputs, frame, image, threshold) {
    const { data, dims } = singleOutput(outputs, 'YOLOv5');
    const rows = dims[1]!;
    const width = dims[2]!;
    const classes = width - 5;
    const candidates: Candidate[] = [];
    for (let r = 0; r < rows; r++) {
      const o = r * width;
      const objectness = data[o + 4]!;
      if (objectness < threshold) continue;
      const best = argmax(data, o + 5, classes);
      const score = objectness * best.value;
      if (score < threshold) continue;
      candidates.push({ classId: best.index, score, box: photoBox(frame, image, data[o]!, data[o + 1]!, data[o + 2]!, data[o + 3]!) });
    }
    return { candidates, classes };
  },
};

export const yoloV8Decoder: DetectorDecoder = {
  ...common,
  decode(outputs, frame, image, threshold) {
    const { data, dims } = singleOutput(outputs, 'YOLOv8');
    const channels = dims[1]!;
    const anchors = dims[2]!;
    const classes = channels - 4;
    const candidates: Candidate[] = [];
    for (let a = 0; a < anchors; a++) {
      const best = argmax(data, 4 * anchors + a, classes, anchors);
      if (best.value < threshold) continue;
      const at = (c: number) => data[c * anchors + a]!;
      candidates.push({ classId: best.index, score: best.value, box: photoBox(frame, image, at(0), at(1), at(2), at(3)) });
    }
    return { candidates, classes };
  },
};
