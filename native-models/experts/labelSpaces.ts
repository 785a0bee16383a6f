// The class names of the label spaces Prismer's experts and the models users bring speak, as plain lists:
// COCO-80 (most detectors), COCO-133 (the panoptic segmenter: the 80 things plus 53 stuff classes),
// ADE20K-150 (the alternative segmenter) and PASCAL VOC-21 (DeepLab-style segmenters). The flag checks use
// them to know what an expert *could* have found; imported models default to them and are mapped from
// them onto Prismer's spaces by name.
// The 722 unified detection classes are not repeated here: they arrive with Prismer's label tables
// (`LabelTables.detection.labels`) and are passed in by the caller when that detector ran.

export const coco80Classes: readonly string[] = [
  'person', 'bicycle', 'car', 'motorcycle', 'airplane', 'bus', 'train', 'truck', 'boat', 'traffic light', 'fire hydrant',
  'stop sign', 'parking meter', 'bench', 'bird', 'cat', 'dog', 'horse', 'sheep', 'cow', 'elephant', 'bear', 'zebra', 'giraffe',
  'backpack', 'umbrella', 'handbag', 'tie', 'suitcase', 'frisbee', 'skis', 'snowboard', 'sports ball', 'kite', 'baseball bat',
  'baseball glove', 'skateboard', 'surfboard', 'tennis racket', 'bottle', 'wine glass', 'cup', 'fork', 'knife', 'spoon', 'bowl',
  'banana', 'apple', 'sandwich', 'orange', 'broccoli', 'carrot', 'hot dog', 'pizza', 'donut', 'cake', 'chair', 'couch',
  'potted plant', 'bed', 'dining table', 'toilet', 'tv', 'laptop', 'mouse', 'remote', 'keyboard', 'cell phone', 'microwave',
  'oven', 'toaster', 'sink', 'refrigerator', 'book', 'clock', 'vase', 'scissors', 'teddy bear', 'hair drier', 'toothbrush',
];

/** COCO panoptic stuff classes in Prismer's spelling (detectron2 spells some `wall-other-merged` etc.). */
const cocoStuffClasses: readonly string[] = [
  'banner', 'blanket', 'bridge', 'cardboard', 'counter', 'curtain', 'door', 'floor', 'flower', 'fruit', 'gravel', 'house',
  'light', 'mirror', 'net', 'pillow', 'platform', 'playing field', 'railroad', 'river', 'road', 'roof', 'sand', 'sea', 'shelf',
  'snow', 'stairs', 'tent', 'towel', 'wall-brick', 'wall-stone', 'wall-tile', 'wall', 'water', 'window-blind', 'window', 'tree',
  'fence', 'ceiling', 'sky', 'cabinet', 'table', 'other type of floor', 'pavement', 'mountain', 'grass', 'dirt', 'paper',
  'food', 'building', 'rock', 'other type of wall', 'rug',
];

export const coco133Classes: readonly string[] = [...coco80Classes, ...cocoStuffClasses];

/** ADE20K-150 with its WordNet aliases, as the SegFormer config and Prismer's table spell them. */
export const ade150Classes: readonly string[] = [
  'wall', 'building', 'sky', 'floor', 'tree', 'ceiling', 'road, route', 'bed', 'window', 'grass', 'cabinet', 'sidewalk, pavement',
  'person', 'earth, ground', 'door', 'table', 'mountain, mount', 'plant', 'curtain', 'chair', 'car', 'water', 'painting, picture',
  'sofa', 'shelf', 'house', 'sea', 'mirror', 'rug', 'field', 'armchair', 'seat', 'fence', 'desk', 'rock, stone',
  'wardrobe, closet, press', 'lamp', 'tub', 'rail', 'cushion', 'base, pedestal, stand', 'box', 'column, pillar',
  'signboard, sign', 'chest of drawers, chest, bureau, dresser', 'counter', 'sand', 'sink', 'skyscraper', 'fireplace',
  'refrigerator, icebox', 'grandstand, covered stand', 'path', 'stairs', 'runway', 'case, display case, showcase, vitrine',
  'pool table, billiard table, snooker table', 'pillow', 'screen door, screen', 'stairway, staircase', 'river', 'bridge, span',
  'bookcase', 'blind, screen', 'coffee table', 'toilet, can, commode, crapper, pot, potty, stool, throne', 'flower', 'book',
  'hill', 'bench', 'countertop', 'stove', 'palm, palm tree', 'kitchen island', 'computer', 'swivel chair', 'boat', 'bar',
  'arcade machine', 'hovel, hut, hutch, shack, shanty', 'bus', 'towel', 'light', 'truck', 'tower', 'chandelier',
  'awning, sunshade, sunblind', 'street lamp', 'booth', 'tv', 'plane', 'dirt track', 'clothes', 'pole', 'land, ground, soil',
  'bannister, banister, balustrade, balusters, handrail', 'escalator, moving staircase, moving stairway',
  'ottoman, pouf, pouffe, puff, hassock', 'bottle', 'buffet, counter, sideboard', 'poster, posting, placard, notice, bill, card',
  'stage', 'van', 'ship', 'fountain', 'conveyer belt, conveyor belt, conveyer, conveyor, transporter', 'canopy',
  'washer, automatic washer, washing machine', 'plaything, toy', 'pool', 'stool', 'barrel, cask', 'basket, handbasket', 'falls',
  'tent', 'bag', 'minibike, motorbike', 'cradle', 'oven', 'ball', 'food, solid food', 'step, stair', 'tank, storage tank',
  'trade name', 'microwave', 'pot', 'animal', 'bicycle', 'lake', 'dishwasher', 'screen', 'blanket, cover', 'sculpture',
  'hood, exhaust hood', 'sconce', 'vase', 'traffic light', 'tray', 'trash can', 'fan', 'pier', 'crt screen', 'plate', 'monitor',
  'bulletin board', 'shower', 'radiator', 'glass, drinking glass', 'clock', 'flag',
];

/** PASCAL VOC in its own spelling (DeepLab exports): background first, then the 20 object classes. */
export const voc21Classes: readonly string[] = [
  'background', 'aeroplane', 'bicycle', 'bird', 'boat', 'bottle', 'bus', 'car', 'cat', 'chair', 'cow', 'diningtable', 'dog',
  'horse', 'motorbike', 'person', 'pottedplant', 'sheep', 'sofa', 'train', 'tvmonitor',
];
