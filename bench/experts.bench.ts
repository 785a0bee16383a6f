// Benchmark: the experts on CPU with generated models of the real signatures (so pre/post-processing
// and ONNX Runtime overhead are real; the networks are trivial) — OCR with its real bundled weights —
// per expert in images/s, and the whole
// pipeline run in-process (baseline) versus through the model worker process, with peak memory.
//   node bench/experts.bench.ts [--count N] [--size WxH]
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ExpertWorkerClient } from '../electron/worker/expertWorkerClient.ts';
import type { WorkerChoice } from '../electron/worker/workerProtocol.ts';
import { decodeRgb } from '../native-models/imageOps/decodeRgb.ts';
import { runExpert, type ExpertId, type ExpertOutput } from '../native-models/experts/expert.ts';
import { chooseImplementation, runPipeline, type ModelFileResolver, type PipelineChoice } from '../native-models/experts/pipeline.ts';
import { implementationsFor } from '../native-models/experts/registry.ts';
import { bundledOcrModelFiles } from '../native-models/experts/ocr/bundledModels.ts';
import { ModelRuntime } from '../native-models/runtime/modelRuntime.ts';
import { writeDepthModel, writeDetectorModel, writeDexinedModel, writeSegformerModel } from '../test/helpers/onnxModels.ts';
import { writePhoto } from '../test/helpers/images.ts';

const { values } = parseArgs({ options: { count: { type: 'string', default: '12' }, size: { type: 'string', default: '1600x1200' } } });
const count = Number(values.count);
const [width, height] = values.size.split('x').map(Number) as [number, number];
const dir = join(tmpdir(), `prismer-bench-experts-${process.pid}`);
mkdirSync(dir, { recursive: true });

function peakRssMiB(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

try {
  const photos: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `p${i}.jpg`);
    await writePhoto(path, { seed: i, width, height });
    photos.push(path);
  }
  const depth = writeDepthModel(dir);
  const dexined = writeDexinedModel(dir);
  const seg = writeSegformerModel(dir, ['wall', 'sky', 'water']);
  const ocr = bundledOcrModelFiles();
  const det = writeDetectorModel(dir, [{ logits: [5, -5, -5], box: [0.5, 0.5, 0.4, 0.4] }], ['person', 'car', 'dog']);
  const files: Record<string, { path: string; version: string }> = {
    'depth-dpt-hybrid': { path: depth, version: 'bench' },
    'edge-dexined': { path: dexined, version: 'bench' },
    'seg-segformer-ade': { path: seg.model, version: 'bench' },
    'seg-segformer-ade-config': { path: seg.config, version: 'bench' },
    'det-rtdetr-r18': { path: det.model, version: 'bench' },
    'det-rtdetr-r18-config': { path: det.config, version: 'bench' },
    // OCR runs its real bundled weights.
    'ocr-ppocr-v4-det': { path: ocr.det, version: 'bundled' },
    'ocr-ppocr-v4-rec': { path: ocr.rec, version: 'bundled' },
    'ocr-ppocr-mobile-v2-cls': { path: ocr.cls, version: 'bundled' },
    'ocr-ppocr-keys-v1': { path: ocr.dict, version: 'bundled' },
  };
  const resolve: ModelFileResolver = (id) => files[id] ?? null;
  const runtime = new ModelRuntime({ intraOpThreads: 2 });

  console.log(`${count} photos of ${width}×${height}; generated models; CPU, 2 intra-op threads; node ${process.versions.node}\n`);
  const images = await Promise.all(photos.map((p) => decodeRgb(p)));
  const perExpert: Record<string, number> = {};
  const experts: ExpertId[] = ['depth', 'edge', 'seg', 'normal', 'det', 'ocr'];
  for (const expert of experts) {
    for (const implementation of implementationsFor(expert)) {
      const choice = chooseImplementation(expert, [implementation], resolve);
      if ('missing' in choice) continue;
      const instance = implementation.create(choice.modelVersion);
      let previous = new Map<ExpertId, ExpertOutput>();
      const run = async () => {
        for (const image of images) {
          if (instance.needs?.includes('depth')) {
            const d = implementationsFor('depth')[0]!;
            previous = new Map([['depth', await runExpert(d.create('bench'), image, { runtime, modelFiles: { model: depth }, previous: new Map() })]]);
          }
          await runExpert(instance, image, { runtime, modelFiles: choice.files, previous });
        }
      };
      await run(); // warm-up: sessions opened, first-run costs paid
      const started = performance.now();
      await run();
      const rate = (images.length * 1000) / (performance.now() - started);
      perExpert[implementation.label] = rate;
      console.log(`${implementation.label.padEnd(48)} ${rate.toFixed(2).padStart(7)} images/s`);
    }
  }

  const choices = experts.map((e) => chooseImplementation(e, implementationsFor(e), resolve));
  const inProcessStart = performance.now();
  for (const image of images) await runPipeline(image, choices, runtime);
  const inProcessRate = (images.length * 1000) / (performance.now() - inProcessStart);

  const worker = new ExpertWorkerClient();
  worker.configure({ provider: 'cpu', intraOpThreads: 2, memoryBudgetBytes: 2 ** 31, idleUnloadMs: 60_000 });
  const workerChoices: WorkerChoice[] = choices.map((c) =>
    'missing' in c ? c : { expert: c.expert, label: (c as PipelineChoice).implementation.label, files: c.files, modelVersion: c.modelVersion },
  );
  await worker.run(photos[0]!, workerChoices); // warm-up
  const workerStart = performance.now();
  for (const photo of photos) await worker.run(photo, workerChoices);
  const workerRate = (photos.length * 1000) / (performance.now() - workerStart);
  const workerPeak = worker.pid ? peakRssMiB(worker.pid) : null;
  await worker.close();
  await runtime.close();

  console.log(`\nwhole pipeline (${experts.join(', ')})`);
  console.log(`  in-process (baseline, images already decoded) ${inProcessRate.toFixed(2)} images/s`);
  console.log(`  model worker (decodes each file too)          ${workerRate.toFixed(2)} images/s   ratio ${(workerRate / inProcessRate).toFixed(2)}`);
  console.log(`  peak memory: main ${peakRssMiB(process.pid)?.toFixed(0) ?? '?'} MiB, worker ${workerPeak?.toFixed(0) ?? '?'} MiB`);
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', 'experts.json'),
    JSON.stringify({ count, width, height, at: new Date().toISOString(), perExpert, inProcessRate, workerRate, workerPeakMiB: workerPeak }, null, 2),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
