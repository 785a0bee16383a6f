// What the task functions (caption, ask, tag) need for one image: the encoder's memory, the tokenizer,
// the split decoding graphs and something to run them. The encoder call and the expert inputs are
// produced elsewhere; the tasks only decode.
import type { ByteLevelBpeTokenizer } from '../tokenizer/byteLevelBpeTokenizer.ts';
import { OnnxStepDecoder, type DecodingGraphPaths, type GraphRunner, type ImageMemory } from './onnxStepDecoder.ts';

export interface TaskContext {
  readonly runner: GraphRunner;
  readonly graphs: DecodingGraphPaths;
  readonly tokenizer: ByteLevelBpeTokenizer;
  readonly memory: ImageMemory;
  /** Reused when given (its cross keys/values are computed once); otherwise one is made per call. */
  readonly decoder?: OnnxStepDecoder;
}

export function taskDecoder(context: TaskContext): OnnxStepDecoder {
  return context.decoder ?? new OnnxStepDecoder(context.runner, context.graphs, context.memory);
}

export function tokenId(tokenizer: ByteLevelBpeTokenizer, token: string): number {
  const id = tokenizer.tokenToId(token);
  if (id === undefined) throw new Error(`the tokenizer has no ${token} token`);
  return id;
}
