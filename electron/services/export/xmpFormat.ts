// XMP sidecars named `<image file name>.xmp` (photo.jpg → photo.jpg.xmp, darktable's convention, which
// keeps photo.jpg and photo.raw apart), in the export folder or beside the images. The image file itself
// is never opened for writing. Beside the images only our own sidecars are replaced: another tool's XMP
// may hold edits and ratings we would lose.
import { join } from 'node:path';
import type { ExportRow, FormatWriter } from './exportTypes.ts';
import { sidecarWriter } from './sidecarWriter.ts';
import { isOurXmp, xmpSidecar } from './xmpSidecar.ts';

export function xmpTarget(row: ExportRow, outDir: string, besideImages: boolean): string {
  return besideImages ? `${row.path}.xmp` : join(outDir, `${row.exportName}.xmp`);
}

export function xmpWriter(outDir: string, besideImages: boolean): Promise<FormatWriter> {
  return sidecarWriter({
    format: 'xmp',
    outDir,
    besideImages,
    target: (row) => xmpTarget(row, outDir, besideImages),
    content: xmpSidecar,
    isOurs: (existing) => isOurXmp(existing),
  });
}
