// The settings domain of the contract. The schema and the defaults are the single definition of every
// setting; the settings service stores only what the user changed.
import { z } from 'zod';

export const settingsSchema = z
  .object({
    theme: z.enum(['dark', 'light']),
    thumbnailSize: z.number().int().min(64).max(512),
    generateThumbnails: z.boolean(),
    scanConcurrency: z.number().int().min(1).max(16),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const settingsDefaults: Settings = {
  theme: 'dark',
  thumbnailSize: 180,
  generateThumbnails: true,
  scanConcurrency: 4,
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
