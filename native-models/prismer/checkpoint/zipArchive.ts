// Reads a zip archive in place (the container of PyTorch checkpoints): the end-of-central-directory record,
// Zip64 when present, the central directory, and each entry's data offset from its local header (PyTorch
// pads local headers to align data). Entry data is read by range, lazily; nothing is extracted. Stored
// entries are read by range; deflated ones (not written by PyTorch) are inflated whole when read.
import { crc32, inflateRawSync } from 'node:zlib';
import type { ByteSource } from './byteSource.ts';

export interface ZipEntry {
  readonly name: string;
  /** 0 = stored, 8 = deflated. */
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  readonly localHeaderOffset: number;
}

export interface ZipArchive {
  /** Entries in central-directory order. */
  readonly entries: ReadonlyMap<string, ZipEntry>;
  /** An entry's whole content (checked against its CRC-32). */
  readEntry(name: string): Promise<Uint8Array>;
  /** `length` bytes of an entry's content from `offset`, without reading the rest. */
  readRange(name: string, offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 1_000_000;
const MAX_CENTRAL_DIRECTORY = 256 * 1024 * 1024;

class ZipError extends Error {
  override name = 'ZipError';
}

function fail(label: string, message: string): never {
  throw new ZipError(`${label}: not a readable zip archive: ${message}`);
}

function u64(view: DataView, at: number, label: string): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(label, `a 64-bit field (${value}) is too large`);
  return Number(value);
}

export async function openZipArchive(source: ByteSource, label = 'archive'): Promise<ZipArchive> {
  const { size } = source;
  if (size < 22) fail(label, `the file is ${size} bytes, too short for a zip`);

  // End of central directory: the last 22 bytes plus at most a 65,535-byte comment.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tailStart = size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  const tailView = new DataView(tail.buffer);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tailView.getUint32(i, true) === EOCD && i + 22 + tailView.getUint16(i + 20, true) <= tailLength) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail(label, 'no end-of-central-directory record (truncated?)');
  const eocdOffset = tailStart + eocd;
  let diskNumber = tailView.getUint16(eocd + 4, true);
  let cdDisk = tailView.getUint16(eocd + 6, true);
  let count = tailView.getUint16(eocd + 10, true);
  let cdSize = tailView.getUint32(eocd + 12, true);
  let cdOffset = tailView.getUint32(eocd + 16, true);
  let cdEnd = eocdOffset;

  // Zip64: a locator right before the EOCD points at the Zip64 EOCD record with the 64-bit fields.
  if (eocdOffset >= 20) {
    const locator = new DataView((await source.read(eocdOffset - 20, 20)).buffer);
    if (locator.getUint32(0, true) === ZIP64_LOCATOR) {
      const recordOffset = u64(locator, 8, label);
      if (recordOffset + 56 > eocdOffset - 20) fail(label, 'the Zip64 locator points outside the file');
      const record = new DataView((await source.read(recordOffset, 56)).buffer);
      if (record.getUint32(0, true) !== ZIP64_EOCD) fail(label, 'the Zip64 end-of-central-directory record is missing');
      diskNumber = record.getUint32(16, true);
      cdDisk = record.getUint32(20, true);
      count = u64(record, 32, label);
      cdSize = u64(record, 40, label);
      cdOffset = u64(record, 48, label);
      cdEnd = recordOffset;
    }
  }
  if (diskNumber !== 0 || cdDisk !== 0) fail(label, 'multi-part (spanned) archives are not supported');
  if (count > MAX_ENTRIES) fail(label, `${count} entries is more than the ${MAX_ENTRIES} allowed`);
  if (cdSize > MAX_CENTRAL_DIRECTORY) fail(label, `a ${cdSize}-byte central directory is too large`);
  if (cdOffset + cdSize > cdEnd) fail(label, 'the central directory lies outside the file (truncated?)');

  const cd = await source.read(cdOffset, cdSize);
  const cdView = new DataView(cd.buffer);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > cdSize || cdView.getUint32(at, true) !== CENTRAL) fail(label, `central directory entry ${index} is corrupt`);
    const flags = cdView.getUint16(at + 8, true);
    const method = cdView.getUint16(at + 10, true);
    const crc = cdView.getUint32(at + 16, true);
    let compressedSize = cdView.getUint32(at + 20, true);
    let uncompressedSize = cdView.getUint32(at + 24, true);
    const nameLength = cdView.getUint16(at + 28, true);
    const extraLength = cdView.getUint16(at + 30, true);
    const commentLength = cdView.getUint16(at + 32, true);
    const startDisk = cdView.getUint16(at + 34, true);
    let localHeaderOffset = cdView.getUint32(at + 42, true);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > cdSize) fail(label, `central directory entry ${index} runs past the directory`);
    const name = Buffer.from(cd.subarray(at + 46, at + 46 + nameLength)).toString(flags & 0x800 ? 'utf8' : 'latin1');

    // Zip64 extended information: the 64-bit values, in order, for each field saturated in the record.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = cdView.getUint16(extra, true);
      const length = cdView.getUint16(extra + 2, true);
      if (extra + 4 + length > extraEnd) fail(label, `the extra field of "${name}" is corrupt`);
      if (id === 0x0001) {
        let field = extra + 4;
        const take = (): number => {
          if (field + 8 > extra + 4 + length) fail(label, `the Zip64 field of "${name}" is too short`);
          const value = u64(cdView, field, label);
          field += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = take();
        if (compressedSize === 0xffffffff) compressedSize = take();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = take();
      }
      extra += 4 + length;
    }
    if (startDisk !== 0 && startDisk !== 0xffff) fail(label, `"${name}" starts on another disk`);
    if (flags & 0x1) fail(label, `"${name}" is encrypted`);
    if (method !== 0 && method !== 8) fail(label, `"${name}" uses compression method ${method}; only stored (0) and deflated (8) entries can be read`);
    if (method === 0 && compressedSize !== uncompressedSize) fail(label, `stored entry "${name}" has different compressed and uncompressed sizes`);
    if (localHeaderOffset + 30 + compressedSize > cdOffset) fail(label, `"${name}" lies outside the file data (truncated?)`);
    if (entries.has(name)) fail(label, `"${name}" appears twice`);
    entries.set(name, { name, method, compressedSize, size: uncompressedSize, crc32: crc, localHeaderOffset });
    at = end;
  }

  const dataOffsets = new Map<string, number>();
  async function dataOffset(entry: ZipEntry): Promise<number> {
    const known = dataOffsets.get(entry.name);
    if (known !== undefined) return known;
    const header = new DataView((await source.read(entry.localHeaderOffset, 30)).buffer);
    if (header.getUint32(0, true) !== LOCAL) fail(label, `the local header of "${entry.name}" is missing`);
    const offset = entry.localHeaderOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
    if (offset + entry.compressedSize > cdOffset) fail(label, `the data of "${entry.name}" runs past the file data (truncated?)`);
    dataOffsets.set(entry.name, offset);
    return offset;
  }

  function entryNamed(name: string): ZipEntry {
    const entry = entries.get(name);
    if (!entry) throw new ZipError(`${label}: no entry "${name}" in the archive`);
    return entry;
  }

  async function inflate(entry: ZipEntry): Promise<Uint8Array> {
    const raw = await source.read(await dataOffset(entry), entry.compressedSize);
    try {
      const out = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
      if (out.length !== entry.size) fail(label, `"${entry.name}" inflates to ${out.length} bytes, not ${entry.size}`);
      return out.byteOffset === 0 ? new Uint8Array(out.buffer, 0, out.length) : new Uint8Array(out);
    } catch (error) {
      if (error instanceof ZipError) throw error;
      fail(label, `"${entry.name}" cannot be inflated: ${(error as Error).message}`);
    }
  }

  return {
    entries,
    async readEntry(name) {
      const entry = entryNamed(name);
      const bytes = entry.method === 8 ? await inflate(entry) : await source.read(await dataOffset(entry), entry.size);
      if (crc32(bytes) >>> 0 !== entry.crc32) fail(label, `"${name}" fails its CRC-32 check (corrupt)`);
      return bytes;
    },
    async readRange(name, offset, length) {
      const entry = entryNamed(name);
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > entry.size) {
        throw new ZipError(`${label}: bytes ${offset}…${offset + length} are outside "${name}" (${entry.size} bytes)`);
      }
      if (entry.method === 8) return (await inflate(entry)).slice(offset, offset + length);
      return source.read((await dataOffset(entry)) + offset, length);
    },
    close: () => source.close(),
  };
}
