// Cross-checks a caption against the experts' outputs for its image and says what a reviewer should
// look at: objects the caption names that no expert able to see them found, counts the detector
// disagrees with, quoted text or written numbers OCR did not read, and prominent text the caption
// ignores. Each check runs only when its expert ran (its input is not null). Tuned for precision: a
// false flag costs a reviewer more than a missed one (docs/flags.md has the measured numbers).
import { captionNouns } from './captionNouns.ts';
import { countMismatchFlags } from './countCheck.ts';
import { coco133Classes, coco80Classes, ade150Classes } from '../../../../native-models/experts/labelSpaces.ts';
import { defaultThresholds, type CaptionFlag, type FlagInput, type FlagOptions, type FlagThresholds } from './flagTypes.ts';
import { LabelVocabulary, conceptOfName } from './labelVocabulary.ts';
import { ignoredTextFlags, unsupportedTextFlags } from './ocrChecks.ts';
import { unseenObjectFlags } from './unseenObjectCheck.ts';

export type { CaptionFlag, FlagInput, FlagKind, FlagOptions, FlagThresholds } from './flagTypes.ts';
export { flagKinds } from './flagTypes.ts';

const coco80 = new LabelVocabulary(coco80Classes);
const coco133 = new LabelVocabulary(coco133Classes);
const ade150 = new LabelVocabulary(ade150Classes);
const cocoOrAde = LabelVocabulary.intersection([coco133, ade150]);

/** The segmenter's label space, told by its labels when the caller does not say: the narrower guess wins. */
function segmenterVocabulary(segments: NonNullable<FlagInput['segments']>): LabelVocabulary {
  const labels = segments.map((s) => s.label);
  const candidates = [coco133, ade150].filter((v) => v.covers(labels));
  if (candidates.length === 1) return candidates[0]!;
  return cocoOrAde;
}

export function flagCaption(input: FlagInput, options: FlagOptions = {}): CaptionFlag[] {
  const thresholds: FlagThresholds = { ...defaultThresholds, ...options.thresholds };
  const detector = input.detections ? (options.detectorClasses ? new LabelVocabulary(options.detectorClasses) : coco80) : null;
  const segmenter = input.segments ? (options.segmenterClasses ? new LabelVocabulary(options.segmenterClasses) : segmenterVocabulary(input.segments)) : null;
  const judging = [detector, segmenter].filter((v): v is LabelVocabulary => v !== null);
  // Nouns are read against every vocabulary that ran, and the lexicon; each check then asks its own.
  const mentions = captionNouns(input.caption, (phrase) => {
    const ref = conceptOfName(phrase);
    return judging.some((v) => v.has(ref.concept)) ? ref : null;
  });
  return [
    ...unseenObjectFlags(mentions, input, { detector, segmenter }, thresholds),
    ...countMismatchFlags(mentions, input, detector, thresholds),
    ...unsupportedTextFlags(input.caption, input.ocr),
    ...ignoredTextFlags(input.caption, input.ocr, input.imageSize, thresholds),
  ];
}
