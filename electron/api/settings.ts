// The settings domain of the contract. The schema and the defaults are the single definition of every
// setting; the settings service stores only what the user changed.
import { z } from 'zod';

export const settingsSchema = z
  .object({
    theme: z.enum(['dark', 'light']),
    thumbnailSize: z.number().int().min(64).max(512),
    generateThumbnails: z.boolean(),
    scanConcurrency: z.number().int().min(1).max(16),
    /** Execution provider for the models: 'auto' tries the GPU providers of this platform first. */
    executionProvider: z.enum(['auto', 'cuda', 'dml', 'coreml', 'cpu']),
    /** Threads per model on the CPU (0: ONNX Runtime decides). */
    inferenceThreads: z.number().int().min(0).max(64),
    /** Loaded models are closed, least recently used first, above this estimate. */
    modelMemoryBudgetMB: z.number().int().min(256).max(262_144),
    /** A model unused this long is closed (0: only when the budget needs the room). */
    modelIdleMinutes: z.number().int().min(0).max(1440),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const settingsDefaults: Settings = {
  theme: 'dark',
  thumbnailSize: 180,
  generateThumbnails: true,
  scanConcurrency: 4,
  executionProvider: 'auto',
  inferenceThreads: 0,
  modelMemoryBudgetMB: 4096,
  modelIdleMinutes: 5,
};

export const settingsMethods = {
  'settings.get': z.object({}).strict(),
  'settings.set': z.object({ changes: settingsSchema.partial() }).strict(),
} as const;

export interface SettingsResults {
  'settings.get': Settings;
  'settings.set': Settings;
}

export interface SettingsEvents {
  'settings.changed': Settings;
}
