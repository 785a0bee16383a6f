// Checks a checkpoint's tensors against an official layout (`checkpoint-layout/<model>_<res>.json`: every
// state-dict key with shape and dtype) and names every missing, unexpected, misshapen or wrongly typed key;
// detects the variant, size and resolution from the keys and the positional embedding, so a caller can
// pick the layout. The positional grid may differ from the layout's (it is resized at conversion).
import { isFloatDType, type DType } from './tensors.ts';

export interface LayoutKey {
  readonly name: string;
  readonly shape: readonly number[];
  /** As the layout files write it: 'float32' or 'int64'. */
  readonly dtype: string;
}

export interface CheckpointLayout {
  readonly model: string;
  readonly keys: readonly LayoutKey[];
}

/** What validation needs of a tensor (a TensorDescriptor fits). */
export interface TensorShape {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: DType;
}

export const POSITIONAL_EMBEDDING = 'expert_encoder.positional_embedding';
export const UNTIED_LM_HEAD = 'text_decoder.lm_head.decoder.weight';
const RGB_STEM = 'expert_encoder.conv1.rgb.weight';

/** Parses a layout file's JSON (`{model, keys: [[name, shape, dtype], …]}`). */
export function parseLayout(json: unknown): CheckpointLayout {
  const data = json as { model?: unknown; keys?: unknown };
  if (typeof data?.model !== 'string' || !Array.isArray(data.keys)) throw new Error('Not a checkpoint layout: needs "model" and "keys"');
  const keys = data.keys.map((entry: unknown, i): LayoutKey => {
    const [name, shape, dtype] = Array.isArray(entry) ? entry : [];
    if (typeof name !== 'string' || !Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n)) || typeof dtype !== 'string') {
      throw new Error(`Layout ${data.model}: key ${i} is not [name, shape, dtype]`);
    }
    return { name, shape: shape as number[], dtype };
  });
  return { model: data.model, keys };
}

export interface LayoutReport {
  /** True when nothing is missing, unexpected, misshapen or of the wrong kind of dtype. */
  readonly ok: boolean;
  readonly missing: readonly { name: string; expected: readonly number[] }[];
  readonly unexpected: readonly { name: string; shape: readonly number[] }[];
  readonly misshapen: readonly { name: string; expected: readonly number[]; actual: readonly number[] }[];
  /** An integer tensor where the layout has a float one, or the reverse (fp16/bf16/fp64 for float32 is fine). */
  readonly wrongDtype: readonly { name: string; expected: string; actual: DType }[];
  /** The positional embedding's grid side in the checkpoint and in the layout, when both are known. */
  readonly positionalGrid: { readonly checkpoint: number; readonly layout: number } | null;
  /** Whether the checkpoint stores `text_decoder.lm_head.decoder.weight` itself (untied from the word embedding). */
  readonly lmHeadUntied: boolean;
  /** One line per problem, naming the key. */
  readonly problems: readonly string[];
}

export interface ValidationOptions {
  /** Layout keys a checkpoint may leave out; by default the LM head weight (tied to the word embedding). */
  readonly optionalKeys?: readonly string[];
}

const show = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

function gridSide(tokens: number): number | null {
  const side = Math.round(Math.sqrt(tokens));
  return side * side === tokens ? side : null;
}

export function validateLayout(tensors: readonly TensorShape[], layout: CheckpointLayout, options: ValidationOptions = {}): LayoutReport {
  const optional = new Set(options.optionalKeys ?? [UNTIED_LM_HEAD]);
  const actual = new Map(tensors.map((t) => [t.name, t]));
  const expected = new Map(layout.keys.map((k) => [k.name, k]));
  const missing: { name: string; expected: readonly number[] }[] = [];
  const unexpected: { name: string; shape: readonly number[] }[] = [];
  const misshapen: { name: string; expected: readonly number[]; actual: readonly number[] }[] = [];
  const wrongDtype: { name: string; expected: string; actual: DType }[] = [];
  let positionalGrid: LayoutReport['positionalGrid'] = null;

  for (const key of layout.keys) {
    const tensor = actual.get(key.name);
    if (!tensor) {
      if (!optional.has(key.name)) missing.push({ name: key.name, expected: key.shape });
      continue;
    }
    if (key.dtype.startsWith('float') !== isFloatDType(tensor.dtype)) wrongDtype.push({ name: key.name, expected: key.dtype, actual: tensor.dtype });
    if (key.name === POSITIONAL_EMBEDDING && tensor.shape.length === 2 && key.shape.length === 2 && tensor.shape[1] === key.shape[1]) {
      const checkpoint = gridSide(tensor.shape[0]!);
      const wanted = gridSide(key.shape[0]!);
      if (checkpoint !== null && wanted !== null) {
        positionalGrid = { checkpoint, layout: wanted };
        continue;
      }
    }
    if (!sameShape(key.shape, tensor.shape)) misshapen.push({ name: key.name, expected: key.shape, actual: tensor.shape });
  }
  for (const tensor of tensors) if (!expected.has(tensor.name)) unexpected.push({ name: tensor.name, shape: tensor.shape });

  const problems = [
    ...missing.map((m) => `missing ${m.name} (expected ${show(m.expected)})`),
    ...unexpected.map((u) => `unexpected ${u.name} ${show(u.shape)}`),
    ...misshapen.map((m) => `misshapen ${m.name}: expected ${show(m.expected)}, got ${show(m.actual)}`),
    ...wrongDtype.map((w) => `wrong dtype ${w.name}: expected ${w.expected}, got ${w.actual}`),
  ];
  return { ok: problems.length === 0, missing, unexpected, misshapen, wrongDtype, positionalGrid, lmHeadUntied: actual.has(UNTIED_LM_HEAD), problems };
}

export interface DetectedModel {
  /** PrismerZ has only the RGB stem; Prismer has one stem per expert. */
  readonly variant: 'prismer' | 'prismerz';
  /** BASE = width 768, patch 16; LARGE = width 1024, patch 14; null for anything else (e.g. tiny test models). */
  readonly size: 'base' | 'large' | null;
  readonly width: number;
  readonly patch: number;
  /** Side of the positional-embedding grid. */
  readonly grid: number;
  /** The image resolution this grid serves: 224, 384 or 480 when one gives this grid, else grid × patch. */
  readonly resolution: number;
  /** The layout to validate against (`<variant>_<size>_<224|480>`), or null when the size is unknown. */
  readonly layoutName: string | null;
}

const KNOWN_RESOLUTIONS = [224, 384, 480];

export function detectModel(tensors: readonly TensorShape[]): DetectedModel {
  const byName = new Map(tensors.map((t) => [t.name, t]));
  const stem = byName.get(RGB_STEM);
  const positional = byName.get(POSITIONAL_EMBEDDING);
  if (!stem || stem.shape.length !== 4) throw new Error(`Not a Prismer checkpoint: no 4-d ${RGB_STEM}`);
  if (!positional || positional.shape.length !== 2) throw new Error(`Not a Prismer checkpoint: no 2-d ${POSITIONAL_EMBEDDING}`);
  const width = stem.shape[0]!;
  const patch = stem.shape[2]!;
  const grid = gridSide(positional.shape[0]!);
  if (grid === null) throw new Error(`${POSITIONAL_EMBEDDING} has ${positional.shape[0]} positions, not a square grid`);
  if (positional.shape[1] !== width) throw new Error(`${POSITIONAL_EMBEDDING} is ${width}-wide in the stem but ${positional.shape[1]}-wide itself`);
  const variant = tensors.some((t) => t.name.startsWith('expert_encoder.conv1.') && !t.name.startsWith('expert_encoder.conv1.rgb.')) ? 'prismer' : 'prismerz';
  const size = width === 768 && patch === 16 ? 'base' : width === 1024 && patch === 14 ? 'large' : null;
  const resolution = KNOWN_RESOLUTIONS.find((r) => Math.floor(r / patch) === grid) ?? grid * patch;
  const layoutName = size ? `${variant}_${size}_${resolution === 480 ? 480 : 224}` : null;
  return { variant, size, width, patch, grid, resolution, layoutName };
}
