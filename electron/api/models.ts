// The models domain of the contract: the catalog with each model's state, installing (a 'model-install'
// job whose progress is in bytes), removing, and importing a local ONNX file for a task. Installing a
// model under a non-commercial licence needs `acceptLicence: true` (the UI shows `licence` first);
// without it the call fails with the code 'licence-required'. When a model's state changes the
// 'jobs.progress' events of its install job say so; refetch `models.list` then. A Prismer checkpoint's
// install job also converts it (the bar goes on past the bytes); `installed.path` is then its bundle folder.
import { z } from 'zod';
import { modelTasks, type Licence, type ModelSource, type ModelTask, type Signature } from '../../native-models/catalog/catalog.ts';
import { familyIds, familyTasks, type FamilyId } from '../../native-models/experts/familyIds.ts';

export type { Licence, ModelSource, ModelTask, Signature };

/** Catalog ids and ids of imported files: letters, digits, '.', '_' and '-' (never a path). */
const modelId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be a model id');

export const modelMethods = {
  'models.list': z.object({}).strict(),
  /**
   * `deleteCheckpoint` (Prismer models): delete the downloaded checkpoint once it is converted (default:
   * keep it, so it can be converted again at another resolution without a multi-GB download).
   */
  'models.install': z.object({ id: modelId, acceptLicence: z.boolean().optional(), deleteCheckpoint: z.boolean().optional() }).strict(),
  /** `forget` also drops the sha256 recorded at the first download, so a changed upstream file is accepted. */
  'models.remove': z.object({ id: modelId, forget: z.boolean().optional() }).strict(),
  /**
   * `task`: a catalog task, or the expert a user's network runs as (det, edge, seg, depth, normal);
   * `family` names its family where the signature fits several; `labels` is a file of class names.
   */
  'models.import': z
    .object({
      path: z.string().min(1).max(4096),
      task: z.enum([...new Set([...modelTasks, ...familyTasks])] as [string, ...string[]]),
      family: z.enum(familyIds).optional(),
      labels: z.string().min(1).max(4096).optional(),
    })
    .strict(),
  /** The families a user's network can be of, per expert task (for the import form). */
  'models.families': z.object({}).strict(),
} as const;

export type ModelStatus = 'installed' | 'not-installed' | 'downloading' | 'failed';

export interface InstalledFile {
  readonly path: string;
  readonly size: number | null;
  readonly sha256: string | null;
  /** The file's sha256 was compared with an expected value when it was installed. */
  readonly hashChecked: boolean;
  /** null for files shipped with the app. */
  readonly installedAt: number | null;
}

export interface ModelInfo {
  readonly id: string;
  readonly task: ModelTask;
  readonly name: string;
  /** 'hub': downloaded on demand; 'npm': ships with the app; 'imported': a local file the user added. */
  readonly origin: 'hub' | 'npm' | 'imported';
  /** Catalog source; null for imported files. */
  readonly source: ModelSource | null;
  /** The model's page on the Hub (where gated models are accepted). */
  readonly pageUrl: string | null;
  /** What an install downloads and from which host, in order (empty when nothing is downloaded). */
  readonly downloadsFrom: readonly DownloadSource[];
  /** null for imported files (unknown). */
  readonly licence: Licence | null;
  /** Bytes: exact when known, else the model page's rounded figure (`sizeIsApproximate`). */
  readonly size: number | null;
  readonly sizeIsApproximate: boolean;
  readonly signature: Signature | null;
  /** The catalog entry was checked against the real file. */
  readonly verified: boolean;
  readonly recommended: boolean;
  /** Other catalog ids needed with this model for its expert to run (e.g. its class-name config). */
  readonly requires: readonly string[];
  readonly status: ModelStatus;
  /** Why the last install failed (status 'failed'). */
  readonly error: string | null;
  /** The install job queued or running (status 'downloading'), else the last one. */
  readonly jobId: number | null;
  /** Bytes of an interrupted download kept for resuming. */
  readonly partialBytes: number | null;
  readonly installed: InstalledFile | null;
  /** Imported networks run by a family's decoder: what they were recognised as. */
  readonly imported?: ImportedModelFacts;
  /** Prismer checkpoints: what the model is and, once installed, what its bundle was built for. */
  readonly prismer?: PrismerModelInfo;
}

/** What an imported network was recognised as, and how its classes meet Prismer's label spaces. */
export interface ImportedModelFacts {
  readonly family: string;
  readonly familyName: string;
  /** Number of classes (detection, segmentation), else null. */
  readonly classes: number | null;
  /** Where the class names came from: the labels file given, the model's metadata, or the family's default list. */
  readonly labelsFrom: 'file' | 'model' | 'default' | null;
  /** Segmentation: the Prismer label space the maps are saved in. */
  readonly labelSpace: 'coco133' | 'ade150' | null;
  /** Classes with no counterpart in that space (segmentation) or in COCO-133 (detection). */
  readonly unmapped: readonly string[];
  /** Detection: classes with no counterpart among Prismer's 722 detection classes (null: label tables not installed). */
  readonly unmappedDetection: readonly string[] | null;
}

/** One download an install makes: the host contacted and what is fetched from it. */
export interface DownloadSource {
  readonly host: string;
  readonly what: string;
}

export interface PrismerModelInfo {
  readonly variant: 'prismer' | 'prismerz';
  readonly size: 'base' | 'large';
  readonly purpose: 'caption' | 'vqa' | 'pretrain';
  /** The image side the installed bundle's encoder takes; null until installed. */
  readonly resolution: number | null;
  /** The downloaded checkpoint still on disk (kept for converting again); null until installed. */
  readonly checkpoint: string | null;
}

/** A Prismer install's converted bundle (`installed.path` is its folder). */
export interface PrismerBundleResult {
  readonly dir: string;
  readonly resolution: number;
  readonly converterVersion: string;
  /** The downloaded checkpoint, or null when it was deleted after the conversion. */
  readonly checkpoint: string | null;
  readonly tokenizer: readonly string[];
}

export interface ModelInstallJobResult {
  readonly id: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** What the hash was checked against; null when nothing was known (then this download's is recorded). */
  readonly checkedAgainst: string | null;
  /** The size and sha256 were recorded as this source's reference (first download of an unverified entry). */
  readonly recorded: boolean;
  readonly resumedFrom: number;
  readonly transferred: number;
  readonly commit: string | null;
  /** Set when a Prismer checkpoint was installed: `path` is then the bundle folder, size and sha256 the checkpoint's. */
  readonly bundle?: PrismerBundleResult;
}

export interface ModelResults {
  'models.list': ModelInfo[];
  /** jobId is null when nothing is to be done (already installed, or shipped with the app). */
  'models.install': { jobId: number | null; model: ModelInfo };
  'models.remove': { removed: boolean; model: ModelInfo | null };
  'models.import': ModelInfo;
  'models.families': ModelFamilyInfo[];
}

export interface ModelFamilyInfo {
  readonly id: FamilyId;
  /** The expert task it is imported for: det, edge, seg, depth, normal. */
  readonly task: string;
  readonly name: string;
  /** Its signature in words. */
  readonly expects: string;
  /** Its outputs carry classes, so a labels file may be given. */
  readonly hasClasses: boolean;
}
