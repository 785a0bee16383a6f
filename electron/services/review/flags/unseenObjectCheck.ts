// Flags the objects a caption names that the experts able to see them did not find. A noun is judged
// only by an expert that ran and whose label space holds its concept; it counts as found when the
// detector or the segmenter reports its concept, or one they confuse it with (a "car" found as a truck).
import { neverJudged } from './conceptLexicon.ts';
import type { NounMention } from './captionNouns.ts';
import type { CaptionFlag, FlagInput, FlagThresholds } from './flagTypes.ts';
import { conceptsOfLabel, evidenceFor, type LabelVocabulary } from './labelVocabulary.ts';

export interface JudgingVocabularies {
  /** Null when the detector did not run. */
  readonly detector: LabelVocabulary | null;
  /** Null when the segmenter did not run. */
  readonly segmenter: LabelVocabulary | null;
}

/** The concepts the experts found, each with the expert labels that gave it. */
function foundConcepts(input: FlagInput, thresholds: FlagThresholds): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  const add = (label: string) => {
    for (const concept of conceptsOfLabel(label)) found.set(concept, (found.get(concept) ?? new Set()).add(label));
  };
  for (const d of input.detections ?? []) if (d.score >= thresholds.presentScore) add(d.label);
  for (const s of input.segments ?? []) if (s.share >= thresholds.presentShare) add(s.label);
  return found;
}

function unseenMessage(mention: NounMention, byDetector: boolean, bySegmenter: boolean): string {
  const what = mention.plural ? 'any' : 'one';
  const who = byDetector && bySegmenter ? `neither the detector nor the segmenter found ${what}` : `the ${byDetector ? 'detector' : 'segmenter'} did not find ${what}`;
  return `The caption mentions "${mention.text}", but ${who}.`;
}

export function unseenObjectFlags(mentions: readonly NounMention[], input: FlagInput, vocabularies: JudgingVocabularies, thresholds: FlagThresholds): CaptionFlag[] {
  const found = foundConcepts(input, thresholds);
  const flagged = new Set<string>();
  const flags: CaptionFlag[] = [];
  for (const mention of mentions) {
    if (mention.negated || mention.depicted || flagged.has(mention.concept)) continue;
    const word = mention.text.toLowerCase().replace(/'s?$/, '');
    if (neverJudged.has(mention.concept) || neverJudged.has(word)) continue;
    const byDetector = vocabularies.detector?.has(mention.concept) ?? false;
    const bySegmenter = vocabularies.segmenter?.has(mention.concept) ?? false;
    if (!byDetector && !bySegmenter) continue;
    const evidence = [...evidenceFor(mention.concept)].filter((concept) => found.has(concept));
    if (evidence.length > 0) continue;
    flagged.add(mention.concept);
    flags.push({
      kind: 'unseen-object',
      message: unseenMessage(mention, byDetector, bySegmenter),
      evidence: {
        noun: mention.text,
        concept: mention.concept,
        judgedBy: [...(byDetector ? ['detector'] : []), ...(bySegmenter ? ['segmenter'] : [])],
        found: [...found.keys()].sort(),
      },
    });
  }
  return flags;
}
