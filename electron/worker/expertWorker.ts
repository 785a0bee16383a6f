// The model worker: a separate process (child_process.fork, or Electron's utilityProcess) that decodes
// images and runs the experts, so a long or crashing inference never freezes or kills the app and its
// memory is returned by ending it. It never touches the database: it answers main with the outputs.
import { decodeRgb } from '../../native-models/imageOps/decodeRgb.ts';
import type { ExpertId } from '../../native-models/experts/expert.ts';
import { runPipeline, type PipelineChoice } from '../../native-models/experts/pipeline.ts';
import { implementationsFor } from '../../native-models/experts/registry.ts';
import { ModelRuntime } from '../../native-models/runtime/modelRuntime.ts';
import { toWorkerSchema, type FromWorker, type WorkerChoice } from './workerProtocol.ts';

let runtime = new ModelRuntime({ intraOpThreads: 2 });

/** What the worker sends; main checks it against `fromWorkerSchema`. */
type Outgoing = Exclude<FromWorker, { type: 'result' }> | {
  type: 'result';
  id: number;
  results: Awaited<ReturnType<typeof runPipeline>>;
  provider: ReturnType<ModelRuntime['providerInUse']>;
  imageSize: { width: number; height: number };
  milliseconds: number;
};

function send(message: Outgoing): void {
  process.send?.(message);
}

function toChoice(choice: WorkerChoice): PipelineChoice | { expert: ExpertId; missing: string } {
  if ('missing' in choice) return choice;
  const implementation = implementationsFor(choice.expert).find((i) => i.label === choice.label);
  if (!implementation) return { expert: choice.expert, missing: `This version of the worker has no "${choice.label}" implementation.` };
  return { expert: choice.expert, implementation, files: choice.files, modelVersion: choice.modelVersion };
}

// One image at a time: inference already uses every core it is given, and order keeps memory flat.
let queue: Promise<void> = Promise.resolve();

process.on('message', (raw: unknown) => {
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === 'configure') {
    const old = runtime;
    runtime = new ModelRuntime(message.runtime);
    queue = queue.then(() => old.close());
    return;
  }
  queue = queue.then(async () => {
    const started = performance.now();
    try {
      const image = await decodeRgb(message.imagePath);
      const results = await runPipeline(image, message.choices.map(toChoice), runtime);
      send({
        type: 'result',
        id: message.id,
        results,
        provider: runtime.providerInUse(),
        imageSize: { width: image.width, height: image.height },
        milliseconds: performance.now() - started,
      });
    } catch (error) {
      send({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
    }
  });
});

process.on('disconnect', () => {
  void runtime.close().finally(() => process.exit(0));
});

send({ type: 'ready', pid: process.pid });
