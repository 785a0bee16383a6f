// The text decoder's weights (`text_decoder.*` of a Prismer checkpoint) read into memory, keyed without the
// prefix, with the sizes the graphs need. The head count is not in the shapes, so the caller gives it
// (BASE 12, LARGE 16: hidden / 64). A tied LM head falls back to the word embeddings.
import type { TensorFile } from '../../checkpoint/tensors.ts';
import { isFloatDType } from '../../checkpoint/tensors.ts';
import type { HostTensor } from '../ops/weightBank.ts';

export interface DecoderDims {
  /** Decoder layers with cross-attention; the extra output layer comes after them. */
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly headDim: number;
  readonly vocabulary: number;
  /** The width of the memory (encoder output) that cross-attention reads. */
  readonly memoryWidth: number;
  readonly maxPositions: number;
}

export interface DecoderWeights {
  readonly tensors: ReadonlyMap<string, HostTensor>;
  readonly dims: DecoderDims;
}

export const LM_HEAD_WEIGHT = 'lm_head.decoder.weight';
export const LM_HEAD_BIAS = 'lm_head.bias';
const WORD_EMBEDDINGS = 'roberta.embeddings.word_embeddings.weight';

export async function readDecoderWeights(file: TensorFile, heads: number, prefix = 'text_decoder.'): Promise<DecoderWeights> {
  const tensors = new Map<string, HostTensor>();
  for (const t of file.tensors) {
    if (!t.name.startsWith(prefix) || !isFloatDType(t.dtype)) continue;
    tensors.set(t.name.slice(prefix.length), { shape: t.shape, data: await file.readFloat32(t.name) });
  }
  const need = (name: string): HostTensor => {
    const t = tensors.get(name);
    if (!t) throw new Error(`the checkpoint has no ${prefix}${name}`);
    return t;
  };
  if (!tensors.has(LM_HEAD_WEIGHT)) tensors.set(LM_HEAD_WEIGHT, need(WORD_EMBEDDINGS));
  if (!tensors.has(LM_HEAD_BIAS)) tensors.set(LM_HEAD_BIAS, need('lm_head.decoder.bias'));

  let layers = 0;
  while (tensors.has(`roberta.encoder.layer.${layers}.0.attention.self.query.weight`)) layers++;
  if (layers === 0) throw new Error(`the checkpoint has no ${prefix}roberta.encoder.layer.0`);
  const [vocabulary, hidden] = need(WORD_EMBEDDINGS).shape as [number, number];
  if (hidden % heads !== 0) throw new Error(`hidden size ${hidden} is not a multiple of ${heads} heads`);
  const memoryWidth = need('roberta.encoder.layer.0.1.self.key.weight').shape[1]!;
  const maxPositions = need('roberta.embeddings.position_embeddings.weight').shape[0]!;
  return { tensors, dims: { layers, hidden, heads, headDim: hidden / heads, vocabulary, memoryWidth, maxPositions } };
}
