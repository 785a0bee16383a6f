// YOLOX (Megvii; ONNX exports without the decode in the graph): BGR 0–255, letterboxed into the top-left
// corner with grey 114 padding; one output [1,N,5+C] over the cells of strides 8, 16 and 32 in order,
// each row raw (x, y, log w, log h) then objectness and class scores already through a sigmoid. Box =
// ((x + column)·stride, (y + row)·stride, e^w·stride, e^h·stride); score = objectness × class score.
import { argmax, singleOutput, type Candidate, type DetectorDecoder } from './detectorDecoder.ts';
import { photoBox } from './modelFrame.ts';

export const yoloxStrides = [8, 16, 32] as const;

/** Cells of an input of width × height over YOLOX's strides: the N of its output. */
export function yoloxCells(width: number, height: number): number {
  return yoloxStrides.reduce((n, s) => n + Math.ceil(width / s) * Math.ceil(height / s), 0);
}

export const yoloxDecoder: DetectorDecoder = {
  fit: 'letterbox-corner',
  layout: { bgr: true, divisor: 1 },
  defaultSize: { width: 640, height: 640 },
  nmsIou: 0.45,
  decode(outputs, frame, image, threshold) {
    const { data, dims } = singleOutput(outputs, 'YOLOX');
    const rows = dims[1]!;
    const width = dims[2]!;
    const classes = width - 5;
    if (rows !== yoloxCells(frame.inputWidth, frame.inputHeight)) {
      throw new Error(`The YOLOX output has ${rows} rows; an input of ${frame.inputWidth}×${frame.inputHeight} has ${yoloxCells(frame.inputWidth, frame.inputHeight)} cells.`);
    }
    const candidates: Candidate[] = [];
    let row = 0;
    for (const stride of yoloxStrides) {
      const columns = Math.ceil(frame.inputWidth / stride);
      const gridRows = Math.ceil(frame.inputHeight / stride);
      for (let gy = 0; gy < gridRows; gy++) {
        for (let gx = 0; gx < columns; gx++, row++) {
          const o = row * width;
          const best = argmax(data, o + 5, classes);
          const score = data[o + 4]! * best.value;
          if (score < threshold) continue;
          const cx = (data[o]! + gx) * stride;
          const cy = (data[o + 1]! + gy) * stride;
          const w = Math.exp(data[o + 2]!) * stride;
          const h = Math.exp(data[o + 3]!) * stride;
          candidates.push({ classId: best.index, score, box: photoBox(frame, image, cx, cy, w, h) });
        }
      }
    }
    return { candidates, classes };
  },
};
