// Names inside an export folder: an image keeps its path relative to its library folder ('trip/a.jpg'),
// so the export mirrors the library. Two images that would clash (the same relative path under two
// library folders, or a.jpg and a.png, whose .txt sidecars would both be a.txt) are told apart by the
// image id ('trip/a~42.png'); names are given in export order, so a re-export of the same selection
// reuses them.
import { extname, relative, sep } from 'node:path';
import type { ExportImageRow } from '../../../db/queries/exportRows.ts';

/** A file name (or relative path) without its extension: 'trip/a.jpg' → 'trip/a'. */
export function withoutExtension(name: string): string {
  const ext = extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

export class ExportNamer {
  readonly #taken = new Set<string>();

  name(row: Pick<ExportImageRow, 'imageId' | 'relDir' | 'fileName'>): string {
    const ext = extname(row.fileName);
    const stem = withoutExtension(row.fileName);
    const dir = row.relDir ? `${row.relDir}/` : '';
    // Keyed without the extension and case-insensitively: sidecars drop the extension, and the export may
    // land on a case-insensitive file system.
    const key = `${dir}${stem}`.toLowerCase();
    if (!this.#taken.has(key)) {
      this.#taken.add(key);
      return `${dir}${row.fileName}`;
    }
    const unique = `${dir}${stem}~${row.imageId}`;
    this.#taken.add(unique.toLowerCase());
    return `${unique}${ext}`;
  }
}

/** How a record refers to an image that was not copied: its path relative to the export folder. */
export function relativeRef(outDir: string, imagePath: string): string {
  return relative(outDir, imagePath).split(sep).join('/');
}
