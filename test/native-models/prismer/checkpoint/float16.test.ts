// Specification of the half-precision conversions: exact fp16 values (normal, subnormal, ±inf, NaN) and
// bfloat16 as the top half of a float32.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bfloat16ArrayToFloat32, float16ArrayToFloat32, float16ToFloat32 } from '../../../../native-models/prismer/checkpoint/float16.ts';

describe('float16', () => {
  test('fp16 bit patterns convert exactly', () => {
    const cases: [number, number][] = [[0x0000, 0], [0x8000, -0], [0x3c00, 1], [0xc000, -2], [0x7bff, 65504], [0x0400, 2 ** -14], [0x0001, 2 ** -24], [0x03ff, 1023 * 2 ** -24], [0x7c00, Infinity], [0xfc00, -Infinity], [0x3555, 0.333251953125]];
    for (const [bits, value] of cases) assert.equal(float16ToFloat32(bits), value, bits.toString(16));
    assert.ok(Number.isNaN(float16ToFloat32(0x7e00)));
    assert.deepEqual([...float16ArrayToFloat32(Uint16Array.from(cases.map((c) => c[0])))], cases.map((c) => c[1]));
  });

  test('bf16 is the high half of a float32', () => {
    assert.deepEqual([...bfloat16ArrayToFloat32(Uint16Array.from([0x3f80, 0xc0a0, 0x7f80, 0xff80, 0x0000, 0x8000]))], [1, -5, Infinity, -Infinity, 0, -0]);
  });
});
