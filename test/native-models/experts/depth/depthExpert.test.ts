// Specification of the depth expert, run for real through ONNX Runtime on a generated model with DPT's
// signature whose output (the channel mean) the test can predict.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { createDepthExpert } from '../../../../native-models/experts/depth/depthExpert.ts';
import { depthAnythingV2Small, depthInputSize, dptHybrid } from '../../../../native-models/experts/depth/depthModels.ts';
import { runExpert, type RgbImage } from '../../../../native-models/experts/expert.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { writeDepthModel } from '../../../helpers/onnxModels.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

const runtime = new ModelRuntime({ intraOpThreads: 2 });
after(() => runtime.close());

/** Left half black, right half white: "nearer" on the right. */
function halves(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = width / 2; x < width; x++) data.fill(255, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, data };
}

describe('depth expert', () => {
  test('input sizes follow each model\'s convention', () => {
    assert.deepEqual(depthInputSize(dptHybrid, 4000, 3000), { width: 480, height: 480 });
    const anything = depthInputSize(depthAnythingV2Small, 4000, 3000);
    assert.equal(anything.height, 518);
    assert.equal(anything.width % 14, 0);
    assert.ok(Math.abs(anything.width / anything.height - 4 / 3) < 0.02);
  });

  test('saves the min–max normalised prediction at the image size, larger = nearer, with statistics', async (t) => {
    const model = writeDepthModel(tempDir(t));
    const expert = createDepthExpert(dptHybrid, 'test-1');
    const image = halves(64, 40);
    const output = await runExpert(expert, image, { runtime, modelFiles: { model }, previous: new Map() });

    assert.equal(output.expert, 'depth');
    assert.equal(output.isFallback, false);
    const map = output.labelMap!;
    assert.deepEqual([map.width, map.height, map.channels], [64, 40, 1]);
    assert.equal(map.data[20 * 64 + 2], 0, 'far (black) side is 0');
    assert.equal(map.data[20 * 64 + 61], 255, 'near (white) side is 255');
    // mean = std = 0.5: black → −1, white → +1, and the fake model averages the channels.
    assert.equal(output.stats.min, -1);
    assert.equal(output.stats.max, 1);
  });

  test('a uniform image gives an all-zero map instead of dividing by zero', async (t) => {
    const model = writeDepthModel(tempDir(t));
    const image: RgbImage = { width: 10, height: 10, data: new Uint8Array(300).fill(128) };
    const output = await runExpert(createDepthExpert(depthAnythingV2Small, 'test-1'), image, { runtime, modelFiles: { model }, previous: new Map() });
    assert.ok(output.labelMap!.data.every((v) => v === 0));
  });

  test('says plainly when the model is not installed', async () => {
    const image: RgbImage = { width: 4, height: 4, data: new Uint8Array(48) };
    await assert.rejects(runExpert(createDepthExpert(dptHybrid, 'x'), image, { runtime, modelFiles: {}, previous: new Map() }), /depth model is not installed/);
  });
});
