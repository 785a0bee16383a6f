// Binds every method of the contract to the studio's services. Parameters arrive already validated by
// the dispatcher; this file only routes.
import type { Studio } from '../studio.ts';
import type { AppInfo } from './app.ts';
import type { Handlers } from './contract.ts';
import { StudioError } from './protocol.ts';

/** What only a shell can do (native dialogs); web mode has none of it. */
export interface ShellFeatures {
  readonly pickFolder?: () => Promise<string | null>;
}

export function createHandlers(studio: Studio, appInfo: () => AppInfo, shell: ShellFeatures = {}): Handlers {
  const { library, jobs, settings, experts, models } = studio;
  return {
    'app.info': () => appInfo(),
    'app.pickFolder': async () => {
      if (!shell.pickFolder) throw new StudioError('unsupported', 'There is no system folder picker in web mode; type or browse to the folder instead.');
      return { path: await shell.pickFolder() };
    },
    'library.addFolder': ({ path }) => library.addFolder(path),
    'library.addFiles': ({ paths }) => library.addFiles(paths),
    'library.rescan': ({ folderId }) => library.rescan(folderId),
    'library.removeFolder': ({ folderId }) => library.removeFolder(folderId),
    'library.folders': () => library.folders(),
    'library.subfolders': ({ folderId }) => library.subfolders(folderId),
    'library.query': ({ query, offset, limit }) => library.query(query, offset, limit),
    'library.image': ({ id }) => library.image(id),
    'library.browse': ({ path }) => library.browse(path),
    'jobs.list': () => jobs.list(),
    'jobs.cancel': ({ jobId }) => {
      if (!jobs.get(jobId)) throw new StudioError('not-found', `There is no job ${jobId}.`);
      return { cancelled: jobs.cancel(jobId) };
    },
    'experts.run': ({ imageIds, folderId, only }) => experts.run({ ...(imageIds ? { imageIds } : {}), ...(folderId !== undefined ? { folderId } : {}), only: only ?? [] }),
    'experts.forImage': ({ imageId }) => experts.outputsFor(imageId),
    'experts.status': () => experts.status(),
    'jobs.pause': ({ jobId }) => ({ paused: jobs.pause(jobId) }),
    'jobs.resume': ({ jobId }) => ({ resumed: jobs.resume(jobId) }),
    'settings.get': () => settings.get(),
    'settings.set': ({ changes }) => settings.set(changes),
    'models.list': () => models.list(),
    'models.install': ({ id, acceptLicence, deleteCheckpoint }) => models.install(id, { acceptLicence, ...(deleteCheckpoint ? { deleteCheckpoint } : {}) }),
    'models.remove': ({ id, forget }) => models.remove(id, { forget }),
    'models.import': ({ path, task }) => models.import(path, task),
  };
}
