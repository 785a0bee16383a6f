// Specification of object detection: threshold, duplicate removal, and the spec's instance map with its
// ordering rules (containment, then depth), through ONNX Runtime on a generated detector.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { contains, dropDuplicates, instanceMap, iou } from '../../../../native-models/experts/det/boxesToInstanceMap.ts';
import { createDetectionExpert, rtDetrR18 } from '../../../../native-models/experts/det/detectionExpert.ts';
import { runExpert, type Detection, type ExpertOutput, type RgbImage } from '../../../../native-models/experts/expert.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';
import { writeDetectorModel } from '../../../helpers/onnxModels.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

const runtime = new ModelRuntime({ intraOpThreads: 2 });
after(() => runtime.close());

const det = (box: Detection['box'], score = 0.9, label = 'x'): Detection => ({ label, classId: 0, score, box });

describe('boxes to the instance map', () => {
  test('IoU, containment and duplicate removal', () => {
    assert.equal(iou([0, 0, 10, 10], [0, 0, 10, 10]), 1);
    assert.equal(iou([0, 0, 10, 10], [10, 10, 20, 20]), 0);
    assert.ok(contains([0, 0, 10, 10], [2, 2, 5, 5]));
    assert.ok(!contains([2, 2, 5, 5], [0, 0, 10, 10]));
    const kept = dropDuplicates([det([0, 0, 100, 100], 0.8), det([0, 0, 100, 99.5], 0.9), det([50, 50, 150, 150], 0.7)]);
    assert.deepEqual(kept.map((d) => d.score), [0.9, 0.7], 'the lower-scoring near-copy goes');
  });

  test('a box inside another is drawn over it; otherwise the nearer box wins', () => {
    const outer = det([0, 0, 8, 8]);
    const inner = det([2, 2, 4, 4]);
    const map = instanceMap([inner, outer], 10, 10);
    assert.equal(map.data[3 * 10 + 3], 0, 'inner (index 0) on top of outer');
    assert.equal(map.data[1 * 10 + 1], 1, 'outer elsewhere');
    assert.equal(map.data[9 * 10 + 9], 255, 'background');

    const left = det([0, 0, 6, 10]);
    const right = det([4, 0, 10, 10]);
    const depth = { width: 10, height: 10, channels: 1 as const, data: new Uint8Array(100) };
    for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) depth.data[y * 10 + x] = x < 5 ? 200 : 20; // left is nearer
    assert.equal(instanceMap([left, right], 10, 10, depth).data[5 * 10 + 5], 0, 'the nearer (left) box wins the overlap');
    depth.data.reverse();
    assert.equal(instanceMap([left, right], 10, 10, depth).data[5 * 10 + 5], 1, 'now the right box is nearer');
  });
});

describe('detection expert', () => {
  test('keeps detections scoring at least 0.5, in image pixels, named from the model\'s config', async (t) => {
    const { model, config } = writeDetectorModel(
      tempDir(t),
      [
        { logits: [-9, 5, -9], box: [0.5, 0.5, 0.5, 0.5] }, // person, centre
        { logits: [-9, 4, -9], box: [0.5, 0.5, 0.5, 0.5] }, // its duplicate
        { logits: [-9, -9, 3], box: [0.5, 0.5, 0.1, 0.1] }, // a cup inside it
        { logits: [-5, -9, -9], box: [0.1, 0.1, 0.1, 0.1] }, // below the threshold
      ],
      ['bicycle', 'person', 'cup'],
    );
    const image: RgbImage = { width: 200, height: 100, data: new Uint8Array(200 * 100 * 3) };
    const depth: ExpertOutput = { expert: 'depth', modelId: 'd', modelVersion: '1', isFallback: false, stats: {}, labelMap: { width: 200, height: 100, channels: 1, data: new Uint8Array(20000) } };
    const output = await runExpert(createDetectionExpert(rtDetrR18, 't'), image, { runtime, modelFiles: { model, config }, previous: new Map([['depth', depth]]) });
    assert.deepEqual(output.detections!.map((d) => d.label), ['person', 'cup']);
    const person = output.detections![0]!;
    assert.deepEqual(person.box.map(Math.round), [50, 25, 150, 75]);
    assert.deepEqual(output.stats.counts, { person: 1, cup: 1 });
    const map = output.labelMap!;
    assert.equal(map.data[50 * 200 + 100], 1, 'the cup (index 1) over the person');
    assert.equal(map.data[30 * 200 + 60], 0, 'the person');
    assert.equal(map.data[5 * 200 + 5], 255, 'background');
    assert.deepEqual(output.labelMeta, { instances: [{ index: 0, classId: 1, label: 'person' }, { index: 1, classId: 2, label: 'cup' }] });
  });
});
