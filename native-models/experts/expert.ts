// The one interface every expert implements (transformers.js-pipeline style): preprocess the decoded
// image into model inputs, run them through the runtime, postprocess the outputs into the label map the
// Prismer spec defines plus what people look at and search. Adding an expert touches its own folder and
// the registry in experts/index.ts (and the model catalog).
import type { ModelRuntime } from '../runtime/modelRuntime.ts';

export const expertIds = ['depth', 'normal', 'edge', 'seg', 'det', 'ocr'] as const;

export type ExpertId = (typeof expertIds)[number];

/** An image decoded once for all experts: RGB, 8 bits, EXIF orientation applied, row-major. */
export interface RgbImage {
  readonly width: number;
  readonly height: number;
  /** width × height × 3 bytes. */
  readonly data: Uint8Array;
}

/** A single-channel float map at some resolution (depth, edge probability, …). */
export interface FloatMap {
  readonly width: number;
  readonly height: number;
  readonly channels: number;
  /** Interleaved (HWC) float values. */
  readonly data: Float32Array;
}

/** An 8-bit map as saved for Prismer: greyscale (1 channel) or RGB (3 channels), at the image's size. */
export interface LabelMap {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
  readonly data: Uint8Array;
}

export interface Detection {
  readonly label: string;
  /** Class id in the source model's space (e.g. COCO-80). */
  readonly classId: number;
  readonly score: number;
  /** Pixels of the original image: x0, y0, x1, y1. */
  readonly box: readonly [number, number, number, number];
}

export interface OcrWord {
  readonly text: string;
  readonly score: number;
  /** Polygon in original-image pixels (4 corners, clockwise from top-left). */
  readonly polygon: readonly (readonly [number, number])[];
}

export interface ClassShare {
  readonly classId: number;
  readonly label: string;
  /** Fraction of the image's pixels, 0–1. */
  readonly share: number;
}

/** What an expert produced for one image. */
export interface ExpertOutput {
  readonly expert: ExpertId;
  /** Catalog id of the model used, or the name of the classical method ('canny', 'depth-gradient'). */
  readonly modelId: string;
  readonly modelVersion: string;
  /** True for a classical stand-in (Canny edges, normals from depth): the UI says so. */
  readonly isFallback: boolean;
  /** The label map exactly as the spec's post-processing defines it (null: none, e.g. OCR found no text). */
  readonly labelMap: LabelMap | null;
  /** Extra JSON the spec saves beside the map (detection: instance index → class id). */
  readonly labelMeta?: unknown;
  /** Numbers for the UI and search (depth min/max/median, class shares, …). */
  readonly stats: Record<string, unknown>;
  readonly detections?: readonly Detection[];
  readonly words?: readonly OcrWord[];
  readonly classShares?: readonly ClassShare[];
  /** Searchable text (OCR words joined by spaces). */
  readonly text?: string;
}

/** What an expert needs besides the image: the runtime, the model files, and outputs of experts it uses. */
export interface ExpertContext {
  readonly runtime: ModelRuntime;
  /** Resolved paths of the installed model files this expert asked for, by role ('model', 'rec', …). */
  readonly modelFiles: Readonly<Record<string, string>>;
  /** Outputs already computed for this image (detection needs depth to order boxes; normals may use depth). */
  readonly previous: ReadonlyMap<ExpertId, ExpertOutput>;
  readonly signal?: AbortSignal;
}

/**
 * An expert in three stages, so each can be tested alone: `preprocess` turns the image into model inputs
 * (resize, normalise, layout), `infer` runs them (through the runtime, or a classical algorithm), and
 * `postprocess` turns raw outputs into the saved label map, statistics and searchable facts.
 */
export interface Expert<Prepared = unknown, Raw = unknown> {
  readonly id: ExpertId;
  /** Catalog id of the model (or the classical method's name) this implementation runs. */
  readonly modelId: string;
  readonly modelVersion: string;
  readonly isFallback: boolean;
  /** Experts whose outputs this one reads from `previous` (they run first). */
  readonly needs?: readonly ExpertId[];
  preprocess(image: RgbImage, context: ExpertContext): Prepared | Promise<Prepared>;
  infer(prepared: Prepared, context: ExpertContext): Raw | Promise<Raw>;
  postprocess(raw: Raw, image: RgbImage, context: ExpertContext): ExpertOutput | Promise<ExpertOutput>;
}

/** The installed file of the expert's single 'model' role; `missing` names it in the error ("The depth model"). */
export function requireModelFile(context: ExpertContext, missing: string): string {
  const path = context.modelFiles.model;
  if (!path) throw new Error(`${missing} is not installed.`);
  return path;
}

export async function runExpert<P, R>(expert: Expert<P, R>, image: RgbImage, context: ExpertContext): Promise<ExpertOutput> {
  context.signal?.throwIfAborted();
  const prepared = await expert.preprocess(image, context);
  context.signal?.throwIfAborted();
  const raw = await expert.infer(prepared, context);
  return expert.postprocess(raw, image, context);
}
