// The exports domain of the contract: export a selection, a folder, a saved view or the library in one
// of the formats (a job), and import .txt / XMP sidecar captions from a folder (a job).
import { z } from 'zod';
import { imageScopeSchema } from '../services/captions/imageScope.ts';
import { exportFormats } from '../services/export/exportTypes.ts';

const folder = z.string().min(1).max(4096);

export const exportMethods = {
  'exports.run': z
    .object({
      scope: imageScopeSchema,
      format: z.enum(exportFormats),
      outDir: folder,
      acceptedOnly: z.boolean().optional(),
      besideImages: z.boolean().optional(),
      copyImages: z.boolean().optional(),
      withFacts: z.boolean().optional(),
    })
    .strict(),
  'exports.importCaptions': z.object({ folder }).strict(),
} as const;

export interface ExportResults {
  'exports.run': { jobId: number };
  'exports.importCaptions': { jobId: number };
}
