// A hand-labelled set of caption / expert-output pairs and the flags a careful reviewer would raise on
// each, for measuring the flag checks' precision and recall (flagPrecision.test.ts). The labels follow
// one policy, written before the checks were tuned and kept where the checks disagree:
// - unseen-object: the caption names a thing that an expert which ran *and can recognise that class*
//   did not find (nor anything it is easily confused with). Things no expert can name, likenesses
//   ("a toy car"), denied things ("no cars") and words for the picture itself are never flagged.
// - count-mismatch: the caption gives an explicit number (or implies one, "two men and a woman") that
//   the detector's finds clearly contradict; vague amounts ("a group of", "a herd of") never.
// - unsupported-text: quoted words or written numbers that OCR, which ran, did not read.
// - ignored-text: OCR read large text and the caption neither mentions it nor tries to quote it (a
//   caption that misquotes the text is unsupported-text, not ignored-text).
// Images are 640×480 unless a case says otherwise; OCR boxes are sized like the text they stand for.
import type { FlagInput, FlagKind } from '../../../../../electron/services/review/flags/captionFlags.ts';

type Box = readonly [number, number, number, number];
type Detection = NonNullable<FlagInput['detections']>[number];
type Segment = NonNullable<FlagInput['segments']>[number];
type Word = NonNullable<FlagInput['ocr']>[number];

export interface LabelledCase {
  readonly name: string;
  readonly input: FlagInput;
  /** The flags a careful reviewer raises (each kind at most once). */
  readonly expected: readonly FlagKind[];
}

const imageSize = { width: 640, height: 480 };

let placed = 0;

/** Detections of one class, each in a place of its own so none looks like a duplicate of another. */
function det(label: string, count = 1, score = 0.9): Detection[] {
  return Array.from({ length: count }, (): Detection => {
    const slot = placed++ % 40;
    const x = (slot % 10) * 60;
    const y = Math.floor(slot / 10) * 110;
    return { label, score, box: [x, y, x + 50, y + 100] as Box };
  });
}

function seg(...pairs: [string, number][]): Segment[] {
  return pairs.map(([label, share]) => ({ label, share }));
}

/** A word with a box of the given size at (x, y). */
function word(text: string, x: number, y: number, width: number, height: number): Word {
  return { text, box: [x, y, x + width, y + height] };
}

/** A word big enough to be the image's headline (about 4% of a 640×480 image). */
function bigWord(text: string, x = 100, y = 60): Word {
  return word(text, x, y, 60 * Math.max(3, text.length) / 1.5, 80);
}

/** A word of small print (well under a thousandth of the image). */
function smallWord(text: string, x = 500, y = 400): Word {
  return word(text, x, y, 8 * text.length, 12);
}

function pair(name: string, caption: string, experts: Partial<Omit<FlagInput, 'caption' | 'imageSize'>>, expected: FlagKind[]): LabelledCase {
  return {
    name,
    input: { caption, detections: experts.detections ?? null, segments: experts.segments ?? null, ocr: experts.ocr ?? null, imageSize },
    expected,
  };
}

export const labelledCases: readonly LabelledCase[] = [
  // ── objects ──────────────────────────────────────────────────────────────────────────────────────
  pair('a man and his dog, both found', 'a man and his dog walking on the beach', { detections: [...det('person'), ...det('dog')], segments: seg(['sand', 0.4], ['sea', 0.3], ['sky', 0.25]) }, []),
  pair('the detector saw a cat where the caption says dog', 'a dog sitting on a couch', { detections: [...det('cat'), ...det('couch')], segments: seg(['couch', 0.3], ['wall', 0.4], ['floor', 0.2]) }, ['unseen-object']),
  pair('a cat on a bed', 'a cat sleeping on a bed', { detections: [...det('cat'), ...det('bed')], segments: seg(['bed', 0.5], ['wall', 0.3]) }, []),
  pair('a giraffe by a tree', 'a giraffe standing next to a tree', { detections: det('giraffe'), segments: seg(['tree', 0.3], ['sky', 0.3], ['grass', 0.2]) }, []),
  pair('a zebra the detector calls a horse', 'a zebra grazing in a field', { detections: det('horse', 1, 0.8), segments: seg(['grass', 0.6], ['sky', 0.2]) }, ['unseen-object']),
  pair('surfing: the wave is nobody\'s class', 'a man riding a surfboard on a wave', { detections: [...det('person'), ...det('surfboard')], segments: seg(['sea', 0.7]) }, []),
  pair('a plate of food', 'a plate of food with broccoli and carrots', { detections: [...det('broccoli'), ...det('carrot', 3), ...det('dining table')], segments: seg(['food', 0.4], ['table', 0.3]) }, []),
  pair('a stove no expert here knows', 'a kitchen with a refrigerator, a stove and a microwave', { detections: [...det('refrigerator'), ...det('oven'), ...det('microwave')], segments: seg(['cabinet', 0.3], ['wall', 0.3], ['floor', 0.1]) }, []),
  pair('a puppy is a dog', 'a puppy chewing on a shoe', { detections: det('dog'), segments: seg(['floor', 0.5]) }, []),
  pair('an automobile is a car', 'an automobile parked next to a fire hydrant', { detections: [...det('car'), ...det('fire hydrant')], segments: seg(['road', 0.4], ['pavement', 0.2]) }, []),
  pair('television ↔ tv, and a stand is not judged', 'a television on a wooden stand in a living room', { detections: det('tv'), segments: seg(['wall', 0.5], ['floor', 0.2], ['cabinet', 0.1]) }, []),
  pair('no cars or people, as the caption says', 'an empty street with no cars or people', { detections: [], segments: seg(['road', 0.5], ['building', 0.3], ['sky', 0.2]) }, []),
  pair('a toy car is a likeness', 'a toy car on a wooden floor', { detections: [], segments: seg(['floor', 0.8]) }, []),
  pair('a painting of a horse', 'a painting of a horse hanging on a wall', { detections: [], segments: seg(['wall', 0.8]) }, []),
  pair('words for the picture itself', 'a picture of a clear view on a sunny day', { detections: [], segments: seg(['sky', 0.9]) }, []),
  pair('a hot dog is not a dog', 'a hot dog on a plate next to a cup of coffee', { detections: [...det('hot dog'), ...det('cup')], segments: seg(['food', 0.3], ['table', 0.5]) }, []),
  pair('a dog bed holds no dog', 'a dog bed in the corner of a room', { detections: det('bed'), segments: seg(['floor', 0.5], ['wall', 0.4]) }, []),
  pair('a frisbee thrown to a missing dog', 'a man throwing a frisbee to his dog in the park', { detections: [...det('person'), ...det('frisbee')], segments: seg(['grass', 0.6], ['tree', 0.3]) }, ['unseen-object']),
  pair('a bathroom, all found', 'a bathroom with a toilet and a sink', { detections: [...det('toilet'), ...det('sink')], segments: seg(['wall-tile', 0.5], ['floor', 0.2]) }, []),
  pair('a bathroom without the toilet', 'a bathroom with a toilet and a sink', { detections: det('sink'), segments: seg(['wall-tile', 0.5], ['floor', 0.2]) }, ['unseen-object']),
  pair('a kite in the sky', 'a kite flying in a blue sky', { detections: det('kite'), segments: seg(['sky', 0.9]) }, []),
  pair('a kite nobody found', 'a kite flying in a blue sky', { detections: [], segments: seg(['sky', 0.95]) }, ['unseen-object']),
  pair('a laptop on a desk (a desk is a table to COCO)', 'a cat sitting next to a laptop on a desk', { detections: [...det('cat'), ...det('laptop')], segments: seg(['table', 0.4], ['wall', 0.4]) }, []),
  pair('no experts ran', 'a woman holding an umbrella in the rain', {}, []),
  pair('a woman with an umbrella', 'a woman holding an umbrella in the rain', { detections: [...det('person'), ...det('umbrella')] }, []),
  pair('fruit: oranges and bananas', 'a bowl of oranges and bananas on a table', { detections: [...det('orange', 3), ...det('banana', 2), ...det('bowl'), ...det('dining table')] }, []),
  pair('apples the detector saw as oranges', 'a bowl of apples on a table', { detections: [...det('orange', 3), ...det('bowl'), ...det('dining table')], segments: seg(['table', 0.5], ['wall', 0.3]) }, ['unseen-object']),
  pair('a double decker is a bus', 'a red double decker bus on a city street', { detections: [...det('bus'), ...det('car', 2)], segments: seg(['road', 0.3], ['building', 0.4], ['sky', 0.1]) }, []),
  pair('a pickup the detector called a car', 'a pickup truck parked on the street', { detections: det('car', 1, 0.7), segments: seg(['road', 0.5], ['building', 0.2]) }, []),
  pair('elephants and a river', 'a herd of elephants crossing a river', { detections: det('elephant', 4), segments: seg(['river', 0.4], ['tree', 0.3]) }, []),
  pair('a crowd is people', 'a man walking through a crowd at a train station', { detections: [...det('person', 7), ...det('train')], segments: seg(['platform', 0.3], ['building', 0.3]) }, []),
  pair('a cake with candles', 'a close up of a cake with candles', { detections: det('cake'), segments: seg(['food', 0.6], ['table', 0.3]) }, []),
  pair('a woman and a child on a bench', 'a woman and a child sitting on a bench', { detections: [...det('person', 2), ...det('bench')], segments: seg(['grass', 0.5], ['tree', 0.3]) }, []),
  pair('a parking lot of cars', 'a parking lot full of cars', { detections: det('car', 8), segments: seg(['road', 0.6]) }, []),
  pair('a missing laptop under ADE', 'a desk with a laptop and a lamp', { detections: det('dining table'), segments: seg(['desk', 0.3], ['wall', 0.4], ['lamp', 0.02], ['floor', 0.1]) }, ['unseen-object']),

  // ── counts ───────────────────────────────────────────────────────────────────────────────────────
  pair('three people, five found', 'three people standing in front of a building', { detections: det('person', 5), segments: seg(['building', 0.6]) }, ['count-mismatch']),
  pair('a group of six people', 'a group of people standing on a street', { detections: det('person', 6), segments: seg(['road', 0.4], ['building', 0.3]) }, []),
  pair('two dogs, two found', 'two dogs playing in the grass', { detections: det('dog', 2), segments: seg(['grass', 0.7]) }, []),
  pair('two dogs, one found', 'two dogs playing in the grass', { detections: det('dog', 1), segments: seg(['grass', 0.7]) }, ['count-mismatch']),
  pair('a pair of skis is one box', 'a pair of skis leaning against a wall', { detections: det('skis'), segments: seg(['wall', 0.8]) }, []),
  pair('two men and a woman, three found', 'two men and a woman sitting at a table', { detections: [...det('person', 3), ...det('dining table')] }, []),
  pair('two men and a woman, two found', 'two men and a woman sitting at a table', { detections: [...det('person', 2), ...det('dining table')] }, ['count-mismatch']),
  pair('five sheep', 'five sheep grazing on a hillside', { detections: det('sheep', 5), segments: seg(['grass', 0.7]) }, []),
  pair('twelve cows, eleven found', 'twelve cows standing in a field', { detections: [...det('cow', 10), ...det('cow', 1, 0.35)], segments: seg(['grass', 0.7]) }, []),
  pair('a lone surfer', 'a lone surfer riding a wave', { detections: [...det('person'), ...det('surfboard')], segments: seg(['sea', 0.8]) }, []),
  pair('a single elephant, two found', 'a single elephant walking across the road', { detections: det('elephant', 2), segments: seg(['road', 0.4]) }, ['count-mismatch']),
  pair('a 5-year-old is not a count', 'a 5-year-old boy blowing out candles on a cake', { detections: [...det('person'), ...det('cake')] }, []),
  pair('three giraffes and a doubtful fourth', 'three giraffes standing near a fence', { detections: [...det('giraffe', 3), ...det('giraffe', 1, 0.4)], segments: seg(['fence', 0.1], ['tree', 0.3]) }, []),
  pair('two people on a motorcycle', 'two people riding on a motorcycle', { detections: [...det('person', 2), ...det('motorcycle')], segments: seg(['road', 0.5]) }, []),
  pair('two laptops and a phone', 'a table with two laptops and a phone', { detections: [...det('laptop', 2), ...det('cell phone'), ...det('dining table')] }, []),
  pair('three cats, one of them faint', 'a photo of three cats on a couch', { detections: [...det('cat', 2), ...det('cat', 1, 0.35), ...det('couch')] }, []),
  pair('four horses, two found', 'four horses pulling a carriage down a road', { detections: det('horse', 2), segments: seg(['road', 0.5]) }, ['count-mismatch']),

  // ── text ─────────────────────────────────────────────────────────────────────────────────────────
  pair('a stop sign that says stop', "a stop sign that says 'stop'", { detections: det('stop sign'), ocr: [bigWord('STOP')] }, []),
  pair('a quote OCR read only half of', 'a storefront with a sign that says "OPEN 24H"', { detections: [], ocr: [bigWord('OPEN')] }, ['unsupported-text']),
  pair('a stop sign the caption does not read', 'a red sign on a pole next to a road', { detections: det('stop sign'), segments: seg(['road', 0.3], ['sky', 0.4]), ocr: [bigWord('STOP')] }, ['ignored-text']),
  pair('a stop sign named in the caption', 'a stop sign at an empty intersection', { detections: det('stop sign'), segments: seg(['road', 0.5]), ocr: [bigWord('STOP')] }, []),
  pair('the number 42, small but read', 'a bus with the number 42 on its front', { detections: det('bus'), ocr: [smallWord('42')] }, []),
  pair('the number 42, read as 24', 'a bus with the number 42 on its front', { detections: det('bus'), ocr: [smallWord('24')] }, ['unsupported-text']),
  pair('the number 42 without OCR', 'a bus with the number 42 on its front', { detections: det('bus') }, []),
  pair('a shirt that reads NASA', 'a man wearing a shirt that reads "NASA"', { detections: det('person'), ocr: [word('NASA', 300, 200, 90, 30)] }, []),
  pair('a sign with an OCR slip', 'a coffee shop with a sign reading "Starbucks Coffee"', { ocr: [bigWord('STARBUCKS', 40, 40), bigWord('COFFE', 40, 140)] }, []),
  pair('a quote of a different shop', 'a sign reading "Starbucks Coffee"', { ocr: [bigWord('DUNKIN', 40, 40), bigWord('DONUTS', 40, 140)] }, ['unsupported-text']),
  pair('small print is not prominent', 'a train stopped at a station platform', { detections: det('train'), segments: seg(['platform', 0.3]), ocr: [smallWord('EXIT')] }, []),
  pair('a banner the caption does not read', 'a large banner hanging on a building', { segments: seg(['building', 0.5], ['banner', 0.2]), ocr: [bigWord('GRAND', 60, 100), bigWord('OPENING', 300, 100)] }, ['ignored-text']),
  pair('a banner the caption reads', 'a grand opening banner on a store front', { segments: seg(['building', 0.5], ['banner', 0.2]), ocr: [bigWord('GRAND', 60, 100), bigWord('OPENING', 300, 100)] }, []),
  pair('a street sign, two words', "a street sign that says 'Main St'", { ocr: [bigWord('MAIN'), bigWord('ST', 400)] }, []),
  pair('look-alike characters', "a man holding a sign reading 'Will work for food'", { detections: det('person'), ocr: [word('WILL', 100, 200, 60, 25), word('WORK', 170, 200, 60, 25), word('FOR', 240, 200, 45, 25), word('F00D', 295, 200, 60, 25)] }, []),
  pair('a price OCR read differently', 'a price tag of $4.99 on a shelf of cans', { ocr: [word('$3.49', 200, 200, 80, 30)] }, ['unsupported-text']),
  pair('OCR noise is not text', 'a close up of a brick wall', { segments: seg(['wall-brick', 0.95]), ocr: [word('ll', 100, 100, 80, 80), word('AE', 300, 200, 70, 70)] }, []),
  pair('punctuation in a brand name', 'a red truck with a coca cola logo on the side', { detections: det('truck'), ocr: [bigWord('Coca-Cola', 100, 150)] }, []),
  pair('a clock and no OCR', 'a clock tower showing a quarter past three', { detections: det('clock'), segments: seg(['building', 0.4], ['sky', 0.5]) }, []),
];

/**
 * A second set, written and labelled under the same policy after the checks had been tuned on the first.
 * Its first run (before the fixes it prompted: kinship words, "a dozen", "a man and a woman", "route
 * 12") is the fairer estimate of precision; docs/flags.md records that run and the current one.
 */
export const heldOutCases: readonly LabelledCase[] = [
  pair('a batter and a ball', 'a young boy swinging a baseball bat at a ball', { detections: [...det('person'), ...det('baseball bat'), ...det('sports ball')] }, []),
  pair('batter and catcher', 'a batter swinging at a pitch while the catcher waits', { detections: [...det('person', 2), ...det('baseball glove')] }, []),
  pair('a phone nobody found', 'a woman talking on her cell phone', { detections: det('person') }, ['unseen-object']),
  pair('a newspaper is nobody\'s class', 'a man sitting on a bench reading a newspaper', { detections: [...det('person'), ...det('bench')] }, []),
  pair('several motorcycles', 'several motorcycles parked along the sidewalk', { detections: det('motorcycle', 4), segments: seg(['pavement', 0.3], ['road', 0.3]) }, []),
  pair('a bunch of bananas', 'a bunch of bananas hanging from a hook', { detections: det('banana') }, []),
  pair('a dozen donuts, nine found', 'a dozen donuts in a box', { detections: det('donut', 9) }, ['count-mismatch']),
  pair('an airplane over a city', 'an airplane flying over a city', { detections: det('airplane'), segments: seg(['sky', 0.6], ['building', 0.3]) }, []),
  pair('a jet on an ADE runway', 'a jet on the runway at an airport', { detections: det('airplane'), segments: seg(['runway', 0.4], ['sky', 0.4]) }, []),
  pair('zebras and a giraffe', 'two zebras and a giraffe at a watering hole', { detections: [...det('zebra', 2), ...det('giraffe')] }, []),
  pair('zebras without the giraffe', 'two zebras and a giraffe at a watering hole', { detections: det('zebra', 2) }, ['unseen-object']),
  pair('a cat and its reflection', 'a cat looking at its reflection in a mirror', { detections: det('cat', 2), segments: seg(['mirror', 0.3], ['wall', 0.5]) }, []),
  pair('an elephant\'s mother is an elephant', 'a baby elephant next to its mother', { detections: det('elephant', 2), segments: seg(['grass', 0.5]) }, []),
  pair('suit and tie', 'a man in a suit and tie', { detections: [...det('person'), ...det('tie')] }, []),
  pair('a girl and a teddy bear', 'a little girl hugging a teddy bear', { detections: [...det('person'), ...det('teddy bear')] }, []),
  pair('a stuffed bear', 'a stuffed bear sitting on a chair', { detections: [...det('teddy bear'), ...det('chair')] }, []),
  pair('a train station without a train', 'a black and white photo of a train station', { detections: [], segments: seg(['platform', 0.3], ['railroad', 0.2], ['building', 0.4]) }, []),
  pair('a monitor the detector calls tv', 'a computer monitor and keyboard on a desk', { detections: [...det('tv'), ...det('keyboard'), ...det('mouse')] }, []),
  pair('a clock on a building', 'a large clock on the side of a building', { detections: det('clock'), segments: seg(['building', 0.6], ['sky', 0.3]) }, []),
  pair('a faint plane', 'a plane flying in the sky', { detections: det('airplane', 1, 0.35), segments: seg(['sky', 0.9]) }, []),
  pair('a bike that is a motorcycle', 'a man standing next to his bike', { detections: [...det('person'), ...det('motorcycle')] }, []),
  pair('sheep and a missing dog', 'a herd of sheep on a hill with a dog', { detections: det('sheep', 10), segments: seg(['grass', 0.7]) }, ['unseen-object']),
  pair('slices of pizza', 'three slices of pizza on a plate', { detections: det('pizza', 3) }, []),
  pair('four people and a frisbee', 'four people playing frisbee in a park', { detections: [...det('person', 4), ...det('frisbee')] }, []),
  pair('a family of four', 'a family of four having dinner', { detections: [...det('person', 4), ...det('dining table')] }, []),
  pair('a man and a woman, one found', 'a man and a woman walking down the street', { detections: det('person'), segments: seg(['road', 0.5]) }, ['count-mismatch']),
  pair('a small label', 'a bottle of wine labeled "Merlot"', { detections: det('bottle'), ocr: [smallWord('MERLOT')] }, []),
  pair('a book title', 'a book with the title "Harry Potter" on the cover', { detections: det('book'), ocr: [bigWord('HARRY'), bigWord('POTTER', 100, 200)] }, []),
  pair('a road sign to Boston', 'a road sign pointing to Boston', { ocr: [bigWord('BOSTON'), bigWord('95', 100, 200)] }, []),
  pair('a highway sign, unread', 'a highway sign over the road', { segments: seg(['road', 0.4], ['sky', 0.4]), ocr: [bigWord('EXIT'), bigWord('12', 100, 200)] }, ['ignored-text']),
  pair('a street sign, unread', 'a green street sign on a pole', { ocr: [bigWord('BROADWAY')] }, ['ignored-text']),
  pair('a bus route, half read', 'the front of a bus showing route 12', { detections: det('bus'), ocr: [bigWord('12'), bigWord('DOWNTOWN', 100, 200)] }, []),
  pair('a sticker', "a laptop with a sticker that says 'hello'", { detections: det('laptop'), ocr: [word('hello', 200, 200, 60, 20)] }, []),
  pair('a birthday cake, read', "a birthday cake that says 'Happy Birthday Emma'", { detections: det('cake'), ocr: [bigWord('HAPPY'), bigWord('BIRTHDAY', 100, 180), bigWord('EMMA', 100, 300)] }, []),
  pair('a birthday cake, another name', "a birthday cake that says 'Happy Birthday Emma'", { detections: det('cake'), ocr: [bigWord('HAPPY'), bigWord('BIRTHDAY', 100, 180), bigWord('ANNA', 100, 300)] }, ['unsupported-text']),
  pair('jersey number read', 'a man wearing jersey number 23', { detections: det('person'), ocr: [word('23', 300, 200, 40, 40)] }, []),
  pair('jersey number misread', 'a man wearing jersey number 23', { detections: det('person'), ocr: [word('32', 300, 200, 40, 40)] }, ['unsupported-text']),
  pair('two cups of coffee', 'two cups of coffee on a table', { detections: [...det('cup', 2), ...det('dining table')] }, []),
  pair('an orange cat', 'an orange cat lying in the sun', { detections: det('cat') }, []),
  pair('an orange nobody found', 'a man holding an orange', { detections: det('person') }, ['unseen-object']),
];

/**
 * A third set in the style of COCO captions (what the captioner writes), labelled under the same policy
 * after both earlier sets and run once before any change it might prompt (docs/flags.md has that run).
 */
export const cocoStyleCases: readonly LabelledCase[] = [
  pair('a skateboarder on a street', 'a man riding a skateboard down a street', { detections: [...det('person'), ...det('skateboard')], segments: seg(['road', 0.5], ['building-other-merged', 0.3]) }, []),
  pair('a knife nobody found', 'a woman is cutting a cake with a knife', { detections: [...det('person'), ...det('cake')] }, ['unseen-object']),
  pair('soup and a spoon', 'a bowl of soup with a spoon in it', { detections: [...det('bowl'), ...det('spoon')] }, []),
  pair('appliances', 'a kitchen with stainless steel appliances', { detections: [...det('refrigerator'), ...det('oven'), ...det('microwave')], segments: seg(['cabinet-merged', 0.3], ['floor-wood', 0.2], ['wall-other-merged', 0.3]) }, []),
  pair('a coffee table found as a dining table', 'a living room with a couch and a coffee table', { detections: [...det('couch'), ...det('dining table')], segments: seg(['wall-other-merged', 0.4], ['rug-merged', 0.2]) }, []),
  pair('a frisbee in a park', 'a young man holding a frisbee in a park', { detections: [...det('person'), ...det('frisbee')], segments: seg(['grass-merged', 0.5], ['tree-merged', 0.3]) }, []),
  pair('a cat in a sink', 'a black and white cat sitting in a sink', { detections: [...det('cat'), ...det('sink')] }, []),
  pair('a teddy bear on a bed', 'a teddy bear sitting on top of a bed', { detections: [...det('teddy bear'), ...det('bed')] }, []),
  pair('a couple of zebras, two', 'a couple of zebras standing in a field', { detections: det('zebra', 2), segments: seg(['grass-merged', 0.7]) }, []),
  pair('a couple of zebras, five', 'a couple of zebras standing in a field', { detections: det('zebra', 5), segments: seg(['grass-merged', 0.7]) }, []),
  pair('two elephants, three found', 'two elephants walking in the water', { detections: det('elephant', 3), segments: seg(['water-other', 0.5]) }, ['count-mismatch']),
  pair('a laptop at a table', 'a man sitting at a table with a laptop', { detections: [...det('person'), ...det('laptop'), ...det('dining table')] }, []),
  pair('a laptop the detector calls tv', 'a man sitting at a table with a laptop', { detections: [...det('person'), ...det('tv'), ...det('dining table')] }, []),
  pair('a bird on a bench', 'a bird sitting on top of a wooden bench', { detections: [...det('bird'), ...det('bench')] }, []),
  pair('a sheep in a grassy field', 'a sheep standing in a grassy field', { detections: det('sheep'), segments: seg(['grass-merged', 0.8]) }, []),
  pair('a giraffe next to a missing zebra', 'a giraffe standing next to a zebra', { detections: det('giraffe'), segments: seg(['grass-merged', 0.5], ['tree-merged', 0.2]) }, ['unseen-object']),
  pair('a fire hydrant on a sidewalk', 'a red fire hydrant on a sidewalk', { detections: det('fire hydrant'), segments: seg(['pavement-merged', 0.4], ['road', 0.2]) }, []),
  pair('a fire hydrant nobody found', 'a red fire hydrant on a sidewalk', { detections: [], segments: seg(['pavement-merged', 0.6]) }, ['unseen-object']),
  pair('a kite on a beach', 'a man flying a kite on a beach', { detections: [...det('person'), ...det('kite')], segments: seg(['sand', 0.4], ['sea', 0.2], ['sky-other-merged', 0.3]) }, []),
  pair('a passenger jet', 'a large passenger jet flying through a blue sky', { detections: det('airplane'), segments: seg(['sky-other-merged', 0.9]) }, []),
  pair('a clock on a pole', 'a clock on a pole in front of a building', { detections: det('clock'), segments: seg(['building-other-merged', 0.5], ['sky-other-merged', 0.3]) }, []),
  pair('an abbreviation expanded', "a street sign that reads 'Main Street'", { ocr: [bigWord('MAIN'), bigWord('ST', 400)] }, []),
  pair('a box of donuts', 'a box of donuts with sprinkles', { detections: det('donut', 6) }, []),
  pair('three horses', 'three horses grazing in a pasture', { detections: det('horse', 3) }, []),
  pair('a plate of food, cutlery found', 'a plate of food with a fork and a knife', { detections: [...det('fork'), ...det('knife'), ...det('dining table')] }, []),
  pair('a group of motorcycles', 'a group of motorcycles parked next to each other', { detections: det('motorcycle', 6) }, []),
  pair('a tennis court', 'a man in a tennis court holding a racket', { detections: [...det('person'), ...det('tennis racket')], segments: seg(['playingfield', 0.6]) }, []),
  pair('brushing teeth at a mirror', 'a boy brushing his teeth in front of a mirror', { detections: [...det('person'), ...det('toothbrush')], segments: seg(['mirror-stuff', 0.3], ['wall-other-merged', 0.4]) }, []),
  pair('a frisbee nobody found', 'a dog catching a frisbee in the air', { detections: det('dog') }, ['unseen-object']),
  pair('a sale sign', 'a sign advertising a sale', { ocr: [bigWord('SALE'), bigWord('50%', 100, 200), bigWord('OFF', 300, 200)] }, []),
  pair('a pharmacy unnamed', 'a storefront at night', { ocr: [bigWord('PHARMACY')] }, ['ignored-text']),
  pair('small print on a bus', 'a bus parked at a bus stop', { detections: det('bus'), ocr: [smallWord('LOCAL'), smallWord('42', 560, 400)] }, []),
  pair('hello world on a screen', "a laptop displaying the words 'Hello World'", { detections: det('laptop'), ocr: [word('Hello', 200, 200, 50, 14), word('World', 260, 200, 50, 14)] }, []),
  pair('train number 4', 'a train with the number 4 on the front', { detections: det('train'), ocr: [word('4', 300, 100, 30, 40)] }, []),
  pair('four skiers', 'four people skiing down a snowy slope', { detections: [...det('person', 4), ...det('skis', 3)], segments: seg(['snow', 0.8]) }, []),
];
