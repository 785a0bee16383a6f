// The parity cases in ../shared/prismer/parity (absent in a plain clone) and damaged copies of them for
// the failure paths: a truncated checkpoint, expected logits nudged beyond the tolerance, and a
// safetensors checkpoint written with one key dropped and one added.
import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTorchCheckpoint } from '../../../../native-models/prismer/checkpoint/torchCheckpoint.ts';
import { parityCases, parityDir, sharedPrismer, skipWithoutParity } from '../sharedData.ts';

export { parityCases, parityDir, skipWithoutParity };
export const layoutDir = join(sharedPrismer, 'checkpoint-layout');

/** Copies a case's three files into `into/<name>` and returns that folder. */
export function copyCase(name: string, into: string): string {
  const dir = join(into, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['checkpoint.bin', 'fixture.json', 'fixture.safetensors']) copyFileSync(join(parityDir, name, f), join(dir, f));
  return dir;
}

export function truncateCheckpoint(dir: string): void {
  const path = join(dir, 'checkpoint.bin');
  truncateSync(path, Math.floor(readFileSync(path).byteLength / 2));
}

/** Adds `delta` to one value of a float32 tensor inside a safetensors file, in place. */
export function nudgeTensor(path: string, tensor: string, delta: number, index = 0): void {
  const bytes = readFileSync(path);
  const headerLength = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + headerLength).toString('utf8')) as Record<string, { dtype: string; data_offsets: [number, number] }>;
  const entry = header[tensor];
  if (!entry || entry.dtype !== 'F32') throw new Error(`no F32 tensor ${tensor} in ${path}`);
  const at = 8 + headerLength + entry.data_offsets[0] + 4 * index;
  bytes.writeFloatLE(bytes.readFloatLE(at) + delta, at);
  writeFileSync(path, bytes);
}

/** Writes a case's checkpoint as fp32 safetensors, without `drop` and with an extra tensor `add`. */
export async function rewriteAsSafetensors(name: string, path: string, change: { drop?: string; add?: string } = {}): Promise<void> {
  const checkpoint = await openTorchCheckpoint(join(parityDir, name, 'checkpoint.bin'));
  const header: Record<string, unknown> = {};
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const put = (key: string, shape: readonly number[], data: Float32Array | Int32Array, dtype: 'F32' | 'I32') => {
    header[key] = { dtype, shape, data_offsets: [offset, offset + data.byteLength] };
    chunks.push(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    offset += data.byteLength;
  };
  try {
    for (const t of checkpoint.tensors) {
      if (t.name === change.drop) continue;
      if (t.dtype === 'I64') put(t.name, t.shape, Int32Array.from((await checkpoint.read(t.name)) as BigInt64Array, Number), 'I32');
      else put(t.name, t.shape, await checkpoint.readFloat32(t.name), 'F32');
    }
  } finally {
    await checkpoint.close();
  }
  if (change.add) put(change.add, [2], new Float32Array([1, 2]), 'F32');
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  writeFileSync(path, Buffer.concat([length, Buffer.from(json), ...chunks]));
}
