// Writes one sidecar file per image (txt or XMP), each atomically, a few at a time, and a manifest in the
// export folder listing every sidecar with the caption's source (ai | human | imported) and model.
// A sidecar whose content is already right is left alone (a re-export only touches what changed). Beside
// the images, a sidecar that is not ours (see `isOurs`) is never replaced, and two images that would share
// a sidecar name (a.jpg and a.png → a.txt) export only the first.
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { makeFolder } from '../files/makeFolder.ts';
import { AtomicFile, writeFileAtomic } from './atomicFile.ts';
import type { ExportRow, ExportSkipReason, FormatWriter, WriteOutcome } from './exportTypes.ts';
import { mapConcurrently } from './mapConcurrently.ts';

export const manifestFileName = 'prismer-studio-manifest.json';

const notWritten = Symbol('not written');

export interface SidecarSpec {
  readonly format: 'txt' | 'xmp';
  readonly outDir: string;
  readonly besideImages: boolean;
  readonly target: (row: ExportRow) => string;
  readonly content: (row: ExportRow) => string;
  /** Beside the images: whether an existing file may be replaced. */
  readonly isOurs: (existing: string, row: ExportRow) => boolean;
  readonly concurrency?: number;
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function sidecarWriter(spec: SidecarSpec): Promise<FormatWriter> {
  const manifest = await AtomicFile.create(join(spec.outDir, manifestFileName));
  await manifest.write(
    `{"generator":"Prismer Studio","format":${JSON.stringify(spec.format)},"besideImages":${spec.besideImages},` +
      `"createdAt":${JSON.stringify(new Date().toISOString())},"files":[`,
  );
  const taken = new Set<string>();
  const madeDirs = new Set<string>();
  // One listing per folder says which targets may exist, so a fresh export does not try to read every
  // sidecar first (half of its file system calls). Lower-cased, so a case-insensitive file system's
  // 'A.txt' still gets read (and checked) before 'a.txt' would replace it.
  const listings = new Map<string, Promise<Set<string>>>();
  const mayExist = async (path: string): Promise<boolean> => {
    const dir = dirname(path);
    let listing = listings.get(dir);
    if (!listing) {
      listing = readdir(dir).then(
        (names) => new Set(names.map((n) => n.toLowerCase())),
        () => new Set<string>(),
      );
      listings.set(dir, listing);
    }
    return (await listing).has(basename(path).toLowerCase());
  };
  let entries = 0;

  async function one(row: ExportRow): Promise<ExportSkipReason | null> {
    const target = spec.target(row);
    const key = target.toLowerCase();
    if (taken.has(key)) return 'sidecar-name-taken';
    taken.add(key);
    const content = spec.content(row);
    const existing = (await mayExist(target)) ? await readIfExists(target) : null;
    if (existing === content) return null;
    if (existing !== null && spec.besideImages && !spec.isOurs(existing, row)) return 'sidecar-not-ours';
    const dir = dirname(target);
    if (!spec.besideImages && !madeDirs.has(dir)) {
      await makeFolder(dir, { what: 'a folder of the export', inside: spec.outDir });
      madeDirs.add(dir);
    }
    await writeFileAtomic(target, content);
    return null;
  }

  return {
    async write(rows: readonly ExportRow[]): Promise<WriteOutcome> {
      // Name reservation happens in row order before any await, so the outcome does not depend on timing.
      // A failed write (a full disk) stops the batch; the sidecars written before it still go into the
      // manifest, so it lists exactly the files that are there.
      let failure: { error: unknown } | null = null;
      const results = await mapConcurrently(rows, spec.concurrency ?? 8, async (row) => {
        if (failure !== null) return notWritten;
        try {
          return await one(row);
        } catch (error) {
          failure ??= { error };
          return notWritten;
        }
      });
      let exported = 0;
      const skipped: { imageId: number; reason: ExportSkipReason }[] = [];
      let lines = '';
      rows.forEach((row, index) => {
        const reason = results[index];
        if (reason === notWritten) return;
        if (reason) {
          skipped.push({ imageId: row.imageId, reason });
          return;
        }
        exported++;
        const target = spec.target(row);
        const file = spec.besideImages ? target : relative(spec.outDir, target).split(sep).join('/');
        lines +=
          (entries++ === 0 ? '\n' : ',\n') +
          JSON.stringify({
            file,
            image: row.path,
            imageId: row.imageId,
            captionId: row.caption.id,
            source: row.caption.source,
            status: row.caption.status,
            modelId: row.caption.modelId,
          });
      });
      await manifest.write(lines);
      if (failure !== null) throw (failure as { error: unknown }).error;
      return { exported, skipped };
    },
    async commit() {
      await manifest.write('\n]}\n');
      await manifest.commit();
      return [manifest.target];
    },
    // The sidecars already written are whole files; the manifest lists exactly them — or, where it cannot
    // be written any more (a full disk), it is not left half-written.
    async abort() {
      try {
        await manifest.write('\n]}\n');
        await manifest.commit();
        return [manifest.target];
      } catch {
        await manifest.abort();
        return [];
      }
    },
  };
}
