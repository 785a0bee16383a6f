// Specification of semantic segmentation: SegFormer through ONNX Runtime on a generated model, and
// MaskFormer's query-mixing post-processing on hand-made outputs.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { runExpert, type RgbImage } from '../../../../native-models/experts/expert.ts';
import { argmaxAtImageSize, createSegExpert, maskformerScores, segformerAde } from '../../../../native-models/experts/seg/segExperts.ts';
import { resizeBilinear } from '../../../../native-models/imageOps/resizeFloatMap.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { writeSegformerModel } from '../../../helpers/onnxModels.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

const runtime = new ModelRuntime({ intraOpThreads: 2 });
after(() => runtime.close());

describe('segmentation', () => {
  test('SegFormer: class ids per pixel at the image size, with class names and area shares', async (t) => {
    const { model, config } = writeSegformerModel(tempDir(t), ['wall', 'sky', 'water']);
    // Left quarter red (class 0 wins), the rest blue (class 2 wins).
    const width = 40;
    const height = 20;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[(y * width + x) * 3 + (x < 10 ? 0 : 2)] = 255;
    const image: RgbImage = { width, height, data };
    const output = await runExpert(createSegExpert(segformerAde, 't'), image, { runtime, modelFiles: { model, config }, previous: new Map() });
    const map = output.labelMap!;
    assert.deepEqual([map.width, map.height, map.channels], [40, 20, 1]);
    assert.equal(map.data[10 * width + 2], 0);
    assert.equal(map.data[10 * width + 30], 2);
    assert.deepEqual(output.classShares!.map((c) => c.label), ['water', 'wall']);
    const water = output.classShares![0]!.share;
    assert.ok(Math.abs(water - 0.75) < 0.03, `water covers ${water}`);
  });

  test('MaskFormer: each pixel takes the class that the queries covering it vote for, "no object" excluded', () => {
    // Two queries over a 2×1 image; 2 classes + the null class.
    const classLogits = Float32Array.from([
      5, 0, 0, // query 0: class 0
      0, 5, 9, // query 1: mostly "no object", a bit of class 1
    ]);
    const maskLogits = Float32Array.from([
      10, -10, // query 0 covers the left pixel
      -10, 10, // query 1 covers the right pixel
    ]);
    const scores = maskformerScores(classLogits, maskLogits, 2, 3, 2, 1);
    assert.equal(scores.classes, 2);
    const left = [scores.data[0]!, scores.data[2]!];
    const right = [scores.data[1]!, scores.data[3]!];
    assert.ok(left[0]! > left[1]!, 'left pixel: class 0');
    assert.ok(right[1]! > right[0]!, 'right pixel: class 1, even though its query mostly says no object');
  });
});

test('the argmax at photo size is that of the class scores resized bilinearly to the photo, then compared', () => {
  const [w0, h0, classes, width, height] = [7, 5, 4, 23, 17];
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 4 - 2;
  const data = Float32Array.from({ length: classes * w0 * h0 }, random);
  const { ids, counts } = argmaxAtImageSize({ width: w0, height: h0, classes, data }, width, height);
  const hwc = new Float32Array(w0 * h0 * classes);
  for (let c = 0; c < classes; c++) for (let i = 0; i < w0 * h0; i++) hwc[i * classes + c] = data[c * w0 * h0 + i]!;
  const up = resizeBilinear({ width: w0, height: h0, channels: classes, data: hwc }, width, height).data;
  for (let i = 0; i < width * height; i++) {
    const row = [...up.subarray(i * classes, (i + 1) * classes)];
    assert.equal(ids[i], row.indexOf(Math.max(...row)), `pixel ${i}`);
  }
  assert.equal([...counts].reduce((a, b) => a + b, 0), width * height);
});
