// Main's handle on the model worker: starts it on first use, sends one request per image, validates
// every answer, and restarts it after a crash — the request that was running fails with a clear error
// (the job records it and goes on), nothing else is lost. A request whose job is cancelled gets a
// moment to answer; then the worker is ended (an ONNX Runtime run cannot be interrupted) and the other
// requests in flight are sent again to a fresh one, so a cancel never waits on a long inference.
import { fileURLToPath } from 'node:url';
import type { PipelineResult } from '../../native-models/experts/pipeline.ts';
import { forkWorker, type SpawnWorker, type WorkerProcess } from './workerProcess.ts';
import { stopMessage } from './workerPort.ts';
import { fromWorkerSchema, type PrismerRequest, type PrismerResult, type RuntimeSettings, type WorkerChoice } from './workerProtocol.ts';

export interface WorkerAnswer {
  readonly results: PipelineResult[];
  readonly provider: { provider: string; fallbackReason: string | null };
  readonly imageSize: { width: number; height: number };
  readonly milliseconds: number;
}

export class WorkerRequestCancelledError extends Error {
  constructor() {
    super('Cancelled.');
    this.name = 'WorkerRequestCancelledError';
  }
}

export class WorkerCrashedError extends Error {
  constructor(detail: string) {
    super(`The model worker stopped unexpectedly (${detail}). It restarts for the next image.`);
    this.name = 'WorkerCrashedError';
  }
}

interface Pending {
  readonly kind: 'run' | 'prismer';
  /** The message, to send again to a fresh worker when another request's cancel ended this one's. */
  readonly message: unknown;
  resolve(answer: WorkerAnswer | PrismerResult): void;
  reject(error: Error): void;
}

/** How long a cancelled request may still answer before its worker is ended. */
const cancelGraceMs = 250;

// The worker is TypeScript next to this file in development and compiled JavaScript in the packaged app.
const workerEntry = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './expertWorker.ts' : './expertWorker.js', import.meta.url));

export class ExpertWorkerClient {
  #child: WorkerProcess | null = null;
  readonly #spawn: SpawnWorker;
  readonly #exited = new WeakMap<WorkerProcess, Promise<void>>();
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  /** Workers ended for a cancel: their other requests are sent again rather than failed. */
  readonly #endedForCancel = new WeakSet<WorkerProcess>();
  #runtime: RuntimeSettings | null = null;
  /** Process ids of every worker started, for tests that kill it. */
  readonly startedPids: number[] = [];

  /** `spawn`: how to start the worker (default child_process.fork; the desktop app passes utilityProcess). */
  constructor(options: { spawn?: SpawnWorker } = {}) {
    this.#spawn = options.spawn ?? forkWorker;
  }

  configure(runtime: RuntimeSettings): void {
    this.#runtime = runtime;
    this.#child?.send({ type: 'configure', runtime });
  }

  get pid(): number | null {
    return this.#child?.pid ?? null;
  }

  run(imagePath: string, choices: WorkerChoice[], signal?: AbortSignal): Promise<WorkerAnswer> {
    return this.#request<WorkerAnswer>('run', (id) => ({ type: 'run', id, imagePath, choices }), signal);
  }

  /** Runs one Prismer task (caption / ask / tag) on one photo from a model bundle. */
  prismer(job: PrismerRequest, signal?: AbortSignal): Promise<PrismerResult> {
    return this.#request<PrismerResult>('prismer', (id) => ({ type: 'prismer', id, job }), signal);
  }

  /** Sends one request to the worker (started if needed) and waits for the answer with its id. */
  #request<T extends WorkerAnswer | PrismerResult>(kind: Pending['kind'], makeMessage: (id: number) => unknown, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new WorkerRequestCancelledError());
    const child = this.#ensure();
    const id = this.#nextId++;
    const message = makeMessage(id);
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        timer = setTimeout(() => this.#cancel(id), cancelGraceMs);
      };
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      this.#pending.set(id, {
        kind,
        message,
        resolve: (answer) => {
          settle();
          resolve(answer as T);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      child.send(message);
    });
  }

  /** Ends a request that is still running: its worker is ended, the other requests go to a fresh one. */
  #cancel(id: number): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    pending.reject(new WorkerRequestCancelledError());
    const child = this.#child;
    if (!child) return;
    this.#endedForCancel.add(child);
    this.#child = null;
    child.kill();
  }

  async close(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    const exited = this.#exited.get(child);
    const timer = setTimeout(() => child.kill(), 3000);
    child.send(stopMessage);
    child.stop();
    await exited;
    clearTimeout(timer);
  }

  #ensure(): WorkerProcess {
    if (this.#child) return this.#child;
    const child = this.#spawn(workerEntry);
    if (child.pid) this.startedPids.push(child.pid);
    this.#exited.set(child, new Promise((resolve) => child.onExit(() => resolve())));
    if (this.#runtime) child.send({ type: 'configure', runtime: this.#runtime });
    child.onMessage((raw) => {
      const parsed = fromWorkerSchema.safeParse(raw);
      if (!parsed.success) {
        // An answer that does not validate fails its request rather than leaving it waiting.
        const id = (raw as { id?: unknown } | null)?.id;
        const pending = typeof id === 'number' ? this.#pending.get(id) : undefined;
        if (pending) {
          this.#pending.delete(id as number);
          pending.reject(new Error(`The model worker sent a malformed answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`));
        }
        return;
      }
      if (parsed.data.type === 'ready') return;
      const message = parsed.data;
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.type === 'error') pending.reject(new Error(message.message));
      else if (message.type === 'prismer-result') {
        if (pending.kind === 'prismer') pending.resolve(message.result);
        else pending.reject(new Error('The model worker answered an experts request with a Prismer result.'));
      } else if (pending.kind === 'run') {
        pending.resolve({ results: message.results as PipelineResult[], provider: message.provider, imageSize: message.imageSize, milliseconds: message.milliseconds });
      } else pending.reject(new Error('The model worker answered a Prismer request with expert results.'));
    });
    child.onExit((code, signal) => {
      if (this.#child === child) this.#child = null;
      if (this.#endedForCancel.has(child)) {
        // Ended for another request's cancel: what else was in flight runs again on a fresh worker.
        if (this.#pending.size === 0) return;
        const fresh = this.#ensure();
        for (const pending of this.#pending.values()) fresh.send(pending.message);
        return;
      }
      const detail = signal ? `killed by ${signal}` : `exit code ${code}`;
      for (const [id, pending] of this.#pending) {
        this.#pending.delete(id);
        pending.reject(new WorkerCrashedError(detail));
      }
    });
    this.#child = child;
    return child;
  }
}
