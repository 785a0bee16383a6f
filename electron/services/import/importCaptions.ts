// Imports the captions that sidecar files beside the library's images already hold — `photo.txt`,
// `photo.jpg.xmp` and `photo.xmp` (dc:description) — for every image under a folder, as caption versions
// with source 'imported' (accepted when the image has none accepted, else candidates). Idempotent: a text
// the image already has is not added again. Streams the images page by page, reports progress, stops at
// the next image when its AbortSignal fires. Nothing is written to disk.
import { stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { importCandidatePage, insertImportedCaption, type ImportCandidateImage } from '../../../db/queries/captionImport.ts';
import { countScopeImages } from '../../../db/queries/exportRows.ts';
import type { StudioDb } from '../../../db/open.ts';
import { withoutExtension } from '../export/exportNames.ts';
import { FileProblem, fileProblem } from '../files/fileErrors.ts';
import { readIfPresent, SidecarError, txtCaption, xmpCaption } from './readSidecars.ts';

export interface ImportCaptionsOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { done: number; total: number; imported: number }) => void;
  readonly now?: () => number;
  /** Called for each image given new captions (to cross-check them and tell the windows). */
  readonly onImported?: (imageId: number, captionIds: number[]) => void;
}

export interface ImportCaptionsResult {
  readonly folder: string;
  /** Library images under the folder that were looked at. */
  readonly images: number;
  /** Sidecar files found that held a caption. */
  readonly sidecars: number;
  readonly accepted: number;
  readonly candidates: number;
  /** Captions the image already had (a re-import, or text that came from this library). */
  readonly alreadyPresent: number;
  readonly failed: readonly { readonly path: string; readonly reason: string }[];
  readonly cancelled: boolean;
  readonly durationMs: number;
}

interface Sidecar {
  readonly path: string;
  readonly format: 'txt' | 'xmp';
}

export function sidecarsOf(image: Pick<ImportCandidateImage, 'path' | 'fileName'>): Sidecar[] {
  const ext = extname(image.fileName);
  const stem = withoutExtension(image.fileName);
  const dir = dirname(image.path);
  const list: Sidecar[] = [
    { path: join(dir, `${stem}.txt`), format: 'txt' },
    { path: `${image.path}.xmp`, format: 'xmp' },
  ];
  if (ext && ext.toLowerCase() !== '.xmp') list.push({ path: join(dir, `${stem}.xmp`), format: 'xmp' });
  return list;
}

async function captionIn(sidecar: Sidecar): Promise<string | null> {
  const content = await readIfPresent(sidecar.path);
  if (content === null) return null;
  return sidecar.format === 'txt' ? txtCaption(content) : xmpCaption(content);
}

export async function importCaptions(db: StudioDb, folder: string, options: ImportCaptionsOptions = {}): Promise<ImportCaptionsResult> {
  const started = performance.now();
  const root = resolve(folder);
  // A folder that is not there (a typo, an unplugged drive) is said as such, not "0 images looked at".
  const info = await stat(root).catch((error: unknown) => {
    throw fileProblem(error, 'Cannot read the folder', root);
  });
  if (!info.isDirectory()) throw new FileProblem(`Cannot read the folder ${root}: it is a file, not a folder.`, root, 'ENOTDIR');
  const prefix = root.endsWith(sep) ? root : root + sep;
  const now = options.now ?? Date.now;
  const total = countScopeImages(db, { pathPrefix: prefix });
  let images = 0;
  let sidecars = 0;
  let accepted = 0;
  let candidates = 0;
  let alreadyPresent = 0;
  const failed: { path: string; reason: string }[] = [];
  let cancelled = false;
  let after = 0;
  outer: for (;;) {
    const page = importCandidatePage(db, prefix, after, 500);
    for (const image of page) {
      if (options.signal?.aborted) {
        cancelled = true;
        break outer;
      }
      for (const sidecar of sidecarsOf(image)) {
        let text: string | null;
        try {
          text = await captionIn(sidecar);
        } catch (error) {
          if (!(error instanceof SidecarError) && !(error instanceof Error && 'code' in error)) throw error;
          failed.push({ path: sidecar.path, reason: error.message });
          continue;
        }
        if (text === null) continue;
        sidecars++;
        const { outcome, captionId } = insertImportedCaption(db, { imageId: image.imageId, text, sidecarPath: sidecar.path, sidecarFormat: sidecar.format, createdAt: now() });
        if (outcome === 'accepted') accepted++;
        else if (outcome === 'candidate') candidates++;
        else alreadyPresent++;
        if (outcome !== 'already-present' && captionId !== null) options.onImported?.(image.imageId, [captionId]);
      }
      images++;
      if (images % 100 === 0) options.onProgress?.({ done: images, total, imported: accepted + candidates });
    }
    if (page.length < 500) break;
    after = page.at(-1)!.imageId;
  }
  options.onProgress?.({ done: images, total, imported: accepted + candidates });
  return { folder: root, images, sidecars, accepted, candidates, alreadyPresent, failed, cancelled, durationMs: performance.now() - started };
}
