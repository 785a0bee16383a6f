// The model worker behind its channel: main can start it another way (the desktop app uses Electron's
// utility process), and the worker speaks through `process.parentPort` when it has one — imitated here
// over a fork — answering requests and stopping when main asks it to.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExpertWorkerClient } from '../../../electron/worker/expertWorkerClient.ts';
import type { SpawnWorker } from '../../../electron/worker/workerProcess.ts';
import { writePhoto } from '../../helpers/images.ts';
import { tempDir } from '../../helpers/tempDir.ts';

const fakeParentPort = new URL('../../helpers/fakeParentPort.mjs', import.meta.url).href;

test('a worker with a parent port (as in a utility process) answers, and stops when asked', async (t) => {
  const dir = tempDir(t);
  const photo = join(dir, 'p.jpg');
  await writePhoto(photo, { width: 64, height: 48, seed: 5 });
  const started: string[] = [];
  const exits: (number | null)[] = [];
  // Like main.ts's utility-process spawner: no disconnect, so stopping is the stop message alone.
  const spawn: SpawnWorker = (entry) => {
    started.push(entry);
    const child = fork(entry, [], { execArgv: [...process.execArgv, '--import', fakeParentPort], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('exit', (code) => exits.push(code));
    return {
      pid: child.pid,
      send: (message) => void (child.connected && child.send(message as object)),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.on('exit', (code, signal) => listener(code, signal)),
      stop: () => {},
      kill: () => void child.kill('SIGKILL'),
    };
  };
  const worker = new ExpertWorkerClient({ spawn });
  const answer = await worker.run(photo, [{ expert: 'edge', label: 'Canny (classical fallback)', files: {}, modelVersion: 'builtin' }]);
  assert.equal(started.length, 1);
  assert.match(started[0]!, /expertWorker\.ts$/);
  assert.equal(answer.results[0]?.status, 'done');
  assert.deepEqual(answer.imageSize, { width: 64, height: 48 });
  const closing = performance.now();
  await worker.close();
  assert.deepEqual(exits, [0], 'it exited by itself, cleanly, on the stop message');
  assert.ok(performance.now() - closing < 3000, 'before the kill timer');
});
