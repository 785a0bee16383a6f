// Runs one Prismer task on one image from a bundle: decode and preprocess the RGB (resolution from the
// bundle's config), the expert inputs when the model takes them, the encoder, then caption / ask / tag
// with the tasks module over the encoder memory. Every stage is timed (milliseconds).
import type { ClipTextEncoder } from '../../clip/clipTextEncoder.ts';
import type { ExpertId, RgbImage } from '../../experts/expert.ts';
import { decodeRgb } from '../../imageOps/decodeRgb.ts';
import { TensorClass } from '../../runtime/modelRuntime.ts';
import type { SavedLabels } from '../inputs/assembleInputs.ts';
import { caption, type CaptionOptions, type CaptionResult } from '../tasks/caption.ts';
import type { GraphRunner } from '../tasks/onnxStepDecoder.ts';
import { tag, type Tag, type TagOptions } from '../tasks/tagging.ts';
import { ask, type AskOptions, type AskResult } from '../tasks/vqa.ts';
import { prismerExpertFeeds } from './expertInputs.ts';
import type { PrismerBundle } from './loadBundle.ts';
import { prismerRgbInput } from './preprocessRgb.ts';

export type PrismerTask =
  | { readonly task: 'caption'; readonly options?: CaptionOptions }
  | { readonly task: 'ask'; readonly question: string; readonly options?: AskOptions }
  | { readonly task: 'tag'; readonly classNames: readonly string[]; readonly options?: TagOptions };

export interface PrismerTimings {
  decode: number;
  preprocess: number;
  expertInputs: number;
  encoder: number;
  task: number;
  total: number;
}

export type PrismerTaskResult =
  | { readonly task: 'caption'; readonly caption: CaptionResult }
  | { readonly task: 'ask'; readonly answer: AskResult }
  | { readonly task: 'tag'; readonly tags: readonly Tag[] };

export type PrismerRunResult = PrismerTaskResult & {
  readonly model: string;
  readonly variant: 'prismer' | 'prismerz';
  readonly imageSize: { readonly width: number; readonly height: number };
  /** Experts the model takes whose output was absent and was replaced as the official code does. */
  readonly missingExperts: readonly ExpertId[];
  readonly notes: readonly string[];
  readonly timings: PrismerTimings;
};

export interface PrismerRunInput {
  readonly bundle: PrismerBundle;
  /** A path to decode, or decoded pixels. */
  readonly image: string | RgbImage;
  /** The saved expert label maps (Prismer models only). */
  readonly experts?: Partial<Record<ExpertId, SavedLabels>>;
  /** The folder holding Prismer's label tables (Prismer models only), and the OCR PCA. */
  readonly labelTablesDir?: string;
  /** The CLIP text encoder for OCR word features, when its model is installed (Prismer models only). */
  readonly clipText?: ClipTextEncoder;
  readonly request: PrismerTask;
}

export async function runPrismer(runner: GraphRunner, input: PrismerRunInput): Promise<PrismerRunResult> {
  const { bundle, request } = input;
  const { config } = bundle;
  const timings: PrismerTimings = { decode: 0, preprocess: 0, expertInputs: 0, encoder: 0, task: 0, total: 0 };
  const start = performance.now();
  let mark = start;
  const lap = (stage: keyof PrismerTimings) => {
    const now = performance.now();
    timings[stage] = now - mark;
    mark = now;
  };

  const experts = await prismerExpertFeeds(config, input.experts ?? {}, input.labelTablesDir, input.clipText);
  lap('expertInputs');
  const image = typeof input.image === 'string' ? await decodeRgb(input.image) : input.image;
  lap('decode');
  const rgb = await prismerRgbInput(image, config.resolution);
  lap('preprocess');
  const out = await runner.run(bundle.encoder, { rgb: new TensorClass('float32', rgb.data, rgb.dims), ...experts.feeds });
  const memoryTensor = out['memory'];
  if (!memoryTensor) throw new Error(`The encoder of ${config.name} returned no memory`);
  const memory = { data: Float32Array.from(memoryTensor.data as Float32Array), dims: memoryTensor.dims as number[] };
  lap('encoder');

  const context = { runner, graphs: bundle.graphs, tokenizer: bundle.tokenizer, memory };
  let result: PrismerTaskResult;
  if (request.task === 'caption') result = { task: 'caption', caption: await caption(context, request.options) };
  else if (request.task === 'ask') result = { task: 'ask', answer: await ask(context, request.question, request.options) };
  else result = { task: 'tag', tags: await tag(context, request.classNames, request.options) };
  lap('task');
  timings.total = performance.now() - start;
  return {
    ...result,
    model: config.name,
    variant: config.variant,
    imageSize: { width: image.width, height: image.height },
    missingExperts: experts.missing,
    notes: experts.notes,
    timings,
  };
}
