// Facts about the running app the renderer needs: which shell it is in, where data lives, how to build
// media URLs.
import { z } from 'zod';

export interface AppInfo {
  readonly version: string;
  readonly shell: 'electron' | 'web';
  readonly platform: string;
  readonly dataDir: string;
  readonly databasePath: string;
  /** Prefix for thumbnail and image URLs: `${mediaBase}/thumb/<imageId>`, `${mediaBase}/original/<imageId>`. */
  readonly mediaBase: string;
  /** Whether the desktop shell could run here; when not, why (shown in settings). */
  readonly desktopShell: { available: boolean; reason: string | null };
}

export const appMethods = {
  'app.info': z.object({}).strict(),
  /** The system folder picker; only the desktop shell has one (web mode answers 'unsupported'). */
  'app.pickFolder': z.object({}).strict(),
} as const;

export interface AppResults {
  'app.info': AppInfo;
  'app.pickFolder': { path: string | null };
}
