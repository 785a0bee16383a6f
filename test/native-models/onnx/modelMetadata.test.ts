// Specification of reading an ONNX file's metadata_props without decoding its graph, and of the class
// names users' models carry: Ultralytics' Python-dict `names`, JSON lists, id2label configs, .names files.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import onnxProto from 'onnx-proto';
import { labelsFromMetadata, parseLabelsText } from '../../../native-models/experts/classNames.ts';
import { GraphBuilder } from '../../../native-models/onnx/graphBuilder.ts';
import { readOnnxMetadata } from '../../../native-models/onnx/modelMetadata.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const { onnx } = onnxProto;

function modelWithMetadata(props: Record<string, string>): Uint8Array {
  const g = new GraphBuilder('tiny');
  const x = g.input('images', 'float32', [1, 3, 8, 8]);
  g.output(g.op('Relu', [x]), 'output', 'float32', [1, 3, 8, 8]);
  const model = onnx.ModelProto.decode(g.toBytes(18));
  model.metadataProps = Object.entries(props).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value }));
  return onnx.ModelProto.encode(model).finish();
}

describe('ONNX metadata', () => {
  test('reads the key/value pairs of a model, wherever they sit in the file', async (t) => {
    const path = join(tempDir(t), 'yolo.onnx');
    writeFileSync(path, modelWithMetadata({ names: "{0: 'person', 1: 'bicycle'}", stride: '32' }));
    assert.deepEqual(await readOnnxMetadata(path), { names: "{0: 'person', 1: 'bicycle'}", stride: '32' });
  });

  test('a file without metadata, or not protobuf at all, gives none', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'plain.onnx'), modelWithMetadata({}));
    assert.deepEqual(await readOnnxMetadata(join(dir, 'plain.onnx')), {});
    writeFileSync(join(dir, 'junk.onnx'), Buffer.from([0xff, 0xff, 0xff, 0xff, 0x07, 0x12]));
    assert.deepEqual(await readOnnxMetadata(join(dir, 'junk.onnx')), {});
  });
});

describe('class names', () => {
  test("from a model's metadata: Ultralytics' dict, a JSON list, an id2label object", () => {
    assert.deepEqual(labelsFromMetadata({ names: "{0: 'person', 1: \"traffic light\", 2: 'it\\'s'}" }), ['person', 'traffic light', "it's"]);
    assert.deepEqual(labelsFromMetadata({ labels: '["cat", "dog"]' }), ['cat', 'dog']);
    assert.deepEqual(labelsFromMetadata({ id2label: '{"1": "dog", "0": "cat"}' }), ['cat', 'dog']);
    assert.equal(labelsFromMetadata({ author: 'me' }), null);
  });

  test('from a labels file: one per line (darknet .names), JSON, or a Hugging Face config', () => {
    assert.deepEqual(parseLabelsText('person\r\nbicycle\n\ncar\n'), ['person', 'bicycle', 'car']);
    assert.deepEqual(parseLabelsText('["a", "b"]'), ['a', 'b']);
    assert.deepEqual(parseLabelsText('{"id2label": {"0": "wall", "1": "sky"}, "num_labels": 2}'), ['wall', 'sky']);
    assert.equal(parseLabelsText('{"0": "a", "2": "c"}'), null, 'indices with a gap are not a list of classes');
    assert.equal(parseLabelsText('   \n'), null);
  });
});
