// Where the studio keeps its database and caches: PRISMER_STUDIO_HOME when set, otherwise the platform's
// user data folder (the same folder Electron's app.getPath('userData') names for this app), so the
// desktop app, web mode and the CLI share one library.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const appFolderName = 'Prismer Studio';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PRISMER_STUDIO_HOME) return env.PRISMER_STUDIO_HOME;
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appFolderName);
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', appFolderName);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appFolderName);
  }
}

export interface DataPaths {
  readonly dataDir: string;
  readonly database: string;
  readonly thumbnails: string;
  readonly previews: string;
  /** Expert label maps (PNG), per content hash. */
  readonly maps: string;
}

/**
 * The data folder of a `--db FILE` run: `FILE.cache` beside it. Not the database's own folder — with
 * `--db ~/studio.db` that is the home folder, which would make every photo folder under it "the studio's
 * own data folder" and be refused.
 */
export function dataDirForDatabase(database: string): string {
  return `${resolve(database)}.cache`;
}

/** Downloaded and imported model files: `<dataDir>/models/<model id>/<file>`. */
export function modelsDir(paths: Pick<DataPaths, 'dataDir'>): string {
  return join(paths.dataDir, 'models');
}

export function dataPaths(dataDir: string, database?: string): DataPaths {
  return {
    dataDir,
    database: database ?? join(dataDir, 'library.db'),
    thumbnails: join(dataDir, 'cache', 'thumbnails'),
    previews: join(dataDir, 'cache', 'previews'),
    maps: join(dataDir, 'cache', 'maps'),
  };
}
