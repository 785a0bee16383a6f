// Child process for the caption crash test: starts a caption job over the library (already scanned by
// the parent), prints "progress" once two photos' candidates are stored, then waits to be killed.
import { openStudio } from '../../electron/studio.ts';

const [dataDir, bundleDir] = process.argv.slice(2) as [string, string];
const studio = openStudio({ dataDir });
let stored = 0;
studio.bus.on('captions.changed', () => {
  if (++stored === 2) process.stdout.write('progress\n');
});
studio.prismerJobs.caption({ scope: { all: true }, bundleDir });
await new Promise(() => {});
