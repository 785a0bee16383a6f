// The hand-written English side of the flag checks: which caption words name which expert concept.
// A concept is a coarse class both sides can agree on ("person", "dog", "car"); caption words map to it
// either as the same thing ("people", "automobile", "television") or as a kind of it ("woman", "puppy",
// "taxi"), which matters for counting: "two women" says at least two persons, not exactly two. Expert
// label aliases go through the same table, so the 722 unified classes ("duck, goose"), ADE's WordNet
// aliases and the names the Hugging Face configs use ("windowpane", "television receiver") collapse
// onto the same concepts as COCO's names.

interface ConceptWords {
  /** Words (singular and irregular plural forms) that mean the concept itself. */
  readonly same?: readonly string[];
  /** Words that name a kind of it: a count of them is a lower bound on the concept's count. */
  readonly kinds?: readonly string[];
}

const concepts: Readonly<Record<string, ConceptWords>> = {
  person: {
    same: ['person', 'persons', 'people', 'human', 'humans', 'individual'],
    kinds: [
      'man', 'men', 'woman', 'women', 'boy', 'girl', 'child', 'children', 'kid', 'baby', 'toddler', 'infant', 'guy', 'lady',
      'gentleman', 'gentlemen', 'player', 'skier', 'surfer', 'skateboarder', 'snowboarder', 'rider', 'biker', 'cyclist',
      'pedestrian', 'tourist', 'worker', 'chef', 'cook', 'student', 'teenager', 'teen', 'adult', 'father', 'mother', 'dad', 'mom',
      'son', 'daughter', 'brother', 'sister', 'friend', 'bride', 'groom', 'soldier', 'officer', 'policeman', 'policewoman',
      'athlete', 'runner', 'batter', 'pitcher', 'catcher', 'umpire', 'customer', 'vendor', 'spectator', 'passenger', 'driver',
      'farmer', 'doctor', 'nurse', 'businessman', 'businesswoman', 'couple', 'family', 'crowd', 'team', 'audience',
      'jockey', 'cowboy', 'fisherman', 'hiker', 'swimmer', 'dancer', 'musician', 'singer', 'police', 'waiter',
      'waitress', 'grandmother', 'grandfather', 'husband', 'wife', 'youngster', 'male', 'female',
    ],
  },
  dog: { same: ['dog', 'doggy'], kinds: ['puppy', 'pup', 'labrador', 'poodle', 'terrier', 'retriever', 'bulldog', 'beagle', 'husky', 'dachshund', 'chihuahua', 'collie', 'pug', 'corgi', 'spaniel', 'shepherd'] },
  cat: { same: ['cat'], kinds: ['kitten', 'kitty', 'tabby'] },
  horse: { same: ['horse'], kinds: ['pony', 'foal', 'stallion', 'mare'] },
  sheep: { same: ['sheep'], kinds: ['lamb', 'ram', 'ewe'] },
  cow: { same: ['cow', 'cattle'], kinds: ['bull', 'calf', 'ox', 'oxen', 'steer', 'cows'] },
  bird: { same: ['bird', 'wild bird'], kinds: ['duck', 'goose', 'geese', 'parrot', 'penguin', 'swan', 'pigeon', 'seagull', 'gull', 'owl', 'eagle', 'hawk', 'sparrow', 'crow', 'chicken', 'hen', 'rooster', 'flamingo', 'pelican', 'heron', 'songbird'] },
  elephant: { same: ['elephant'] },
  bear: { same: ['bear'], kinds: ['polar bear', 'grizzly'] },
  zebra: { same: ['zebra'] },
  giraffe: { same: ['giraffe'] },
  car: { same: ['car', 'automobile', 'auto', 'motorcar'], kinds: ['taxi', 'cab', 'sedan', 'suv', 'jeep', 'minivan', 'hatchback', 'convertible', 'limousine', 'sports car', 'police car', 'race car'] },
  truck: { same: ['truck', 'lorry'], kinds: ['pickup', 'pickup truck', 'fire truck', 'firetruck', 'dump truck', 'tow truck'] },
  bus: { same: ['bus', 'buses', 'autobus'], kinds: ['double decker', 'minibus', 'school bus', 'trolley'] },
  motorcycle: { same: ['motorcycle', 'motorbike', 'motorcyle', 'minibike'], kinds: ['scooter', 'moped', 'dirt bike'] },
  bicycle: { same: ['bicycle', 'bike', 'cycle'], kinds: ['tricycle', 'mountain bike'] },
  airplane: { same: ['airplane', 'aeroplane', 'plane', 'aircraft', 'airliner'], kinds: ['jet', 'jetliner', 'biplane'] },
  boat: { same: ['boat', 'watercraft', 'ship', 'vessel'], kinds: ['sailboat', 'yacht', 'canoe', 'kayak', 'ferry', 'barge', 'tugboat', 'speedboat', 'rowboat', 'gondola'] },
  train: { same: ['train'], kinds: ['locomotive', 'tram', 'streetcar', 'subway'] },
  tv: { same: ['tv', 'television', 'television receiver', 'tvmonitor', 'tv monitor', 'telly'] },
  'cell phone': { same: ['cell phone', 'cellphone', 'mobile phone', 'phone', 'smartphone', 'iphone', 'telephone'] },
  laptop: { same: ['laptop', 'notebook computer'] },
  couch: { same: ['couch', 'sofa', 'settee', 'loveseat'] },
  chair: { same: ['chair'], kinds: ['armchair', 'swivel chair', 'recliner', 'rocking chair', 'highchair'] },
  'dining table': { same: ['dining table'] },
  table: { same: ['table'], kinds: ['desk', 'coffee table', 'picnic table', 'end table'] },
  'potted plant': { same: ['potted plant', 'pottedplant', 'houseplant', 'house plant'] },
  'sports ball': { same: ['sports ball', 'ball'], kinds: ['football', 'soccer ball', 'basketball', 'baseball', 'tennis ball', 'volleyball', 'golf ball', 'soccer'] },
  'tennis racket': { same: ['tennis racket', 'racket', 'racquet', 'tennis racquet'] },
  'baseball glove': { same: ['baseball glove', 'mitt', 'baseball mitt'] },
  'baseball bat': { same: ['baseball bat', 'bat'] },
  skis: { same: ['skis', 'ski'] },
  donut: { same: ['donut', 'doughnut'] },
  'hot dog': { same: ['hot dog', 'hotdog'] },
  'hair drier': { same: ['hair drier', 'hair dryer', 'hairdryer', 'blow dryer'] },
  'fire hydrant': { same: ['fire hydrant', 'hydrant'] },
  refrigerator: { same: ['refrigerator', 'fridge', 'icebox'] },
  cup: { same: ['cup', 'mug'], kinds: ['coffee cup', 'teacup'] },
  'wine glass': { same: ['wine glass', 'wineglass'] },
  glass: { same: ['glass', 'drinking glass'] },
  handbag: { same: ['handbag', 'purse'] },
  backpack: { same: ['backpack', 'rucksack', 'knapsack'] },
  suitcase: { same: ['suitcase', 'luggage'] },
  'teddy bear': { same: ['teddy bear', 'teddy'] },
  tree: { same: ['tree'], kinds: ['pine', 'oak', 'palm tree', 'bush', 'shrub'] },
  sky: { same: ['sky'] },
  sea: { same: ['sea', 'ocean'] },
  building: { same: ['building', 'edifice'], kinds: ['skyscraper', 'tower', 'church', 'cathedral', 'castle', 'apartment building', 'office building'] },
  house: { same: ['house', 'home'], kinds: ['hut', 'cabin', 'cottage', 'shack', 'hovel', 'barn'] },
  mountain: { same: ['mountain', 'mount'], kinds: ['hill', 'peak'] },
  rock: { same: ['rock', 'stone', 'boulder'] },
  road: { same: ['road', 'street', 'route'], kinds: ['highway', 'freeway', 'lane', 'avenue', 'dirt road'] },
  sidewalk: { same: ['sidewalk', 'pavement'] },
  grass: { same: ['grass', 'lawn'] },
  'playing field': { same: ['playing field', 'playingfield'], kinds: ['field', 'pitch', 'court', 'tennis court', 'baseball field', 'soccer field'] },
  window: { same: ['window', 'windowpane'] },
  'window blind': { same: ['window blind', 'blind'] },
  wall: { same: ['wall', 'wall brick', 'wall stone', 'wall tile', 'wall wood', 'wall other'] },
  floor: { same: ['floor', 'floor wood', 'flooring'] },
  rug: { same: ['rug', 'carpet', 'mat'] },
  sign: { same: ['sign', 'signboard', 'signpost'], kinds: ['billboard', 'street sign', 'road sign'] },
  poster: { same: ['poster', 'placard', 'notice'] },
  'stop sign': { same: ['stop sign'] },
  'traffic light': { same: ['traffic light', 'traffic signal', 'stoplight', 'stop light'] },
  painting: { same: ['painting'], kinds: ['artwork'] },
  lamp: { same: ['lamp'], kinds: ['street lamp', 'street light', 'streetlight', 'lamppost', 'chandelier', 'sconce'] },
  food: { same: ['food', 'meal', 'dish'] },
  clothes: { same: ['clothes', 'clothing', 'garment', 'apparel'] },
  pool: { same: ['pool', 'swimming pool'] },
  falls: { same: ['falls', 'waterfall'] },
  tub: { same: ['tub', 'bathtub'] },
  'trash can': { same: ['trash can', 'ashcan', 'garbage can', 'trash bin'] },
  toilet: { same: ['toilet', 'commode', 'potty'] },
  stairs: { same: ['stairs', 'staircase', 'stairway', 'stair', 'steps'] },
  water: { same: ['water'] },
  river: { same: ['river', 'stream', 'creek'] },
  lake: { same: ['lake', 'pond'] },
  snow: { same: ['snow'] },
  sand: { same: ['sand'] },
  dirt: { same: ['dirt', 'mud', 'soil', 'earth', 'ground'] },
  fence: { same: ['fence', 'railing'] },
  computer: { same: ['computer', 'pc', 'desktop computer'] },
  monitor: { same: ['monitor', 'computer monitor'] },
  keyboard: { same: ['keyboard'] },
  mouse: { same: ['mouse', 'computer mouse'] },
  remote: { same: ['remote', 'remote control', 'controller'] },
  toy: { same: ['toy', 'plaything'] },
  animal: { same: ['animal', 'animals'] },
};

/**
 * Related concepts whose experts confuse them or whose names overlap, so finding one is evidence that
 * the caption's other one is there too: a caption's "car" is not unseen when the detector found a truck.
 */
export const relatedGroups: readonly (readonly string[])[] = [
  ['car', 'truck', 'bus', 'van'],
  ['motorcycle', 'bicycle'],
  ['airplane', 'helicopter'],
  ['boat', 'ship'],
  ['chair', 'couch', 'bench', 'seat', 'stool', 'ottoman', 'armchair', 'swivel chair', 'cushion'],
  ['bed', 'couch', 'blanket', 'pillow', 'cushion'],
  ['table', 'dining table', 'desk', 'coffee table', 'counter', 'countertop', 'kitchen island', 'bar', 'buffet', 'pool table'],
  ['cup', 'wine glass', 'glass', 'bottle', 'vase'],
  ['bowl', 'plate', 'tray', 'pot'],
  ['tv', 'monitor', 'screen', 'computer', 'laptop', 'crt screen'],
  ['cell phone', 'remote'],
  ['potted plant', 'plant', 'flower', 'tree', 'palm'],
  ['building', 'house', 'skyscraper', 'tower', 'hovel', 'roof', 'wall', 'booth'],
  ['water', 'sea', 'river', 'lake', 'pool', 'falls', 'fountain'],
  ['mountain', 'hill', 'rock'],
  ['road', 'sidewalk', 'path', 'dirt track', 'runway', 'railroad', 'platform', 'dirt'],
  ['grass', 'playing field', 'field', 'dirt', 'sand'],
  ['floor', 'rug', 'other type of floor', 'carpet'],
  ['window', 'window blind', 'curtain', 'mirror', 'door', 'screen door'],
  ['sign', 'stop sign', 'poster', 'banner', 'trade name', 'bulletin board', 'flag', 'signboard'],
  ['handbag', 'backpack', 'bag', 'suitcase', 'basket'],
  ['painting', 'poster', 'sign', 'picture'],
  ['lamp', 'light', 'chandelier', 'sconce', 'street lamp', 'traffic light'],
  ['cabinet', 'shelf', 'bookcase', 'wardrobe', 'chest of drawers', 'refrigerator', 'counter'],
  ['sports ball', 'frisbee', 'kite'],
  ['sheep', 'cow'],
  ['bear', 'teddy bear'],
  ['toy', 'teddy bear'],
  ['clothes', 'person'],
];

/**
 * Broad words (some are segmenter classes: COCO's "food" and "fruit", ADE's "animal") and their members.
 * A member is evidence for the broad word and the broad word for each member, but members are not
 * evidence for each other: "animal" is there when a dog is, a dog may be what ADE called "animal", yet a
 * dog is not there because a cat is.
 */
export const broaderTerms: Readonly<Record<string, readonly string[]>> = {
  animal: ['bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe'],
  fruit: ['banana', 'apple', 'orange'],
  food: ['sandwich', 'pizza', 'cake', 'donut', 'hot dog', 'fruit', 'banana', 'apple', 'orange', 'broccoli', 'carrot', 'bowl', 'plate'],
};

/**
 * Caption nouns that are never judged even when an expert vocabulary spells them: words for the image
 * itself, places in it, times, and names with a common second sense (ADE's toilet is also a "can",
 * "pot" and "throne"; COCO's "light" is also daylight).
 */
export const neverJudged: ReadonlySet<string> = new Set([
  'picture', 'photo', 'photograph', 'image', 'view', 'scene', 'shot', 'closeup', 'close up', 'frame', 'background',
  'foreground', 'side', 'front', 'back', 'top', 'bottom', 'middle', 'center', 'corner', 'edge', 'area', 'day', 'night',
  'time', 'thing', 'object', 'item', 'stuff', 'light', 'sunlight', 'shadow', 'reflection', 'can', 'pot', 'stand', 'base',
  'case', 'bar', 'stage', 'step', 'press', 'bill', 'card', 'cover', 'span', 'machine', 'land', 'chest', 'bureau', 'stool',
  'throne', 'puff', 'transporter', 'washer', 'tank', 'hood', 'fan', 'notice', 'display', 'screen', 'board', 'set', 'piece',
  'part', 'line', 'shape', 'color', 'pattern', 'design', 'lot', 'bunch', 'group', 'pair', 'number', 'kind', 'type',
  'sort', 'way', 'place', 'spot', 'word', 'text', 'letter', 'name', 'logo', 'mount', 'route', 'field', 'ground', 'earth',
  'soil', 'park', 'city', 'town', 'world',
  // kinship and age words name animals as often as people ("an elephant next to its mother")
  'mother', 'father', 'mom', 'dad', 'parent', 'baby', 'son', 'daughter', 'brother', 'sister', 'family', 'friend', 'mate', 'game', 'match', 'water', 'air', 'outdoor', 'indoor', 'inside', 'outside',
]);

export interface ConceptRef {
  readonly concept: string;
  /** The word names a kind of the concept ("woman" of person), so its count only bounds the concept's from below. */
  readonly kind: boolean;
}

function buildLexicon(): Map<string, ConceptRef> {
  const lexicon = new Map<string, ConceptRef>();
  for (const [concept, words] of Object.entries(concepts)) {
    for (const word of words.same ?? []) if (!lexicon.has(word)) lexicon.set(word, { concept, kind: false });
    for (const word of words.kinds ?? []) if (!lexicon.has(word)) lexicon.set(word, { concept, kind: true });
    if (!lexicon.has(concept)) lexicon.set(concept, { concept, kind: false });
  }
  return lexicon;
}

/** Normalised word or phrase → concept (see `normaliseName`). */
export const lexicon: ReadonlyMap<string, ConceptRef> = buildLexicon();

/** The longest lexicon phrase, in words: how far the caption scanner needs to look ahead. */
export const longestPhrase = Math.max(...[...lexicon.keys()].map((phrase) => phrase.split(' ').length));
