// Specification of the edge experts: DexiNed's pre/post-processing through ONNX Runtime on a generated
// model with its signature, and the Canny fallback, which says it is one.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { canny } from '../../../../native-models/experts/edge/canny.ts';
import { cannyExpert, createDexinedExpert, dexinedOpencvZoo } from '../../../../native-models/experts/edge/edgeExperts.ts';
import { runExpert, type RgbImage } from '../../../../native-models/experts/expert.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { writeDexinedModel } from '../../../helpers/onnxModels.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

const runtime = new ModelRuntime({ intraOpThreads: 2 });
after(() => runtime.close());

function square(size: number, inner: number): RgbImage {
  const data = new Uint8Array(size * size * 3);
  const from = (size - inner) / 2;
  for (let y = from; y < from + inner; y++) for (let x = from; x < from + inner; x++) data.fill(255, (y * size + x) * 3, (y * size + x) * 3 + 3);
  return { width: size, height: size, data };
}

describe('Canny', () => {
  test('finds the outline of a square and nothing inside or outside it', () => {
    const size = 40;
    const image = square(size, 20);
    const grey = Float32Array.from({ length: size * size }, (_, i) => image.data[i * 3]!);
    const edges = canny(grey, size, size);
    const at = (x: number, y: number) => edges[y * size + x];
    assert.equal(at(20, 20), 0, 'inside');
    assert.equal(at(3, 3), 0, 'outside');
    const onBorder = [9, 10, 11].some((x) => at(x, 20) === 1);
    assert.ok(onBorder, 'the left side of the square is an edge');
  });

  test('the fallback expert saves dark edges on white and says it is classical', async () => {
    const output = await runExpert(cannyExpert, square(48, 24), { runtime, modelFiles: {}, previous: new Map() });
    assert.equal(output.isFallback, true);
    assert.equal(output.modelId, 'canny');
    const map = output.labelMap!;
    assert.equal(map.data[24 * 48 + 24], 255, 'no edge inside: white');
    assert.ok([11, 12, 13].some((x) => map.data[24 * 48 + x] === 0), 'edge: black');
  });
});

describe('DexiNed', () => {
  test('feeds BGR minus the mean, takes the last output through a sigmoid, saves it inverted and min–max scaled', async (t) => {
    const model = writeDexinedModel(tempDir(t));
    const expert = createDexinedExpert(dexinedOpencvZoo, 'test-1');
    // Blue 0 on the left, blue 200 on the right: logits −10 and +10 in the fake model.
    const width = 32;
    const data = new Uint8Array(width * 16 * 3);
    for (let y = 0; y < 16; y++) for (let x = 16; x < width; x++) data[(y * width + x) * 3 + 2] = 200;
    const output = await runExpert(expert, { width, height: 16, data }, { runtime, modelFiles: { model }, previous: new Map() });
    const map = output.labelMap!;
    assert.deepEqual([map.width, map.height], [32, 16]);
    assert.equal(map.data[8 * width + 2], 255, 'low edge probability → white');
    assert.equal(map.data[8 * width + 29], 0, 'high edge probability → black (inverted)');
    assert.equal(output.isFallback, false);
  });
});
