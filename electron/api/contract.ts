// The one contract between the renderer and main: every method with the schema of its parameters and
// the type of its result, and every event main pushes. The Electron preload and the web-mode WebSocket
// are two transports of exactly this; the renderer's client is typed from it.
import type { z } from 'zod';
import { appMethods, type AppResults } from './app.ts';
import { captionMethods, type CaptionEvents, type CaptionResults } from './captions.ts';
import { searchMethods, type SearchResults } from './search.ts';
import { exportMethods, type ExportResults } from './exports.ts';
import { expertMethods, type ExpertResults } from './experts.ts';
import { jobMethods, type JobEvents, type JobResults } from './jobs.ts';
import { libraryMethods, type LibraryEvents, type LibraryResults } from './library.ts';
import { modelMethods, type ModelResults } from './models.ts';
import { settingsMethods, type SettingsEvents, type SettingsResults } from './settings.ts';

export const methodSchemas = {
  ...appMethods,
  ...libraryMethods,
  ...jobMethods,
  ...settingsMethods,
  ...expertMethods,
  ...modelMethods,
  ...captionMethods,
  ...searchMethods,
  ...exportMethods,
} as const;

export type MethodName = keyof typeof methodSchemas;
export type MethodParams<M extends MethodName> = z.input<(typeof methodSchemas)[M]>;
export type ParsedParams<M extends MethodName> = z.output<(typeof methodSchemas)[M]>;
export type MethodResults = AppResults & LibraryResults & JobResults & SettingsResults & ExpertResults & ModelResults & CaptionResults & SearchResults & ExportResults;
export type MethodResult<M extends MethodName> = MethodResults[M];

export type StudioEvents = LibraryEvents & JobEvents & SettingsEvents & CaptionEvents;
export type EventName = keyof StudioEvents;

export const methodNames = Object.keys(methodSchemas) as MethodName[];
export const eventNames: readonly EventName[] = ['library.changed', 'jobs.progress', 'settings.changed', 'captions.changed'];

/** What the renderer holds: `window.studio` in Electron, a WebSocket client in web mode. */
export interface StudioClient {
  invoke<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
}

/** Main's side: one handler per method, receiving validated parameters. */
export type Handlers = { [M in MethodName]: (params: ParsedParams<M>) => MethodResult<M> | Promise<MethodResult<M>> };
