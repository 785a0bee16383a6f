// Half-precision conversions to float32: IEEE fp16 (sign, 5-bit exponent, 10-bit mantissa; subnormals,
// infinities and NaN included) and bfloat16 (the top 16 bits of a float32).

const table = new Float32Array(65536);
for (let h = 0; h < 65536; h++) {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) table[h] = sign * mantissa * 2 ** -24;
  else if (exponent === 31) table[h] = mantissa ? NaN : sign * Infinity;
  else table[h] = sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

export function float16ToFloat32(bits: number): number {
  return table[bits & 0xffff]!;
}

export function float16ArrayToFloat32(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  for (let i = 0; i < halves.length; i++) out[i] = table[halves[i]!]!;
  return out;
}

export function bfloat16ArrayToFloat32(halves: Uint16Array): Float32Array {
  const out = new Float32Array(halves.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < halves.length; i++) bits[i] = halves[i]! << 16;
  return out;
}
