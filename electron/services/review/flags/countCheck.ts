// Flags a caption whose explicit count of a class disagrees with the detector's. Only explicit counts
// are read ("three", "2", "a pair of", "both", "a single"): "a dog" and "dogs" are not counts. The
// detector's answer is a range: its confident detections of the class (the least it found) up to every
// detection of the class or a class it confuses it with, weak ones included (the most it may have found).
// A word for a kind of the class ("two women" of person) only bounds the count from below.
import { iou } from '../../../../native-models/experts/det/boxesToInstanceMap.ts';
import type { NounMention } from './captionNouns.ts';
import type { Box, CaptionFlag, FlagInput, FlagThresholds } from './flagTypes.ts';
import { conceptsOfLabel, evidenceFor, type LabelVocabulary } from './labelVocabulary.ts';

/** Boxes overlapping this much are one object found twice. */
const duplicateIou = 0.8;

function countBoxes(detections: readonly { score: number; box: Box }[]): number {
  const kept: Box[] = [];
  for (const d of [...detections].sort((a, b) => b.score - a.score)) if (!kept.some((box) => iou(box, d.box) >= duplicateIou)) kept.push(d.box);
  return kept.length;
}

/** How far a large count may miss: detectors lose objects in crowds, writers round. */
function tolerance(count: number): number {
  return Math.floor(count / 5);
}

export interface DetectedRange {
  readonly confident: number;
  readonly loose: number;
}

export function detectedRange(concept: string, detections: NonNullable<FlagInput['detections']>, thresholds: FlagThresholds): DetectedRange {
  const related = evidenceFor(concept);
  const confident = detections.filter((d) => d.score >= thresholds.countScore && conceptsOfLabel(d.label).includes(concept));
  const loose = detections.filter((d) => d.score >= thresholds.presentScore && conceptsOfLabel(d.label).some((c) => related.has(c)));
  return { confident: countBoxes(confident), loose: countBoxes(loose) };
}

export function countMismatchFlags(mentions: readonly NounMention[], input: FlagInput, detector: LabelVocabulary | null, thresholds: FlagThresholds): CaptionFlag[] {
  if (!input.detections || !detector) return [];
  const counted = mentions.filter((m) => m.count !== null && !m.negated && !m.depicted && detector.has(m.concept));
  const flags: CaptionFlag[] = [];
  // "a man and a woman" counts two people though neither is counted.
  const implied = new Set(mentions.filter((m) => m.kind && m.indefinite && detector.has(m.concept)).map((m) => m.concept));
  for (const concept of implied) {
    if (counted.some((m) => m.concept === concept)) continue;
    const alsoOne = indefiniteKinds(mentions, concept);
    const range = detectedRange(concept, input.detections, thresholds);
    if (alsoOne.length < 2 || range.loose === 0 || alsoOne.length <= range.loose) continue;
    const phrase = alsoOne.map((m) => `a ${m.text}`).join('" and "');
    flags.push({
      kind: 'count-mismatch',
      message: `The caption says "${phrase}", the detector found ${range.loose} ${range.loose === 1 ? concept : pluralOf(concept)} in all.`,
      evidence: { phrase, concept, captionAtLeast: alsoOne.length, detected: range },
    });
  }
  for (const concept of new Set(counted.map((m) => m.concept))) {
    const range = detectedRange(concept, input.detections, thresholds);
    // Nothing found at all is the unseen-object check's business (or the detector's blind spot).
    if (range.loose === 0) continue;
    const ofConcept = counted.filter((m) => m.concept === concept);
    for (const mention of ofConcept.filter((m) => !m.kind)) {
      const said = mention.count!;
      const tol = tolerance(said);
      const tooMany = said > range.loose + tol;
      const tooFew = said < range.confident - tol;
      if (!tooMany && !tooFew) continue;
      const found = tooMany ? range.loose : range.confident;
      flags.push({
        kind: 'count-mismatch',
        message: `The caption says "${mention.countText}", the detector found ${found}.`,
        evidence: { phrase: mention.countText, concept, captionCount: said, detected: range },
      });
    }
    // "two men and a woman": the kinds add up, and "a woman" is one more beside the counted ones.
    const kinds = ofConcept.filter((m) => m.kind);
    const alsoOne = indefiniteKinds(mentions, concept);
    const atLeast = kinds.reduce((sum, m) => sum + m.count!, 0) + alsoOne.length;
    if (kinds.length > 0 && atLeast > range.loose + tolerance(atLeast)) {
      const phrase = [...kinds.map((m) => m.countText!), ...alsoOne.map((m) => `a ${m.text}`)].join('" and "');
      flags.push({
        kind: 'count-mismatch',
        message: `The caption says "${phrase}", the detector found ${range.loose} ${range.loose === 1 ? concept : pluralOf(concept)} in all.`,
        evidence: { phrase, concept, captionAtLeast: atLeast, detected: range },
      });
    }
  }
  return flags;
}

/** Kinds of `concept` introduced by "a"/"an" (each one more of it), likenesses and denials aside. */
function indefiniteKinds(mentions: readonly NounMention[], concept: string): NounMention[] {
  return mentions.filter((m) => m.kind && m.indefinite && m.count === null && m.concept === concept && !m.negated && !m.depicted);
}

function pluralOf(concept: string): string {
  if (concept === 'person') return 'people';
  if (/(s|x|ch|sh)$/.test(concept)) return `${concept}es`;
  return `${concept}s`;
}
