// Test fixtures for the checkpoint reader: a zip writer (stored or deflated entries, optional Zip64 records,
// PyTorch-style 64-byte alignment), a hand-written protocol-2 state-dict pickle, where ../shared/prismer is,
// and whether Debian's Python has torch to cross-check against.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { packageRoot } from '../../../../electron/packageRoot.ts';
import type { ByteSource } from '../../../../native-models/prismer/checkpoint/byteSource.ts';

export const sharedPrismer = join(packageRoot, '..', 'shared', 'prismer');
export const skipWithoutShared = existsSync(sharedPrismer) ? false : `needs ${sharedPrismer} (absent in a plain clone)`;

const PYTHON = '/usr/bin/python3';
export const hasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
export const skipWithoutTorch = hasTorch ? false : `needs ${PYTHON} with torch (apt-get install python3-torch)`;

/** Runs a Python script with torch and returns its stdout. */
export function python(script: string): string {
  return execFileSync(PYTHON, ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export interface ZipInput {
  readonly name: string;
  readonly data: Uint8Array;
  readonly deflate?: boolean;
  readonly method?: number;
}

/** A zip archive in memory; `zip64` writes the 64-bit records even for small files. */
export function writeZip(inputs: readonly ZipInput[], options: { zip64?: boolean; align?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, 'utf8');
    const stored = input.deflate ? deflateRawSync(input.data) : Buffer.from(input.data);
    const method = input.method ?? (input.deflate ? 8 : 0);
    const crc = crc32(input.data) >>> 0;
    let padding = 0;
    if (options.align) padding = (options.align - ((offset + 30 + name.length + 4) % options.align)) % options.align;
    const extra = Buffer.alloc(options.align ? 4 + padding : 0);
    if (options.align) {
      extra.writeUInt16LE(0x4246, 0); // PyTorch's "FB" padding field
      extra.writeUInt16LE(padding, 2);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(options.zip64 ? 45 : 20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(input.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    parts.push(local, name, extra, stored);

    const zip64 = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      zip64.writeUInt16LE(0x0001, 0);
      zip64.writeUInt16LE(24, 2);
      zip64.writeBigUInt64LE(BigInt(input.data.length), 4);
      zip64.writeBigUInt64LE(BigInt(stored.length), 12);
      zip64.writeBigUInt64LE(BigInt(offset), 20);
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(options.zip64 ? 45 : 20, 4);
    header.writeUInt16LE(options.zip64 ? 45 : 20, 6);
    header.writeUInt16LE(0x800, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(options.zip64 ? 0xffffffff : stored.length, 20);
    header.writeUInt32LE(options.zip64 ? 0xffffffff : input.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(zip64.length, 30);
    header.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42);
    central.push(header, name, zip64);
    offset += 30 + name.length + extra.length + stored.length;
  }
  const cd = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (options.zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(inputs.length), 24);
    record.writeBigUInt64LE(BigInt(inputs.length), 32);
    record.writeBigUInt64LE(BigInt(cd.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : inputs.length, 8);
  eocd.writeUInt16LE(options.zip64 ? 0xffff : inputs.length, 10);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...parts, cd, ...tail, eocd]);
}

export interface PickledTensor {
  readonly name: string;
  readonly storageType: string; // e.g. 'FloatStorage'
  readonly key: string;
  readonly numel: number;
  readonly offset?: number;
  readonly shape: readonly number[];
  readonly strides?: readonly number[];
}

/** A state-dict pickle as torch.save writes it (protocol 2, `_rebuild_tensor_v2`, persistent storage ids). */
export function stateDictPickle(tensors: readonly PickledTensor[]): Uint8Array {
  const out: number[] = [0x80, 2, 0x7d, 0x28]; // PROTO 2, EMPTY_DICT, MARK
  const str = (s: string) => {
    const bytes = Buffer.from(s, 'utf8');
    out.push(0x58, ...u32(bytes.length), ...bytes);
  };
  const int = (n: number) => out.push(0x4a, ...u32(n));
  const global = (module: string, name: string) => out.push(0x63, ...Buffer.from(`${module}\n${name}\n`, 'latin1'));
  const ints = (values: readonly number[]) => {
    out.push(0x28);
    for (const v of values) int(v);
    out.push(0x74);
  };
  for (const t of tensors) {
    const strides = t.strides ?? contiguous(t.shape);
    str(t.name);
    global('torch._utils', '_rebuild_tensor_v2');
    out.push(0x28, 0x28); // MARK (args), MARK (persistent id)
    str('storage');
    global('torch', t.storageType);
    str(t.key);
    str('cpu');
    int(t.numel);
    out.push(0x74, 0x51); // TUPLE, BINPERSID
    int(t.offset ?? 0);
    ints(t.shape);
    ints(strides);
    out.push(0x89); // NEWFALSE
    global('collections', 'OrderedDict');
    out.push(0x29, 0x52, 0x74, 0x52); // EMPTY_TUPLE REDUCE, TUPLE, REDUCE
  }
  out.push(0x75, 0x2e); // SETITEMS, STOP
  return Uint8Array.from(out);
}

function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

function contiguous(shape: readonly number[]): number[] {
  const strides: number[] = [];
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    step *= shape[i]!;
  }
  return strides;
}

/** A PyTorch-format zip from a pickle and its storages. */
export function torchZip(prefix: string, pickle: Uint8Array, storages: Record<string, Uint8Array>, options: { zip64?: boolean } = {}): Buffer {
  return writeZip(
    [{ name: `${prefix}/data.pkl`, data: pickle }, ...Object.entries(storages).map(([key, data]) => ({ name: `${prefix}/data/${key}`, data })), { name: `${prefix}/version`, data: Buffer.from('3\n') }],
    { align: 64, ...options },
  );
}

export const bytesOf = (array: ArrayBufferView) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/** Wraps a source and counts what is read through it. */
export function countingSource(source: ByteSource): ByteSource & { readonly bytesRead: number; readonly reads: number } {
  let bytesRead = 0;
  let reads = 0;
  return {
    size: source.size,
    get bytesRead() {
      return bytesRead;
    },
    get reads() {
      return reads;
    },
    async read(position, length) {
      bytesRead += length;
      reads++;
      return source.read(position, length);
    },
    close: () => source.close(),
  };
}
