// Specification of the model families: which family an ONNX signature is (shapes as ONNX Runtime reports
// them), which are named when several fit, and how each detector family's raw output becomes boxes in
// photo pixels — checked on outputs written by hand.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ModelFrame } from '../../../native-models/experts/det/modelFrame.ts';
import { framedChw, photoBox } from '../../../native-models/experts/det/modelFrame.ts';
import { fastestDetDecoder } from '../../../native-models/experts/det/fastestDetDecoder.ts';
import { nonMaxSuppression } from '../../../native-models/experts/det/nonMaxSuppression.ts';
import { yoloV5Decoder, yoloV8Decoder } from '../../../native-models/experts/det/yoloDecoder.ts';
import { yoloxCells, yoloxDecoder } from '../../../native-models/experts/det/yoloxDecoder.ts';
import { familiesFor, type FamilyTask, type ModelIo } from '../../../native-models/experts/families.ts';
import { TensorClass } from '../../../native-models/runtime/modelRuntime.ts';

const io = (inputs: (number | null)[][], outputs: (number | null)[][], names: string[] = []): ModelIo => ({
  inputs: inputs.map((dims, i) => ({ name: `in${i}`, dims })),
  outputs: outputs.map((dims, i) => ({ name: names[i] ?? `out${i}`, dims })),
});
const fitting = (task: FamilyTask, model: ModelIo) => familiesFor(task).filter((f) => f.misfit(model) === null).map((f) => f.id);

describe('recognising a family from the signature', () => {
  test('detectors: YOLOX and YOLOv5 by their row count, YOLOv8 by its column layout, FastestDet by its grid, DETR by its output names', () => {
    assert.deepEqual(fitting('det', io([[1, 3, 416, 416]], [[1, 3549, 85]])), ['yolox']);
    assert.deepEqual(fitting('det', io([[1, 3, 640, 640]], [[1, 25200, 85]])), ['yolov5']);
    assert.deepEqual(fitting('det', io([[1, 3, 640, 640]], [[1, 84, 8400]])), ['yolov8']);
    assert.deepEqual(fitting('det', io([[1, 3, 352, 352]], [[1, 85, 22, 22]])), ['fastestdet']);
    assert.deepEqual(fitting('det', io([[1, 3, 640, 640]], [[1, 300, 80], [1, 300, 4]], ['logits', 'pred_boxes'])), ['detr']);
    assert.equal(yoloxCells(416, 416), 52 * 52 + 26 * 26 + 13 * 13);
  });

  test('a signature that fits several families is ambiguous: free input sides leave YOLOX and YOLOv5 apart only by --family', () => {
    assert.deepEqual(fitting('det', io([[1, 3, null, null]], [[1, null, 85]])), ['yolox', 'yolov5']);
  });

  test('edges: DexiNed has seven maps, LDC five; another count fits both', () => {
    const maps = (n: number) => Array.from({ length: n }, () => [1, 1, 360, 640]);
    assert.deepEqual(fitting('edge', io([[1, 3, 360, 640]], maps(7))), ['dexined']);
    assert.deepEqual(fitting('edge', io([[1, 3, 360, 640]], maps(5))), ['ldc']);
    assert.deepEqual(fitting('edge', io([[1, 3, 360, 640]], maps(3))), ['dexined', 'ldc']);
    assert.deepEqual(fitting('edge', io([[1, 3, 360, 640]], [[1, 3, 360, 640]])), []);
  });

  test('segmenters: channels-last is DeepLab, "logits" SegFormer, query outputs MaskFormer', () => {
    assert.deepEqual(fitting('seg', io([[1, 257, 257, 3]], [[1, 257, 257, 21]])), ['deeplab']);
    assert.deepEqual(fitting('seg', io([[1, 3, 512, 512]], [[1, 150, 128, 128]], ['logits'])), ['segformer']);
    assert.deepEqual(fitting('seg', io([[1, 3, null, null]], [[1, 100, 134], [1, 100, null, null]], ['class_queries_logits', 'masks_queries_logits'])), ['maskformer']);
  });

  test('each family says why a file is not of it', () => {
    assert.match(familiesFor('det').find((f) => f.id === 'yolov5')!.misfit(io([[1, 3, 416, 416]], [[1, 3549, 85]]))!, /3549 rows; YOLOv5 at 416×416 has 10647/);
    assert.match(familiesFor('seg').find((f) => f.id === 'deeplab')!.misfit(io([[1, 3, 257, 257]], [[1, 21, 257, 257]]))!, /not channels-last RGB/);
  });
});

describe('detector decoders, on outputs written by hand', () => {
  const image = { width: 200, height: 100 };
  // A 100×100 input holding the 200×100 photo letterboxed at scale 0.5 in the centre: 25 px bands above and below.
  const centred: ModelFrame = { inputWidth: 100, inputHeight: 100, scaleX: 0.5, scaleY: 0.5, padX: 0, padY: 25 };

  test('the frame turns input pixels back into photo pixels, clipped to the photo', () => {
    assert.deepEqual(photoBox(centred, image, 50, 50, 20, 10), [80, 40, 120, 60]);
    assert.deepEqual(photoBox(centred, image, 5, 30, 40, 40), [0, 0, 50, 50]);
  });

  test('letterboxing keeps the aspect and pads with grey; YOLOX in the corner, YOLOv5/v8 in the centre', async () => {
    const photo = { width: 4, height: 2, data: new Uint8Array(4 * 2 * 3).fill(200) };
    const corner = await framedChw(photo, 8, 8, 'letterbox-corner', { bgr: true, divisor: 1 });
    assert.deepEqual(corner.frame, { inputWidth: 8, inputHeight: 8, scaleX: 2, scaleY: 2, padX: 0, padY: 0 });
    assert.equal(corner.data[0], 200);
    assert.equal(corner.data[8 * 4], 114, 'below the photo is padding');
    const centre = await framedChw(photo, 8, 8, 'letterbox-centre', { bgr: false, divisor: 255 });
    assert.equal(centre.frame.padY, 2);
    assert.equal(centre.data[0], Math.fround(114 / 255));
    assert.equal(centre.data[8 * 2], Math.fround(200 / 255));
  });

  test('YOLOv8: columns of centre, size and class scores; the best class, no objectness', () => {
    const anchors = 3;
    const data = new Float32Array((4 + 2) * anchors);
    const put = (a: number, values: number[]) => values.forEach((v, c) => (data[c * anchors + a] = v));
    put(0, [50, 50, 20, 10, 0.1, 0.9]);
    put(1, [10, 10, 4, 4, 0.3, 0.2]);
    put(2, [52, 50, 20, 10, 0.8, 0.1]);
    const { candidates, classes } = yoloV8Decoder.decode({ out: new TensorClass('float32', data, [1, 6, anchors]) }, centred, image, 0.5);
    assert.equal(classes, 2);
    assert.deepEqual(candidates, [
      { classId: 1, score: data[5 * anchors]!, box: [80, 40, 120, 60] },
      { classId: 0, score: data[4 * anchors + 2]!, box: [84, 40, 124, 60] },
    ]);
  });

  test('YOLOv5: rows of box, objectness and class scores; score = objectness × class', () => {
    const data = Float32Array.from([50, 50, 20, 10, 0.9, 0.2, 0.8, 50, 50, 20, 10, 0.4, 0.9, 0.9]);
    const { candidates } = yoloV5Decoder.decode({ out: new TensorClass('float32', data, [1, 2, 7]) }, centred, image, 0.5);
    assert.equal(candidates.length, 1);
    assert.equal(candidates[0]!.classId, 1);
    assert.ok(Math.abs(candidates[0]!.score - 0.72) < 1e-6);
    assert.deepEqual(candidates[0]!.box, [80, 40, 120, 60]);
  });

  test('YOLOX: raw offsets on the grid of each stride, sizes through exp', () => {
    const size = 32;
    const rows = yoloxCells(size, size); // 16 + 4 + 1
    const width = 5 + 1;
    const data = new Float32Array(rows * width);
    // Row 5 is stride 8, cell (1, 1): centre ((0.5 + 1)·8, (0.5 + 1)·8) = (12, 12), size e^0·8 = 8.
    data.set([0.5, 0.5, 0, 0, 0.9, 0.8], 5 * width);
    const frame: ModelFrame = { inputWidth: size, inputHeight: size, scaleX: 1, scaleY: 1, padX: 0, padY: 0 };
    const { candidates } = yoloxDecoder.decode({ output: new TensorClass('float32', data, [1, rows, width]) }, frame, { width: 32, height: 32 }, 0.5);
    assert.equal(candidates.length, 1);
    assert.deepEqual(candidates[0]!.box, [8, 8, 16, 16]);
    assert.ok(Math.abs(candidates[0]!.score - 0.72) < 1e-6);
    assert.throws(
      () => yoloxDecoder.decode({ output: new TensorClass('float32', data.subarray(0, 20 * width), [1, 20, width]) }, frame, { width: 32, height: 32 }, 0.5),
      /20 rows; an input of 32×32 has 21 cells/,
    );
  });

  test('FastestDet: per cell objectness^0.6 × class^0.4, centre from tanh offsets, size from sigmoid, on the photo', () => {
    const [h, w, channels] = [2, 2, 5 + 2];
    const data = new Float32Array(channels * h * w);
    const plane = h * w;
    const cell = 1 * w + 0; // row 1, column 0
    data[cell] = 0.81; // objectness
    data[3 * plane + cell] = 0; // sigmoid(0) = 0.5 of the photo's width
    data[4 * plane + cell] = 0;
    data[5 * plane + cell] = 0.1;
    data[6 * plane + cell] = 0.9;
    const { candidates } = fastestDetDecoder.decode({ out: new TensorClass('float32', data, [1, channels, h, w]) }, centred, image, 0.5);
    assert.equal(candidates.length, 1);
    assert.equal(candidates[0]!.classId, 1);
    assert.ok(Math.abs(candidates[0]!.score - Math.pow(0.81, 0.6) * Math.pow(0.9, 0.4)) < 1e-6);
    // Centre (0 + tanh 0) / 2 = 0 of the width, (1 + 0) / 2 = 0.5 of the height; half the photo wide and high.
    assert.deepEqual(candidates[0]!.box, [0, 25, 50, 75]);
  });

  test('non-maximum suppression drops a weaker box of the same class only', () => {
    const box = [0, 0, 10, 10] as const;
    const kept = nonMaxSuppression(
      [
        { classId: 0, score: 0.6, box: [1, 0, 11, 10] },
        { classId: 0, score: 0.9, box },
        { classId: 1, score: 0.7, box },
      ],
      0.45,
    );
    assert.deepEqual(kept.map((k) => [k.classId, k.score]), [[0, 0.9], [1, 0.7]]);
  });
});
