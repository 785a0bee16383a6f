// `.txt` sidecars, the convention of diffusion training tools: one caption per file, named like the image
// (`photo.jpg` → `photo.txt`), in the export folder (mirroring the library's sub-folders) or beside the
// images. Plain text cannot say where the caption came from, so the manifest in the export folder does.
// Beside the images, an existing .txt is replaced only when its text is one of the image's caption
// versions (one we exported or imported), never a file the user wrote by other means.
import { dirname, join } from 'node:path';
import { withoutExtension } from './exportNames.ts';
import type { ExportRow, FormatWriter } from './exportTypes.ts';
import { sidecarWriter } from './sidecarWriter.ts';

export function txtContent(row: ExportRow): string {
  return `${row.caption.text}\n`;
}

export function txtTarget(row: ExportRow, outDir: string, besideImages: boolean): string {
  return besideImages ? join(dirname(row.path), `${withoutExtension(row.fileName)}.txt`) : join(outDir, `${withoutExtension(row.exportName)}.txt`);
}

export function txtWriter(outDir: string, besideImages: boolean, hasCaptionText: (imageId: number, text: string) => boolean): Promise<FormatWriter> {
  return sidecarWriter({
    format: 'txt',
    outDir,
    besideImages,
    target: (row) => txtTarget(row, outDir, besideImages),
    content: txtContent,
    isOurs: (existing, row) => hasCaptionText(row.imageId, existing.replace(/^\uFEFF/, '').trim()),
  });
}
