// How often a job was started again without getting further: a job that crashes or hangs the studio
// would otherwise be resumed, and crash or hang it again, at every start. The counter goes up when a job
// starts and back to 0 when its progress moves or the studio closes normally; the job queue refuses to
// resume a job past a limit and fails it with the reason.
import type { Migration } from './migration.ts';

export const jobRestarts: Migration = {
  version: 50,
  name: 'job restarts',
  sql: `
ALTER TABLE jobs ADD COLUMN starts_without_progress INTEGER NOT NULL DEFAULT 0;
`,
};
