// The library domain of the contract: adding folders and files, rescans, and the queries behind the
// sidebar, the grid and the loupe.
import { z } from 'zod';
import type { Folder, SubfolderCount } from '../../db/queries/folders.ts';
import type { ImageTile, ImageRecord } from '../../db/queries/images.ts';

export type { Folder, SubfolderCount, ImageTile };

const id = z.number().int().positive();
const absolutePath = z.string().min(1).max(4096);

export const imageQuerySchema = z
  .object({
    folderId: id.optional(),
    relDir: z.string().max(4096).optional(),
    status: z.enum(['all', 'ok', 'failed', 'missing', 'duplicates']).optional(),
    nameContains: z.string().max(256).optional(),
    sort: z.enum(['path', 'name', 'taken', 'added', 'size']).optional(),
    descending: z.boolean().optional(),
  })
  .strict();
export type ImageQuery = z.infer<typeof imageQuerySchema>;

export interface ImagePage {
  readonly total: number;
  readonly offset: number;
  readonly tiles: ImageTile[];
}

export interface ExifEntry {
  readonly label: string;
  readonly value: string;
}

export interface ImageDetail extends Omit<ImageRecord, 'exifJson'> {
  /** Make and model, the maker said once ("Canon EOS R6"); null when neither is known. */
  readonly camera: string | null;
  readonly exif: ExifEntry[];
  readonly duplicates: { id: number; path: string }[];
  readonly folderPath: string;
}

export interface BrowseEntry {
  readonly name: string;
  readonly path: string;
}

export interface BrowseResult {
  readonly path: string;
  readonly parent: string | null;
  readonly folders: BrowseEntry[];
  readonly imageFileCount: number;
}

export const libraryMethods = {
  'library.addFolder': z.object({ path: absolutePath }).strict(),
  'library.addFiles': z.object({ paths: z.array(absolutePath).min(1).max(100_000) }).strict(),
  'library.rescan': z.object({ folderId: id.optional() }).strict(),
  'library.removeFolder': z.object({ folderId: id }).strict(),
  'library.folders': z.object({}).strict(),
  'library.subfolders': z.object({ folderId: id }).strict(),
  'library.query': z.object({ query: imageQuerySchema, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }).strict(),
  'library.image': z.object({ id }).strict(),
  'library.browse': z.object({ path: absolutePath.optional() }).strict(),
} as const;

export interface LibraryResults {
  'library.addFolder': { folderId: number; jobId: number };
  'library.addFiles': { jobId: number };
  'library.rescan': { jobId: number };
  'library.removeFolder': { removedImages: number };
  'library.folders': Folder[];
  'library.subfolders': SubfolderCount[];
  'library.query': ImagePage;
  'library.image': ImageDetail;
  'library.browse': BrowseResult;
}

export interface LibraryEvents {
  /** Folders whose contents changed (a scan wrote rows); the renderer refetches what it shows. */
  'library.changed': { folderIds: number[] };
}
