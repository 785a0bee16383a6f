// The `metadata_props` of an ONNX file (key → value strings: Ultralytics writes its class names there as
// `names`, others `labels` or `id2label`), read without decoding the graph: the top-level fields of the
// ModelProto are walked on disk and only field 14 is parsed, so a 2 GB model costs a few small reads.
// A file that is not well-formed protobuf gives no metadata (ONNX Runtime says why when it loads it).
import { open } from 'node:fs/promises';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const metadataField = 14;

/** A protobuf varint at `at`: its value and its length in bytes (values past 2^53 are not expected). */
function varint(bytes: Uint8Array, at: number): { value: number; length: number } | null {
  let value = 0;
  let factor = 1;
  for (let i = 0; i < 10 && at + i < bytes.length; i++) {
    const byte = bytes[at + i]!;
    value += (byte & 0x7f) * factor;
    factor *= 128;
    if ((byte & 0x80) === 0) return { value, length: i + 1 };
  }
  return null;
}

export async function readOnnxMetadata(path: string): Promise<Record<string, string>> {
  const file = await open(path, 'r');
  const props: Record<string, string> = {};
  try {
    const { size } = await file.stat();
    const head = new Uint8Array(24);
    let position = 0;
    while (position < size) {
      const { bytesRead } = await file.read(head, 0, head.length, position);
      const bytes = head.subarray(0, bytesRead);
      const tag = varint(bytes, 0);
      if (!tag) return props;
      const field = Math.floor(tag.value / 8);
      const wire = tag.value % 8;
      let at = tag.length;
      if (wire === 0) {
        const v = varint(bytes, at);
        if (!v) return props;
        position += at + v.length;
      } else if (wire === 1) position += at + 8;
      else if (wire === 5) position += at + 4;
      else if (wire === 2) {
        const length = varint(bytes, at);
        if (!length) return props;
        at += length.length;
        if (position + at + length.value > size) return props;
        if (field === metadataField && length.value < 64 * 1024 * 1024) {
          const entry = new Uint8Array(length.value);
          await file.read(entry, 0, entry.length, position + at);
          const decoded = onnx.StringStringEntryProto.decode(entry);
          if (decoded.key) props[decoded.key] = decoded.value ?? '';
        }
        position += at + length.value;
      } else return props;
    }
    return props;
  } catch {
    return props;
  } finally {
    await file.close();
  }
}
