// The two checks that compare a caption with what OCR read. Unsupported text: words the caption quotes
// ('a sign that says "OPEN 24H"') or numbers it presents as written ("the number 42", "$4.99", "a shirt
// reading 23") that OCR did not read. Ignored text: large words OCR read (by the box's share of the
// image) of which the caption mentions none and quotes nothing. Both tolerate case, punctuation and
// small OCR errors.
import type { Box, CaptionFlag, FlagInput, FlagThresholds } from './flagTypes.ts';
import { alnum, foldConfusables, occursIn, spellings, words } from './textMatching.ts';

type OcrWords = NonNullable<FlagInput['ocr']>;

const quotePatterns: readonly RegExp[] = [
  /["“”„]([^"“”„]{1,120})["“”]/gu,
  // Single quotes only where they cannot be apostrophes: no letter or digit outside them.
  /(?<![\p{L}\p{N}])['‘]([^'‘’\n]{1,120}?)['’](?![\p{L}\p{N}])/gu,
];

/** Text the caption puts in quotation marks, in order. */
export function quotedTexts(caption: string): string[] {
  const found: { at: number; text: string }[] = [];
  for (const pattern of quotePatterns) {
    for (const match of caption.matchAll(pattern)) {
      const text = match[1]!.trim();
      if (alnum(text).length > 0 && !/^n$/i.test(text)) found.push({ at: match.index, text });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((q) => q.text);
}

/** A number the caption says is written in the image: after "number", "#", "reads", "says", "route", "jersey"…, or a price. */
const writtenNumberPatterns: readonly RegExp[] = [
  /(?:\b(?:number|no\.|reads|read|reading|says|saying|labeled|labelled|marked|written|printed|route|exit|gate|platform|jersey|flight|channel|highway|interstate)|#)\s*(\$?\d[\d.,]*\d|\$?\d)/giu,
  /(?<![\p{L}\p{N}])(\$\d+(?:[.,]\d{2})?)/gu,
];

/** Numbers presented as written text, outside quotation marks (those are checked as quotes). */
export function writtenNumbers(caption: string): string[] {
  let outsideQuotes = caption;
  for (const pattern of quotePatterns) outsideQuotes = outsideQuotes.replace(pattern, ' ');
  const found = new Set<string>();
  for (const pattern of writtenNumberPatterns) for (const match of outsideQuotes.matchAll(pattern)) found.add(match[1]!.replace(/[.,]$/, ''));
  return [...found];
}

/** The quoted words OCR did not read (none when it read them all). */
function unreadWords(quote: string, ocr: OcrWords): string[] {
  const all = ocr.map((w) => w.text).join('');
  return quote
    .split(/\s+/)
    .filter((word) => alnum(word).length > 0)
    .filter((word) => !spellings(word).some((spelling) => ocr.some((w) => occursIn(spelling, w.text)) || occursIn(spelling, all)));
}

export function unsupportedTextFlags(caption: string, ocr: FlagInput['ocr']): CaptionFlag[] {
  if (!ocr) return [];
  const read = ocr.map((w) => w.text).join(' ');
  const flags: CaptionFlag[] = [];
  for (const quote of quotedTexts(caption)) {
    const unread = unreadWords(quote, ocr);
    if (unread.length === 0) continue;
    const partly = unread.length < words(quote).length;
    flags.push({
      kind: 'unsupported-text',
      message: partly
        ? `The caption quotes "${quote}", but OCR did not read "${unread.join(' ')}" in the image.`
        : `The caption quotes "${quote}", which OCR did not read in the image.`,
      evidence: { quote, unread, ocrText: read },
    });
  }
  const readFolded = foldConfusables(read);
  for (const number of writtenNumbers(caption)) {
    if (readFolded.includes(foldConfusables(number))) continue;
    flags.push({
      kind: 'unsupported-text',
      message: `The caption says the image shows "${number}", which OCR did not read in the image.`,
      evidence: { number, ocrText: read },
    });
  }
  return flags;
}

/** Top to bottom by line (boxes whose vertical centres are within half a word's height share one), then left to right. */
function readingOrder(a: { box: Box }, b: { box: Box }): number {
  const height = Math.min(a.box[3] - a.box[1], b.box[3] - b.box[1]);
  const dy = (a.box[1] + a.box[3]) / 2 - (b.box[1] + b.box[3]) / 2;
  return Math.abs(dy) < height / 2 ? a.box[0] - b.box[0] : dy;
}

function areaShare(box: Box, imageSize: FlagInput['imageSize']): number {
  const area = Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
  return area / Math.max(1, imageSize.width * imageSize.height);
}

/** OCR words large enough that a caption describing the image should say what they read. */
export function prominentWords(ocr: OcrWords, imageSize: FlagInput['imageSize'], thresholds: FlagThresholds): OcrWords {
  return ocr.filter((w) => alnum(w.text).length >= thresholds.prominentChars && areaShare(w.box, imageSize) >= thresholds.prominentArea);
}

export function ignoredTextFlags(caption: string, ocr: FlagInput['ocr'], imageSize: FlagInput['imageSize'], thresholds: FlagThresholds): CaptionFlag[] {
  if (!ocr) return [];
  const prominent = prominentWords(ocr, imageSize, thresholds);
  if (prominent.length === 0 || prominent.some((w) => occursIn(w.text, caption))) return [];
  // A caption that quotes text or states a written number attends to the text; if it misread it, the
  // unsupported-text check says so.
  if (quotedTexts(caption).length > 0 || writtenNumbers(caption).length > 0) return [];
  const largest = [...prominent].sort((a, b) => areaShare(b.box, imageSize) - areaShare(a.box, imageSize)).slice(0, 3);
  const inReadingOrder = largest.sort(readingOrder);
  const shown = inReadingOrder.map((w) => w.text).join(' ');
  return [
    {
      kind: 'ignored-text',
      message: `The image shows prominent text ("${shown}") that the caption does not mention.`,
      evidence: { words: prominent.map((w) => ({ text: w.text, areaShare: Number(areaShare(w.box, imageSize).toFixed(4)) })) },
    },
  ];
}
