// Specification of surface normals: from an ONNX estimator, or derived from depth and labelled as such.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { ExpertOutput, RgbImage } from '../../../../native-models/experts/expert.ts';
import { runExpert } from '../../../../native-models/experts/expert.ts';
import { createNormalModelExpert, metric3dVitSmall, normalsFromDepth, normalsFromDepthExpert } from '../../../../native-models/experts/normal/normalExperts.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { writeNormalModel } from '../../../helpers/onnxModels.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

const runtime = new ModelRuntime({ intraOpThreads: 2 });
after(() => runtime.close());
const image: RgbImage = { width: 20, height: 10, data: new Uint8Array(600).fill(90) };

describe('surface normals', () => {
  test('a flat depth map faces the camera; a ramp nearer to the right tilts the normal to the left', () => {
    const flat = normalsFromDepth(new Uint8Array(16).fill(100), 4, 4);
    assert.deepEqual([...flat.data.subarray(0, 3)], [0, 0, 1]);
    const ramp = new Uint8Array(16 * 16);
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) ramp[y * 16 + x] = x * 10;
    const tilted = normalsFromDepth(ramp, 16, 16);
    const i = (8 * 16 + 8) * 3;
    assert.ok(tilted.data[i]! < 0, 'x component negative');
    assert.ok(Math.abs(tilted.data[i + 1]!) < 1e-6, 'no y component');
    assert.ok(Math.abs(Math.hypot(tilted.data[i]!, tilted.data[i + 1]!, tilted.data[i + 2]!) - 1) < 1e-6, 'unit length');
  });

  test('derived normals need depth first and are labelled as derived', async () => {
    await assert.rejects(runExpert(normalsFromDepthExpert, image, { runtime, modelFiles: {}, previous: new Map() }), /depth expert to run first/);
    const depth: ExpertOutput = {
      expert: 'depth', modelId: 'x', modelVersion: '1', isFallback: false, stats: {},
      labelMap: { width: 20, height: 10, channels: 1, data: new Uint8Array(200).fill(50) },
    };
    const output = await runExpert(normalsFromDepthExpert, image, { runtime, modelFiles: {}, previous: new Map([['depth', depth]]) });
    assert.equal(output.isFallback, true);
    assert.equal(output.modelId, 'depth-gradient');
    assert.deepEqual([...output.labelMap!.data.subarray(0, 3)], [128, 128, 255], 'facing the camera: (n+1)/2 → (0.5, 0.5, 1)');
  });

  test('an ONNX estimator\'s pred_normal becomes the spec\'s RGB map at the image size', async (t) => {
    const model = writeNormalModel(tempDir(t));
    const output = await runExpert(createNormalModelExpert(metric3dVitSmall, 'test-1'), image, { runtime, modelFiles: { model }, previous: new Map() });
    const map = output.labelMap!;
    assert.deepEqual([map.width, map.height, map.channels], [20, 10, 3]);
    assert.deepEqual([...map.data.subarray(0, 3)], [128, 128, 255]);
    assert.equal(output.isFallback, false);
  });
});
