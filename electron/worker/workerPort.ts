// The worker's side of the channel: Electron's utility process hands it `process.parentPort` (messages
// arrive wrapped as { data }); a Node fork has process.send / 'message'. The worker code is the same.

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

export function postToMain(message: unknown): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

export function onMainMessage(listener: (message: unknown) => void): void {
  if (parentPort) parentPort.on('message', (event) => listener(event.data));
  else process.on('message', listener);
}

/** Main went away (fork: the IPC channel closed). A utility process is ended by its parent instead. */
export function onMainGone(listener: () => void): void {
  if (!parentPort) process.on('disconnect', listener);
}

/** Main asks a utility process to stop with this message, since it has no disconnect. */
export const stopMessage = { type: 'stop' } as const;
