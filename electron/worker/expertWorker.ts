// The model worker: a separate process (child_process.fork, or Electron's utilityProcess) that decodes
// images and runs the experts, so a long or crashing inference never freezes or kills the app and its
// memory is returned by ending it. It never touches the database: it answers main with the outputs.
// It also runs Prismer (caption / ask / tag) from a model bundle, in a runtime of its own (no zero-input
// warm-up: the decoder graphs' shapes cannot be guessed).
import { onMainGone, onMainMessage, postToMain, stopMessage } from './workerPort.ts';
import { decodeRgb } from '../../native-models/imageOps/decodeRgb.ts';
import type { ExpertId } from '../../native-models/experts/expert.ts';
import { runPipeline, type PipelineChoice } from '../../native-models/experts/pipeline.ts';
import { familyById } from '../../native-models/experts/families.ts';
import { familyImplementation, implementationsFor } from '../../native-models/experts/registry.ts';
import { ModelRuntime } from '../../native-models/runtime/modelRuntime.ts';
import { ClipTextEncoderCache } from '../../native-models/clip/clipTextEncoder.ts';
import type { SavedLabels } from '../../native-models/prismer/inputs/assembleInputs.ts';
import { loadPrismerBundle, type PrismerBundle } from '../../native-models/prismer/runner/loadBundle.ts';
import { runPrismer, type PrismerRunResult } from '../../native-models/prismer/runner/prismerRunner.ts';
import { readLabelMap } from '../../native-models/prismer/runner/readLabelMap.ts';
import { toWorkerSchema, type FromWorker, type PrismerRequest, type RuntimeSettings, type WorkerChoice } from './workerProtocol.ts';

let runtime = new ModelRuntime({ intraOpThreads: 2 });
let prismerRuntime = new ModelRuntime({ intraOpThreads: 2, warmUp: false });
/** The last bundle opened (its tokenizer is read once). */
let bundleCache: { dir: string; bundle: Promise<PrismerBundle> } | null = null;
/** The CLIP text encoder for OCR word features, kept between images (its embedding cache). */
const clipTextEncoders = new ClipTextEncoderCache();

/** What the worker sends; main checks it against `fromWorkerSchema`. */
type Outgoing = Exclude<FromWorker, { type: 'result' } | { type: 'prismer-result' }> | { type: 'prismer-result'; id: number; result: PrismerRunResult } | {
  type: 'result';
  id: number;
  results: Awaited<ReturnType<typeof runPipeline>>;
  provider: ReturnType<ModelRuntime['providerInUse']>;
  imageSize: { width: number; height: number };
  milliseconds: number;
};

function send(message: Outgoing): void {
  postToMain(message);
}

function toChoice(choice: WorkerChoice): PipelineChoice | { expert: ExpertId; missing: string } {
  if ('missing' in choice) return choice;
  if (choice.family) {
    const family = familyById(choice.family.family);
    if (!family || family.task !== choice.expert) return { expert: choice.expert, missing: `This version of the worker has no ${choice.family.family} family for ${choice.expert}.` };
    return { expert: choice.expert, implementation: familyImplementation(family, choice.family, choice.label), files: choice.files, modelVersion: choice.modelVersion };
  }
  const implementation = implementationsFor(choice.expert).find((i) => i.label === choice.label);
  if (!implementation) return { expert: choice.expert, missing: `This version of the worker has no "${choice.label}" implementation.` };
  return { expert: choice.expert, implementation, files: choice.files, modelVersion: choice.modelVersion };
}

function openBundle(dir: string): Promise<PrismerBundle> {
  if (bundleCache?.dir !== dir) {
    const bundle = loadPrismerBundle(dir);
    bundle.catch(() => {
      if (bundleCache?.bundle === bundle) bundleCache = null;
    });
    bundleCache = { dir, bundle };
  }
  return bundleCache.bundle;
}

async function runPrismerJob(job: PrismerRequest): Promise<PrismerRunResult> {
  const bundle = await openBundle(job.bundleDir);
  const experts: Partial<Record<ExpertId, SavedLabels>> = {};
  for (const [expert, saved] of Object.entries(job.experts ?? {}) as [ExpertId, { mapPath: string; labelMeta?: unknown }][]) {
    experts[expert] = { labelMap: await readLabelMap(saved.mapPath), labelMeta: saved.labelMeta };
  }
  const clipText = job.clipText ? await clipTextEncoders.get(prismerRuntime, job.clipText) : undefined;
  return runPrismer(prismerRuntime, { bundle, image: job.imagePath, experts, labelTablesDir: job.labelTablesDir, clipText, request: job.request });
}

function reconfigure(settings: RuntimeSettings): void {
  const old = [runtime, prismerRuntime];
  runtime = new ModelRuntime(settings);
  prismerRuntime = new ModelRuntime({ ...settings, warmUp: false });
  queue = queue.then(async () => {
    for (const r of old) await r.close();
  });
}

// One image at a time: inference already uses every core it is given, and order keeps memory flat.
let queue: Promise<void> = Promise.resolve();

function shutDown(): void {
  void Promise.all([runtime.close(), prismerRuntime.close()]).finally(() => process.exit(0));
}

onMainMessage((raw: unknown) => {
  if ((raw as { type?: unknown } | null)?.type === stopMessage.type) {
    shutDown();
    return;
  }
  const parsed = toWorkerSchema.safeParse(raw);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === 'configure') {
    reconfigure(message.runtime);
    return;
  }
  if (message.type === 'prismer') {
    queue = queue.then(async () => {
      try {
        send({ type: 'prismer-result', id: message.id, result: await runPrismerJob(message.job) });
      } catch (error) {
        send({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
      }
    });
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

onMainGone(shutDown);

send({ type: 'ready', pid: process.pid });
