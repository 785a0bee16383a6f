// Binds every method of the contract to the studio's services. Parameters arrive already validated by
// the dispatcher; this file only routes.
import type { Studio } from '../studio.ts';
import type { AppInfo } from './app.ts';
import type { Handlers } from './contract.ts';
import { StudioError } from './protocol.ts';
import { createSearchHandlers } from './search.ts';
import { tagsOfImage } from '../../db/queries/imageTags.ts';

/** What only a shell can do (native dialogs); web mode has none of it. */
export interface ShellFeatures {
  readonly pickFolder?: () => Promise<string | null>;
}

export function createHandlers(studio: Studio, appInfo: () => AppInfo, shell: ShellFeatures = {}): Handlers {
  const { library, jobs, settings, experts, models, review, prismerJobs, questions, prismer } = studio;
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
    'models.import': ({ path, task, family, labels }) => models.import(path, task, { family, labels }),
    'models.families': () => models.families(),
    'captions.run': ({ scope, model, options, redo }) =>
      prismerJobs.caption({ scope, bundleDir: prismer.resolveBundle(model), ...(options ? { options } : {}), ...(redo ? { redo } : {}) }),
    'captions.forImage': ({ imageId }) => review.forImage(imageId),
    'captions.queue': ({ status, flag, folderId, limit }) => review.queue({ ...(status ? { status } : {}), ...(flag ? { flag } : {}), ...(folderId !== undefined ? { folderId } : {}) }, limit ?? 10_000),
    'captions.accept': ({ captionId }) => review.accept(captionId),
    'captions.reject': ({ captionId }) => review.reject(captionId),
    'captions.reopen': ({ captionId }) => review.reopen(captionId),
    'captions.edit': (p) => review.edit('baseCaptionId' in p ? { baseCaptionId: p.baseCaptionId } : { imageId: p.imageId }, p.text, p.accept ?? true),
    'captions.bulkAccept': ({ minScore, imageIds }) => review.bulkAccept(minScore, imageIds ?? null),
    'captions.undo': () => review.undo(),
    'captions.redo': () => review.redo(),
    'vqa.ask': ({ imageId, question, answers, model }) => questions.ask(imageId, question, { ...(answers ? { answers } : {}), ...(model ? { model } : {}) }),
    'vqa.forImage': ({ imageId }) => questions.history(imageId),
    'vqa.askAcross': ({ scope, question, answers, model, redo }) =>
      prismerJobs.ask({ scope, bundleDir: prismer.resolveBundle(model), question, ...(answers ? { answers } : {}), ...(redo ? { redo } : {}) }),
    'vqa.answers': ({ question }) => questions.answers(question),
    'vqa.questions': () => questions.questions(),
    'tags.run': ({ scope, classNames, top, model }) => prismerJobs.tag({ scope, bundleDir: prismer.resolveBundle(model), classNames, ...(top ? { top } : {}) }),
    'tags.forImage': ({ imageId }) => tagsOfImage(studio.db, imageId),
    'prismer.models': () => ({ installed: prismer.installedBundles() }),
    ...createSearchHandlers(studio.search),
    'exports.run': ({ scope, format, outDir, acceptedOnly, besideImages, copyImages, withFacts }) =>
      studio.exports.export({
        scope,
        format,
        outDir,
        ...(acceptedOnly !== undefined ? { acceptedOnly } : {}),
        ...(besideImages !== undefined ? { besideImages } : {}),
        ...(copyImages !== undefined ? { copyImages } : {}),
        ...(withFacts !== undefined ? { withFacts } : {}),
      }),
    'exports.importCaptions': ({ folder }) => studio.exports.importCaptions(folder),
  };
}
