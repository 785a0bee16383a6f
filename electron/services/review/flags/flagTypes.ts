// The flag checks' shared vocabulary: what a check reads (a caption and the expert outputs stored for its
// image), what it reports, and the thresholds it judges with. Pure data; no database, no Electron.

export type Box = readonly [number, number, number, number];

export interface FlagInput {
  readonly caption: string;
  /** Boxes are x0, y0, x1, y1 in image pixels; null = the detector was not run. */
  readonly detections: readonly { label: string; score: number; box: Box }[] | null;
  /** Class area shares 0..1; null = the segmenter was not run. */
  readonly segments: readonly { label: string; share: number }[] | null;
  /** OCR words with their boxes (x0, y0, x1, y1); null = OCR was not run. */
  readonly ocr: readonly { text: string; box: Box }[] | null;
  readonly imageSize: { width: number; height: number };
}

export type FlagKind = 'unseen-object' | 'count-mismatch' | 'unsupported-text' | 'ignored-text';

export const flagKinds: readonly FlagKind[] = ['unseen-object', 'count-mismatch', 'unsupported-text', 'ignored-text'];

export interface CaptionFlag {
  readonly kind: FlagKind;
  /** One sentence a reviewer understands: what the caption says and what the expert found. */
  readonly message: string;
  readonly evidence: Record<string, unknown>;
}

export interface FlagThresholds {
  /** A detection at least this sure counts as finding its class (low: a weak find is enough to not flag). */
  readonly presentScore: number;
  /** Detections at least this sure are the ones a count must reach; weaker ones only widen the range. */
  readonly countScore: number;
  /** A segment class covering at least this share of the image counts as found. */
  readonly presentShare: number;
  /** An OCR word whose box covers at least this share of the image is prominent... */
  readonly prominentArea: number;
  /** ...if it has at least this many letters or digits. */
  readonly prominentChars: number;
}

export const defaultThresholds: FlagThresholds = {
  presentScore: 0.3,
  countScore: 0.5,
  presentShare: 0.002,
  prominentArea: 0.005,
  prominentChars: 3,
};

export interface FlagOptions {
  /** The detector's class names (e.g. the 722 unified classes); default COCO-80, the bundled detector's. */
  readonly detectorClasses?: readonly string[];
  /**
   * The segmenter's class names; default COCO-133 or ADE-150, whichever holds every segment label the
   * input carries (the classes both share when both do).
   */
  readonly segmenterClasses?: readonly string[];
  readonly thresholds?: Partial<FlagThresholds>;
}
