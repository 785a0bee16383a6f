// Specification of the safetensors reader: header parsing, F32/F16/BF16/I32/I64 tensors read lazily by
// range, and clear errors for truncated or inconsistent files.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { memorySource } from '../../../../native-models/prismer/checkpoint/byteSource.ts';
import { openSafetensors } from '../../../../native-models/prismer/checkpoint/safetensors.ts';
import { bytesOf, countingSource, sharedPrismer, skipWithoutShared } from './fixtures.ts';

function safetensors(tensors: Record<string, { dtype: string; shape: number[]; data: Uint8Array }>, metadata?: Record<string, string>): Buffer {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.length] };
    offset += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, ...Object.values(tensors).map((t) => t.data)]);
}

const file = safetensors(
  {
    f32: { dtype: 'F32', shape: [2, 2], data: bytesOf(Float32Array.from([1, 2, 3, 4])) },
    f16: { dtype: 'F16', shape: [3], data: bytesOf(Uint16Array.from([0x3c00, 0xbc00, 0x3555])) },
    bf16: { dtype: 'BF16', shape: [1], data: bytesOf(Uint16Array.from([0x4049])) },
    i32: { dtype: 'I32', shape: [2], data: bytesOf(Int32Array.from([-7, 9])) },
    i64: { dtype: 'I64', shape: [], data: bytesOf(BigInt64Array.from([2n ** 40n])) },
  },
  { format: 'pt' },
);

describe('openSafetensors', () => {
  test('lists tensors with dtype, shape and contiguous strides, and reads each by its own range', async () => {
    const source = countingSource(memorySource(file));
    const st = await openSafetensors(source);
    assert.deepEqual(st.metadata, { format: 'pt' });
    assert.deepEqual(st.tensors.map((t) => [t.name, t.dtype, t.shape, t.strides]), [
      ['f32', 'F32', [2, 2], [2, 1]], ['f16', 'F16', [3], [1]], ['bf16', 'BF16', [1], [1]], ['i32', 'I32', [2], [1]], ['i64', 'I64', [], []],
    ]);
    const before = source.bytesRead;
    assert.deepEqual([...(await st.readFloat32('f16'))], [1, -1, Math.fround(0.333251953125)]);
    assert.equal(source.bytesRead - before, 6);
    assert.deepEqual([...(await st.readFloat32('f32'))], [1, 2, 3, 4]);
    assert.deepEqual([...(await st.readFloat32('bf16'))], [3.140625]);
    assert.deepEqual([...(await st.read('i32'))], [-7, 9]);
    assert.deepEqual([...(await st.read('i64'))], [2n ** 40n]);
    await assert.rejects(st.readFloat32('i32'), /"i32" is I32, not a floating-point tensor/);
    await assert.rejects(st.read('nope'), /no tensor "nope"/);
    await st.close();
  });

  test('truncated or inconsistent files are refused with clear errors', async () => {
    await assert.rejects(openSafetensors(memorySource(file.subarray(0, 5))), /too short/);
    await assert.rejects(openSafetensors(memorySource(file.subarray(0, 40))), /header length \d+ runs past the file/);
    await assert.rejects(openSafetensors(memorySource(file.subarray(0, file.length - 4))), /"i64" ends at byte \d+ of a \d+-byte data section/);
    const bad = safetensors({ x: { dtype: 'F32', shape: [3], data: new Uint8Array(8) } });
    await assert.rejects(openSafetensors(memorySource(bad)), /"x" spans 8 bytes, but F32 \[3\] needs 12/);
    const odd = safetensors({ x: { dtype: 'C64', shape: [1], data: new Uint8Array(8) } });
    await assert.rejects(openSafetensors(memorySource(odd)), /unsupported dtype "C64"/);
  });

  test('reads the parity fixtures', { skip: skipWithoutShared }, async () => {
    const st = await openSafetensors(join(sharedPrismer, 'parity', 'tiny-seed0', 'fixture.safetensors'));
    assert.deepEqual(st.get('expected.logits')!.shape, [2, 9, 512]);
    const mask = await st.read('attention_mask');
    assert.ok(mask instanceof Int32Array && mask.every((v) => v === 0 || v === 1));
    assert.ok((await st.readFloat32('expected.memory')).every(Number.isFinite));
    await st.close();
  });
});
