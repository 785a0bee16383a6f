// Writes ONNX models from TypeScript: inputs, initializers, nodes with attributes, outputs, serialised
// with onnx-proto. The tests build small models with each real model's signature from it, and the
// Prismer converter builds its graphs with it. Passes (precision/) rewrite a built graph through `parts`;
// `useDomain` declares extra operator sets (com.microsoft for contrib ops).
import { open, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type ElementType = 'float32' | 'float16' | 'int64' | 'int32' | 'uint8' | 'int8' | 'bool';
export type Dim = number | string;
export type AttributeValue = number | string | number[] | string[] | { tensor: Initializer };
/** The protobuf messages a rewriting pass (e.g. a precision pass) edits in place. */
export type TensorMessage = InstanceType<typeof onnx.TensorProto>;
export type NodeMessage = InstanceType<typeof onnx.NodeProto>;
export const onnxDataTypes = onnx.TensorProto.DataType;

interface Initializer {
  readonly type: ElementType;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array | Int32Array | Uint8Array | Int8Array | Uint16Array;
}

const dataTypes: Record<ElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  uint8: onnx.TensorProto.DataType.UINT8,
  int8: onnx.TensorProto.DataType.INT8,
  bool: onnx.TensorProto.DataType.BOOL,
};

function valueInfo(name: string, type: ElementType, shape: readonly Dim[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: dataTypes[type],
        shape: onnx.TensorShapeProto.create({
          dim: shape.map((d) => (typeof d === 'number' ? onnx.TensorShapeProto.Dimension.create({ dimValue: d }) : onnx.TensorShapeProto.Dimension.create({ dimParam: d }))),
        }),
      }),
    }),
  });
}

function tensorProto(name: string, t: Initializer) {
  return onnx.TensorProto.create({
    name,
    dims: [...t.dims],
    dataType: dataTypes[t.type],
    rawData: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
  });
}

function attribute(name: string, value: AttributeValue) {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Object.is(value, -0)
      ? onnx.AttributeProto.create({ name, type: A.INT, i: value })
      : onnx.AttributeProto.create({ name, type: A.FLOAT, f: value });
  }
  if (typeof value === 'string') return onnx.AttributeProto.create({ name, type: A.STRING, s: new TextEncoder().encode(value) });
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return onnx.AttributeProto.create({ name, type: A.STRINGS, strings: (value as string[]).map((v) => new TextEncoder().encode(v)) });
    const numbers = value as number[];
    return numbers.every((v) => Number.isInteger(v))
      ? onnx.AttributeProto.create({ name, type: A.INTS, ints: numbers })
      : onnx.AttributeProto.create({ name, type: A.FLOATS, floats: numbers });
  }
  return onnx.AttributeProto.create({ name, type: A.TENSOR, t: tensorProto(name, value.tensor) });
}

/** Float attributes that happen to be whole numbers (e.g. alpha = 1.0) need this wrapper. */
export class FloatAttribute {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

export class GraphBuilder {
  readonly #name: string;
  readonly #inputs: ReturnType<typeof valueInfo>[] = [];
  readonly #outputs: ReturnType<typeof valueInfo>[] = [];
  readonly #initializers: ReturnType<typeof tensorProto>[] = [];
  readonly #nodes: ReturnType<typeof onnx.NodeProto.create>[] = [];
  readonly #domains = new Map<string, number>();
  #counter = 0;

  constructor(name: string) {
    this.#name = name;
  }

  input(name: string, type: ElementType, shape: readonly Dim[]): string {
    this.#inputs.push(valueInfo(name, type, shape));
    return name;
  }

  /** A weight or constant stored in the model. */
  initializer(name: string, type: ElementType, dims: readonly number[], data: Initializer['data']): string {
    this.#initializers.push(tensorProto(name, { type, dims, data }));
    return name;
  }

  constantFloats(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(this.#fresh('const'), 'float32', dims, Float32Array.from(values));
  }

  constantInts(values: readonly number[], dims: readonly number[] = [values.length]): string {
    return this.initializer(this.#fresh('const'), 'int64', dims, BigInt64Array.from(values.map((v) => BigInt(v))));
  }

  /** Adds a node; returns its output names (one unless `outputs` says more). */
  node(op: string, inputs: readonly string[], attributes: Record<string, AttributeValue | FloatAttribute> = {}, outputs = 1, domain = ''): string[] {
    const names = Array.from({ length: outputs }, () => this.#fresh(op.toLowerCase()));
    this.#nodes.push(
      onnx.NodeProto.create({
        opType: op,
        domain,
        input: [...inputs],
        output: names,
        name: this.#fresh(`${op}_node`),
        attribute: Object.entries(attributes).map(([key, value]) =>
          value instanceof FloatAttribute
            ? onnx.AttributeProto.create({ name: key, type: onnx.AttributeProto.AttributeType.FLOAT, f: value.value })
            : attribute(key, value),
        ),
      }),
    );
    return names;
  }

  /** One-output node shorthand. */
  op(op: string, inputs: readonly string[], attributes: Record<string, AttributeValue | FloatAttribute> = {}): string {
    return this.node(op, inputs, attributes)[0]!;
  }

  /** Declares an operator set besides the default one (e.g. `com.microsoft` 1 for contrib ops). */
  useDomain(domain: string, version: number): void {
    this.#domains.set(domain, version);
  }

  /**
   * The initializers and nodes as protobuf messages, for passes that rewrite a built graph (precision):
   * the arrays and messages may be edited in place. Node order must stay topological.
   */
  get parts(): { readonly initializers: TensorMessage[]; readonly nodes: NodeMessage[] } {
    return { initializers: this.#initializers, nodes: this.#nodes };
  }

  /** An initializer message (not yet in the graph), for passes that replace one. */
  tensorMessage(name: string, type: ElementType, dims: readonly number[], data: Initializer['data']): TensorMessage {
    return tensorProto(name, { type, dims, data });
  }

  /** A node message with chosen output names (not yet in the graph), for passes. */
  nodeMessage(op: string, inputs: readonly string[], outputs: readonly string[], attributes: Record<string, AttributeValue> = {}, domain = ''): NodeMessage {
    return onnx.NodeProto.create({
      opType: op,
      domain,
      input: [...inputs],
      output: [...outputs],
      name: this.#fresh(`${op}_node`),
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
  }

  /** Exposes `value` as a graph output named `name`. */
  output(value: string, name: string, type: ElementType, shape: readonly Dim[]): void {
    this.#nodes.push(onnx.NodeProto.create({ opType: 'Identity', input: [value], output: [name], name: this.#fresh('output') }));
    this.#outputs.push(valueInfo(name, type, shape));
  }

  toBytes(opset = 17): Uint8Array {
    return onnx.ModelProto.encode(this.#model(opset, this.#initializers)).finish();
  }

  /**
   * Writes the model to `path`, with every initializer of at least `threshold` bytes in the side file
   * `<name>.data` (ONNX external data): protobuf cannot hold a model over 2 GB (Prismer LARGE), and a
   * small graph file opens faster. Returns the files written.
   */
  async writeFiles(path: string, options: { opset?: number; threshold?: number } = {}): Promise<{ model: string; data: string | null }> {
    const threshold = options.threshold ?? 1024;
    const dataName = `${basename(path)}.data`;
    const dataPath = join(dirname(path), dataName);
    const handle = await open(dataPath, 'w');
    let offset = 0;
    const initializers = [];
    try {
      for (const tensor of this.#initializers) {
        const raw = tensor.rawData;
        if (!raw || raw.byteLength < threshold) {
          initializers.push(tensor);
          continue;
        }
        // Aligned to 4 KiB so ONNX Runtime can memory-map each tensor.
        const aligned = Math.ceil(offset / 4096) * 4096;
        // A write may take only part of the bytes (a disk filling up): write the rest until the OS says why not.
        for (let written = 0; written < raw.byteLength; ) {
          written += (await handle.write(raw, written, raw.byteLength - written, aligned + written)).bytesWritten;
        }
        initializers.push(
          onnx.TensorProto.create({
            name: tensor.name,
            dims: tensor.dims,
            dataType: tensor.dataType,
            dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
            externalData: [
              onnx.StringStringEntryProto.create({ key: 'location', value: dataName }),
              onnx.StringStringEntryProto.create({ key: 'offset', value: String(aligned) }),
              onnx.StringStringEntryProto.create({ key: 'length', value: String(raw.byteLength) }),
            ],
          }),
        );
        offset = aligned + raw.byteLength;
      }
    } finally {
      await handle.close();
    }
    await writeFile(path, onnx.ModelProto.encode(this.#model(options.opset ?? 17, initializers)).finish());
    if (offset === 0) {
      await unlink(dataPath);
      return { model: path, data: null };
    }
    return { model: path, data: dataPath };
  }

  #model(opset: number, initializers: ReturnType<typeof tensorProto>[]) {
    return onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'prismer-studio',
      opsetImport: [
        onnx.OperatorSetIdProto.create({ domain: '', version: opset }),
        ...[...this.#domains].map(([domain, version]) => onnx.OperatorSetIdProto.create({ domain, version })),
      ],
      graph: onnx.GraphProto.create({
        name: this.#name,
        input: this.#inputs,
        output: this.#outputs,
        initializer: initializers,
        node: this.#nodes,
      }),
    });
  }

  #fresh(prefix: string): string {
    return `${prefix}_${this.#counter++}`;
  }
}
