// The renderer's single doorway to the contract's types. Only types cross from electron/api; nothing at
// runtime does.
export type {
  EventName,
  MethodName,
  MethodParams,
  MethodResult,
  StudioClient,
  StudioEvents,
} from '../../../../electron/api/contract.ts';
export type { AppInfo } from '../../../../electron/api/app.ts';
export type { JobInfo, JobState } from '../../../../electron/api/jobs.ts';
export type {
  BrowseEntry,
  BrowseResult,
  ExifEntry,
  Folder,
  ImageDetail,
  ImagePage,
  ImageQuery,
  ImageTile,
  SubfolderCount,
} from '../../../../electron/api/library.ts';
export type { Settings } from '../../../../electron/api/settings.ts';
export type { ErrorInfo, EventMessage, Reply } from '../../../../electron/api/protocol.ts';
export type { ExpertName, ExpertPlanEntry, ExpertStatus, StoredExpertOutput } from '../../../../electron/api/experts.ts';
export type { DownloadSource, ImportedModelFacts, Licence, ModelFamilyInfo, ModelInfo, ModelResults, ModelStatus, ModelTask } from '../../../../electron/api/models.ts';
export type { ImageReview, ImageTag, UndoResult, VqaRecord } from '../../../../electron/api/captions.ts';
export type { DuplicateGroup, DuplicateMember, DuplicatePage, SavedView, SearchFacets, SearchPage, SearchQuery, SearchTile } from '../../../../electron/api/search.ts';
