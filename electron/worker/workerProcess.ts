// How main starts the model worker and talks to it, behind one small interface: Node's child_process.fork
// (the CLI, web mode, tests) or, in the desktop app, Electron's utilityProcess (main.ts supplies it; only
// main.ts may import electron). Messages are structured-cloned either way, so label maps travel as
// Uint8Arrays without JSON.
import { fork } from 'node:child_process';

export interface WorkerProcess {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Asks the worker to finish and exit (it closes its models first). */
  stop(): void;
  kill(): void;
}

export type SpawnWorker = (entry: string) => WorkerProcess;

export const forkWorker: SpawnWorker = (entry) => {
  const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    pid: child.pid,
    send: (message) => {
      // A worker that just died is noticed through 'exit'; sending to it must not throw in main.
      if (child.connected) child.send(message as object);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code, signal) => listener(code, signal)),
    stop: () => {
      if (child.connected) child.disconnect();
    },
    kill: () => void child.kill('SIGKILL'),
  };
};
