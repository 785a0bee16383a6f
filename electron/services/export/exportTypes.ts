// The shapes shared by the export orchestrator and its format writers: the formats, the options, the
// row a writer receives (an image with its chosen caption and where it is referenced from), and the
// contract every format writer keeps (streamed writes, a commit that makes files appear atomically, an
// abort that leaves nothing half-written).
import type { ExportImageRow } from '../../../db/queries/exportRows.ts';

export const exportFormats = ['coco', 'imagefolder', 'jsonl', 'csv', 'txt', 'xmp'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export function isExportFormat(value: string): value is ExportFormat {
  return (exportFormats as readonly string[]).includes(value);
}

/** Why an image was not exported. */
export type ExportSkipReason =
  | 'not-found' // the id is not in the library
  | 'excluded' // marked as kept out of exports
  | 'missing' // the file is gone
  | 'unreadable' // the file could not be read at import
  | 'no-caption' // no caption (or, accepted-only, none accepted)
  | 'sidecar-not-ours' // beside the images: a sidecar we did not write is in the way
  | 'sidecar-name-taken'; // beside the images: another image of the export already uses that sidecar name

export interface ExportRow extends ExportImageRow {
  readonly caption: NonNullable<ExportImageRow['caption']>;
  /** Unique name inside the export folder ('relDir/file.jpg', '/' separators), used for sidecars and copies. */
  readonly exportName: string;
  /** How the export's records refer to the image: the copy's name, or a path relative to the export folder. */
  readonly fileRef: string;
}

export interface WriteOutcome {
  readonly exported: number;
  readonly skipped: readonly { readonly imageId: number; readonly reason: ExportSkipReason }[];
}

export interface FormatWriter {
  write(rows: readonly ExportRow[]): Promise<WriteOutcome>;
  /** Makes the outputs appear (renames temp files); returns the files it committed. */
  commit(): Promise<string[]>;
  /** Cancelled: removes temp files; what was already committed per file stays. Returns files kept. */
  abort(): Promise<string[]>;
}

export interface ExportProgress {
  readonly done: number;
  readonly total: number | null;
  readonly exported: number;
  readonly skipped: number;
}

export interface ExportOptions {
  readonly format: ExportFormat;
  /** The export folder: every file the export writes lies under it (beside-images sidecars aside). */
  readonly outDir: string;
  readonly imageIds: Iterable<number> | AsyncIterable<number>;
  /** How many ids there are, for the progress bar; taken from an array's length when not given. */
  readonly total?: number | null;
  /** Only accepted captions; otherwise the accepted one, else the latest not rejected. */
  readonly acceptedOnly?: boolean;
  /** txt/xmp: write sidecars next to the images (and only the manifest into outDir). */
  readonly besideImages?: boolean;
  /** Copy the images into the export folder, so it is self-contained (HF imagefolder needs it). */
  readonly copyImages?: boolean;
  /** jsonl: add expert facts (detected classes, OCR text, depth statistics) to each record. */
  readonly withFacts?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Images read from the database per batch. */
  readonly batchSize?: number;
}

export interface ExportResult {
  readonly format: ExportFormat;
  readonly outDir: string;
  readonly acceptedOnly: boolean;
  readonly besideImages: boolean;
  readonly copyImages: boolean;
  readonly exported: number;
  readonly skipped: Partial<Record<ExportSkipReason, number>>;
  /** Export-level files (COCO JSON, metadata.jsonl, CSV, manifest), absolute paths. */
  readonly files: string[];
  readonly cancelled: boolean;
  readonly durationMs: number;
  readonly imagesPerSecond: number;
}
