// Specification of running several experts on one image: dependency order, the first installed
// implementation per expert, classical fallbacks labelled, missing models reported, failures contained.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { RgbImage } from '../../../native-models/experts/expert.ts';
import { chooseImplementation, runPipeline, type ModelFileResolver } from '../../../native-models/experts/pipeline.ts';
import { implementationsFor } from '../../../native-models/experts/registry.ts';
import { ModelRuntime } from '../../../native-models/runtime/modelRuntime.ts';
import { writeDepthModel } from '../../helpers/onnxModels.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const runtime = new ModelRuntime({ intraOpThreads: 2 });
after(() => runtime.close());

function gradient(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill((x * 255) / (width - 1), (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { width, height, data };
}

describe('expert pipeline', () => {
  test('chooses the first implementation whose files are installed, and says what is missing', () => {
    const none: ModelFileResolver = () => null;
    const edge = chooseImplementation('edge', implementationsFor('edge'), none);
    assert.ok(!('missing' in edge));
    assert.equal(edge.implementation.label, 'Canny (classical fallback)');
    const seg = chooseImplementation('seg', implementationsFor('seg'), none);
    assert.ok('missing' in seg);
    assert.match(seg.missing, /No seg model is installed \(install one of: seg-maskformer-coco/);
    const onlyFast: ModelFileResolver = (id) => (id === 'depth-anything-v2-small' ? { path: '/m.onnx', version: 'abc' } : null);
    const depth = chooseImplementation('depth', implementationsFor('depth'), onlyFast);
    assert.ok(!('missing' in depth));
    assert.equal(depth.implementation.label, 'Depth Anything V2 small (fast)');
    assert.equal(depth.modelVersion, 'abc');
  });

  test('runs depth before what needs it, reports missing experts and contains failures', async (t) => {
    const dir = tempDir(t);
    const depthModel = writeDepthModel(dir);
    const broken = join(dir, 'broken.onnx');
    writeFileSync(broken, 'not a model');
    const resolve: ModelFileResolver = (id) =>
      id === 'depth-dpt-hybrid' ? { path: depthModel, version: 'v1' } : id === 'edge-dexined' ? { path: broken, version: 'v1' } : null;
    const choices = (['det', 'normal', 'edge', 'seg', 'depth'] as const).map((e) => chooseImplementation(e, implementationsFor(e), resolve));
    const results = await runPipeline(gradient(32, 24), choices, runtime);
    assert.deepEqual(results.map((r) => r.expert), ['depth', 'edge', 'seg', 'normal', 'det']);
    const byExpert = Object.fromEntries(results.map((r) => [r.expert, r]));
    assert.equal(byExpert.depth!.status, 'done');
    assert.equal(byExpert.edge!.status, 'failed', 'a broken model file fails its expert only');
    assert.match((byExpert.edge as { error: string }).error, /could not be opened by ONNX Runtime/);
    assert.equal(byExpert.seg!.status, 'missing');
    assert.equal(byExpert.det!.status, 'missing');
    const normal = byExpert.normal!;
    assert.equal(normal.status, 'done');
    assert.equal(normal.status === 'done' && normal.output.isFallback, true, 'normals derived from the depth that ran first');
  });
});
