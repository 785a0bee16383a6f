// FastestDet (dog-qiuqiu): BGR in [0,1], the photo stretched to the input (352×352); one output
// [1,5+C,H,W] per cell: objectness (already a probability), box offsets (tanh) and size (sigmoid), class
// probabilities (softmax in the graph). Box centre = (column + tanh(x)) / W of the photo's width (likewise
// for y), size = sigmoid(w) × the photo's width; score = objectness^0.6 × class^0.4, as its own demo.
import { sigmoid } from '../../imageOps/normalise.ts';
import { argmax, singleOutput, type Candidate, type DetectorDecoder } from './detectorDecoder.ts';

export const fastestDetDecoder: DetectorDecoder = {
  fit: 'stretch',
  layout: { bgr: true, divisor: 255 },
  defaultSize: { width: 352, height: 352 },
  nmsIou: 0.45,
  decode(outputs, _frame, image, threshold) {
    const { data, dims } = singleOutput(outputs, 'FastestDet');
    const channels = dims[1]!;
    const rows = dims[2]!;
    const columns = dims[3]!;
    const plane = rows * columns;
    const classes = channels - 5;
    const candidates: Candidate[] = [];
    for (let gy = 0; gy < rows; gy++) {
      for (let gx = 0; gx < columns; gx++) {
        const cell = gy * columns + gx;
        const objectness = data[cell]!;
        const best = argmax(data, 5 * plane + cell, classes, plane);
        const score = Math.pow(Math.max(0, objectness), 0.6) * Math.pow(Math.max(0, best.value), 0.4);
        if (score < threshold) continue;
        const cx = (gx + Math.tanh(data[plane + cell]!)) / columns;
        const cy = (gy + Math.tanh(data[2 * plane + cell]!)) / rows;
        const w = sigmoid(data[3 * plane + cell]!);
        const h = sigmoid(data[4 * plane + cell]!);
        const clipX = (v: number) => Math.min(image.width, Math.max(0, v * image.width));
        const clipY = (v: number) => Math.min(image.height, Math.max(0, v * image.height));
        candidates.push({ classId: best.index, score, box: [clipX(cx - w / 2), clipY(cy - h / 2), clipX(cx + w / 2), clipY(cy + h / 2)] });
      }
    }
    return { candidates, classes };
  },
};
