// Specification of the PyTorch checkpoint reader: the parity checkpoints open with their official keys and
// the values torch itself loads; any archive prefix, fp16/bf16, strided views and Zip64 read; a tensor is
// read without touching the others; truncated or corrupt files are refused with clear errors.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { memorySource, openFileSource } from '../../../../native-models/prismer/checkpoint/byteSource.ts';
import { openTorchCheckpoint } from '../../../../native-models/prismer/checkpoint/torchCheckpoint.ts';
import { openZipArchive } from '../../../../native-models/prismer/checkpoint/zipArchive.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { bytesOf, countingSource, python, sharedPrismer, skipWithoutShared, skipWithoutTorch, stateDictPickle, torchZip, writeZip } from './fixtures.ts';

const parityCases = ['tiny-seed0', 'tiny-z-seed1', 'tiny-p14-seed2', 'tiny-finetune-seed3'];
const parityCheckpoint = (name: string) => join(sharedPrismer, 'parity', name, 'checkpoint.bin');

describe('openTorchCheckpoint on the parity checkpoints', { skip: skipWithoutShared }, () => {
  for (const name of parityCases) {
    test(`${name}: official keys, F32 weights and the int64 position_ids buffer (0…513)`, async () => {
      const checkpoint = await openTorchCheckpoint(parityCheckpoint(name));
      try {
        assert.equal(checkpoint.prefix, 'checkpoint/');
        assert.equal(checkpoint.tensors[0]!.name, 'expert_encoder.positional_embedding');
        assert.ok(checkpoint.get('text_decoder.lm_head.decoder.weight'), 'untied LM head present');
        assert.ok(checkpoint.tensors.every((t) => t.name.startsWith('expert_encoder.') || t.name.startsWith('text_decoder.')));
        const positions = checkpoint.get('text_decoder.roberta.embeddings.position_ids')!;
        assert.equal(positions.dtype, 'I64');
        assert.deepEqual(positions.shape, [1, 514]);
        assert.deepEqual([...(await checkpoint.read(positions.name))], Array.from({ length: 514 }, (_, i) => BigInt(i)));
        const weight = await checkpoint.readFloat32('expert_encoder.conv1.rgb.weight');
        assert.ok(weight.length > 0 && weight.every(Number.isFinite));
        await assert.rejects(checkpoint.readFloat32(positions.name), /is I64, not a floating-point tensor/);
      } finally {
        await checkpoint.close();
      }
    });
  }

  test('every tensor matches what torch.load reads', { skip: skipWithoutTorch }, async () => {
    for (const name of parityCases) {
      const sums = JSON.parse(python(`
import torch, json
sd = torch.load(${JSON.stringify(parityCheckpoint(name))}, map_location='cpu')
print(json.dumps({k: [list(v.shape), float(v.double().sum()), float(v.double().abs().max()) if v.numel() else 0.0, v.flatten()[:3].double().tolist()] for k, v in sd.items()}))
`)) as Record<string, [number[], number, number, number[]]>;
      const checkpoint = await openTorchCheckpoint(parityCheckpoint(name));
      try {
        assert.deepEqual(checkpoint.tensors.map((t) => t.name), Object.keys(sums));
        for (const tensor of checkpoint.tensors) {
          const [shape, sum, max, head] = sums[tensor.name]!;
          assert.deepEqual(tensor.shape, shape, tensor.name);
          const values = tensor.dtype === 'I64' ? Float64Array.from(await checkpoint.read(tensor.name) as BigInt64Array, Number) : await checkpoint.readFloat32(tensor.name);
          let total = 0;
          let biggest = 0;
          for (const v of values) {
            total += v;
            biggest = Math.max(biggest, Math.abs(v));
          }
          assert.ok(Math.abs(total - sum) <= 1e-6 * Math.max(1, Math.abs(sum)) + 1e-9 * values.length, `${name} ${tensor.name}: sum ${total} vs ${sum}`);
          assert.equal(biggest, max, tensor.name);
          assert.deepEqual([...values.subarray(0, 3)], head, tensor.name);
        }
      } finally {
        await checkpoint.close();
      }
    }
  });
});

describe('openTorchCheckpoint on files torch writes', { skip: skipWithoutTorch }, () => {
  test('fp16 and bf16 tensors, a non-default archive prefix, strided views, shared storages and Parameters', async (t) => {
    const dir = tempDir(t);
    const path = join(dir, 'archive.pt');
    const expected = JSON.parse(python(`
import torch, json
torch.manual_seed(0)
base = torch.randn(3, 4)
sd = {
  'half': torch.randn(5, 3).half(),
  'bf16': torch.randn(7).bfloat16(),
  'transposed': base.t(),
  'row': base[1],
  'param': torch.nn.Parameter(torch.arange(6.0).reshape(2, 3)),
  'count': torch.tensor(12),
  'double': torch.randn(2, 2).double(),
}
torch.save(sd, ${JSON.stringify(path)})
print(json.dumps({k: v.detach().float().flatten().tolist() for k, v in sd.items()}))
`)) as Record<string, number[]>;
    const checkpoint = await openTorchCheckpoint(path);
    try {
      assert.equal(checkpoint.prefix, 'archive/');
      assert.deepEqual(checkpoint.tensors.map((x) => [x.name, x.dtype]), [['half', 'F16'], ['bf16', 'BF16'], ['transposed', 'F32'], ['row', 'F32'], ['param', 'F32'], ['count', 'I64'], ['double', 'F64']]);
      const transposed = checkpoint.get('transposed')!;
      assert.deepEqual([transposed.shape, transposed.strides], [[4, 3], [1, 4]]);
      assert.equal(checkpoint.get('row')!.storageKey, transposed.storageKey, 'views share their storage');
      assert.equal(checkpoint.get('row')!.storageOffset, 4);
      for (const name of ['half', 'bf16', 'transposed', 'row', 'param', 'double']) {
        assert.deepEqual([...(await checkpoint.readFloat32(name))], expected[name], name);
      }
      assert.deepEqual([...(await checkpoint.read('count'))], [12n]);
    } finally {
      await checkpoint.close();
    }
  });

  test('a legacy (pre-1.6) file is refused with advice', async (t) => {
    const path = join(tempDir(t), 'legacy.pt');
    python(`import torch; torch.save({'w': torch.zeros(2)}, ${JSON.stringify(path)}, _use_new_zipfile_serialization=False)`);
    await assert.rejects(openTorchCheckpoint(path), /legacy \(pre-1\.6, non-zip\) PyTorch format/);
  });
});

describe('openTorchCheckpoint on hand-written archives', () => {
  const halves = Uint16Array.from([0x3c00, 0xc000, 0x3800, 0x7bff, 0x0001, 0xfc00]); // 1, -2, 0.5, 65504, 2^-24, -inf
  const pickle = stateDictPickle([
    { name: 'h', storageType: 'HalfStorage', key: '0', numel: 6, shape: [2, 3] },
    { name: 'b', storageType: 'BFloat16Storage', key: '1', numel: 2, shape: [2] },
  ]);
  const storages = { '0': bytesOf(halves), '1': bytesOf(Uint16Array.from([0x3f80, 0xc0a0])) }; // 1, -5

  test('any prefix, fp16 and bf16 converted to float32, Zip64 records', async () => {
    for (const [prefix, zip64] of [['my model v2', false], ['a/b', true]] as const) {
      const checkpoint = await openTorchCheckpoint(memorySource(torchZip(prefix, pickle, storages, { zip64 })));
      assert.equal(checkpoint.prefix, `${prefix}/`);
      assert.deepEqual([...(await checkpoint.readFloat32('h'))], [1, -2, 0.5, 65504, 2 ** -24, -Infinity]);
      assert.deepEqual([...(await checkpoint.read('h'))], [...halves]);
      assert.deepEqual([...(await checkpoint.readFloat32('b'))], [1, -5]);
      await checkpoint.close();
    }
  });

  test('a truncated zip is refused with a clear error', async () => {
    const file = torchZip('c', pickle, storages);
    for (const length of [0, 10, file.length >> 1, file.length - 1]) {
      await assert.rejects(openTorchCheckpoint(memorySource(file.subarray(0, length))), /not a readable zip archive/, `length ${length}`);
    }
  });

  test('a truncated pickle is refused with a clear error', async () => {
    await assert.rejects(openTorchCheckpoint(memorySource(torchZip('c', pickle.subarray(0, pickle.length - 3), storages))), /data\.pkl: truncated/);
  });

  test('a storage shorter than its tensors, or missing, is refused by name', async () => {
    await assert.rejects(openTorchCheckpoint(memorySource(torchZip('c', pickle, { '0': storages['0'].subarray(0, 6), '1': storages['1'] }))), /storage 0 has 6 bytes/);
    await assert.rejects(openTorchCheckpoint(memorySource(torchZip('c', pickle, { '0': storages['0'] }))), /"b" needs storage c\/data\/1/);
  });

  test('a malicious pickle inside a checkpoint is refused before anything runs', async () => {
    const evil = Uint8Array.from([0x80, 2, ...Buffer.from('cos\nsystem\n', 'latin1'), 0x8c, 5, ...Buffer.from('touch'), 0x85, 0x52, 0x2e]);
    await assert.rejects(openTorchCheckpoint(memorySource(torchZip('c', evil, {}))), /refused: global os\.system/);
  });

  test('two data.pkl entries, or none, are refused', async () => {
    const two = writeZip([{ name: 'a/data.pkl', data: pickle }, { name: 'b/data.pkl', data: pickle }]);
    await assert.rejects(openTorchCheckpoint(memorySource(two)), /found a\/data\.pkl, b\/data\.pkl/);
    await assert.rejects(openTorchCheckpoint(memorySource(writeZip([{ name: 'x', data: pickle }]))), /found none/);
  });

  test('reading one tensor of a large checkpoint reads only its bytes', async (t) => {
    const count = 16;
    const floats = 1 << 20; // 4 MiB per tensor, 64 MiB in all
    const tensors = Array.from({ length: count }, (_, i) => ({ name: `layer.${i}.weight`, storageType: 'FloatStorage', key: String(i), numel: floats, shape: [1024, 1024] }));
    const storage = new Float32Array(floats);
    const data: Record<string, Uint8Array> = {};
    for (let i = 0; i < count; i++) data[String(i)] = bytesOf(storage.map((_, j) => i + j / floats));
    const path = join(tempDir(t), 'large.pt');
    writeFileSync(path, torchZip('large', stateDictPickle(tensors), data, { zip64: true }));
    const source = countingSource(await openFileSource(path));
    const checkpoint = await openTorchCheckpoint(source);
    const afterOpen = source.bytesRead;
    assert.ok(afterOpen < 200_000, `opening read ${afterOpen} bytes`);
    const values = await checkpoint.readFloat32('layer.7.weight');
    assert.equal(values[0], 7);
    assert.equal(values[floats - 1], Math.fround(7 + (floats - 1) / floats));
    assert.ok(source.bytesRead - afterOpen <= floats * 4 + 64, `reading one tensor read ${source.bytesRead - afterOpen} bytes`);
    await checkpoint.close();
  });
});

describe('openZipArchive', () => {
  test('reads deflated entries whole and by range; refuses other methods by number', async () => {
    const text = Buffer.from('hello, hello, hello, zip'.repeat(50));
    const zip = await openZipArchive(memorySource(writeZip([{ name: 'd.txt', data: text, deflate: true }])));
    assert.equal(zip.entries.get('d.txt')!.method, 8);
    assert.equal(Buffer.from(await zip.readEntry('d.txt')).toString(), text.toString());
    assert.equal(Buffer.from(await zip.readRange('d.txt', 7, 5)).toString(), 'hello');
    await assert.rejects(zip.readRange('d.txt', text.length - 2, 5), /outside "d\.txt"/);
    await assert.rejects(openZipArchive(memorySource(writeZip([{ name: 'b', data: text, method: 12 }]))), /"b" uses compression method 12/);
  });

  test('a corrupted entry fails its CRC check', async () => {
    const file = writeZip([{ name: 'x', data: Buffer.from('payload!') }]);
    file[file.indexOf('payload!')]! ^= 1;
    const zip = await openZipArchive(memorySource(file));
    await assert.rejects(zip.readEntry('x'), /CRC-32/);
  });

  test('lists the parity checkpoint like unzip does', { skip: skipWithoutShared }, async () => {
    const zip = await openZipArchive(memorySource(readFileSync(parityCheckpoint('tiny-seed0'))));
    assert.equal(zip.entries.size, 345);
    assert.equal(Buffer.from(await zip.readEntry('checkpoint/version')).toString(), '3\n');
    assert.equal(zip.entries.get('checkpoint/data/1')!.size, 32768);
  });
});
