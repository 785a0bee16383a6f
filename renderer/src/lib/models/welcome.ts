// What the first-run welcome says about models: what works with no download, and per feature that needs
// one, the recommended models behind it with their combined size, licences and whether they are here.
// Pure functions over the model list.
import type { ModelInfo } from '../api/types.ts';
import { totalSize, type SetSize } from './recommended.ts';

export interface DownloadFeature {
  readonly key: string;
  readonly title: string;
  /** What it adds, in a few words. */
  readonly note: string;
  readonly tasks: readonly string[];
}

/** Features that need a download, in the order the welcome lists them. */
export const downloadFeatures: readonly DownloadFeature[] = [
  { key: 'depth', title: 'Depth', note: 'distance per pixel (and normals from it)', tasks: ['depth'] },
  { key: 'normal', title: 'Normals model', note: 'sharper than normals from depth', tasks: ['normal'] },
  { key: 'edge', title: 'Edges model', note: 'cleaner than Canny', tasks: ['edge'] },
  { key: 'seg', title: 'Segmentation', note: 'a class for every pixel', tasks: ['seg_coco', 'seg_ade'] },
  { key: 'det', title: 'Detection', note: 'boxes around objects', tasks: ['det'] },
  { key: 'prismer', title: 'Prismer', note: 'CLIP text model for OCR word features (captions come later)', tasks: ['clip_text'] },
];

export interface FeatureState {
  readonly feature: DownloadFeature;
  /** The recommended downloads behind the feature (model files and their config files). */
  readonly models: readonly ModelInfo[];
  readonly size: SetSize;
  /** Licence names, each once. */
  readonly licences: readonly string[];
  readonly nonCommercial: boolean;
  readonly installed: boolean;
  readonly downloading: boolean;
}

export function featureStates(models: readonly ModelInfo[]): FeatureState[] {
  return downloadFeatures.map((feature) => {
    const mine = models.filter((m) => m.recommended && m.origin === 'hub' && feature.tasks.includes(m.task));
    const missing = mine.filter((m) => m.status !== 'installed');
    return {
      feature,
      models: mine,
      size: totalSize(missing.length > 0 ? missing : mine),
      licences: [...new Set(mine.map((m) => m.licence?.name).filter((n): n is string => Boolean(n)))],
      nonCommercial: mine.some((m) => m.licence?.nonCommercial === true),
      installed: mine.length > 0 && missing.length === 0,
      downloading: mine.some((m) => m.status === 'downloading'),
    };
  });
}

/** The bundled OCR, as the welcome reports it: installed when every OCR file shipped with the app is found. */
export function bundledOcrReady(models: readonly ModelInfo[]): boolean | null {
  const ocr = models.filter((m) => m.origin === 'npm');
  if (ocr.length === 0) return null;
  return ocr.every((m) => m.status === 'installed');
}
