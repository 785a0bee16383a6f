// Child process for the crash test: starts a scan of a folder, prints "progress" once some photos are
// in, and then waits to be killed mid-scan.
import { openStudio } from '../../electron/studio.ts';

const [dataDir, folder] = process.argv.slice(2) as [string, string];
const studio = openStudio({ dataDir });
studio.settings.set({ scanConcurrency: 1 });
let told = false;
studio.bus.on('jobs.progress', (job) => {
  if (!told && job.state === 'running' && job.done >= 3) {
    told = true;
    process.stdout.write('progress\n');
  }
});
await studio.library.addFolder(folder);
await new Promise(() => {});
