// Benchmark: the experts on the real pretrained networks of ../shared/real-models (YOLOX-nano, FastestDet,
// LDC, DeepLabV3) over the real photos, in images/s: the studio's expert (framing, inference, decoding,
// NMS, the saved map) against a bare onnxruntime-node loop on the same model in the same run (session.run
// on the already-prepared input tensor only, so it is an upper bound). Target: in-app ≥ 0.8× bare.
//   node bench/realNetworks.bench.ts [--rounds N]
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ort from 'onnxruntime-node';
import { decodeRgb } from '../native-models/imageOps/decodeRgb.ts';
import { runExpert } from '../native-models/experts/expert.ts';
import { familyById, fixedInputSize, type FamilyId } from '../native-models/experts/families.ts';
import { segSpaceFor } from '../native-models/experts/labelMapping.ts';
import { ModelRuntime, type Feeds } from '../native-models/runtime/modelRuntime.ts';
import { realNetwork, realPhoto, skipWithoutRealModels } from '../test/helpers/realModels.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
if (skipWithoutRealModels) {
  console.log(`skipped: ${skipWithoutRealModels}`);
  process.exit(0);
}
const threads = 2;
const runtime = new ModelRuntime({ provider: 'cpu', intraOpThreads: threads });
const images = await Promise.all((['dog.jpg', 'horses.jpg', 'person.jpg', 'giraffe.jpg'] as const).map((p) => decodeRgb(realPhoto(p))));
const networks: [FamilyId, string][] = [['yolox', realNetwork.yoloxNano], ['fastestdet', realNetwork.fastestDet], ['ldc', realNetwork.ldc], ['deeplab', realNetwork.deeplabVoc]];
const rows: { family: string; inApp: number; bare: number; ratio: number }[] = [];
console.log(`${images.length} real photos × ${rounds} rounds; CPU, ${threads} intra-op threads; node ${process.versions.node}\n`);
for (const [id, path] of networks) {
  const info = await runtime.load(path);
  const io = { inputs: info.inputs, outputs: info.outputs };
  const family = familyById(id)!;
  const labels = family.defaultLabels;
  const space = family.task === 'seg' && labels ? segSpaceFor(labels) : null;
  const expert = family.create(
    { family: id, modelId: id, inputName: info.inputNames[0]!, inputSize: fixedInputSize(io, id === 'deeplab' ? 'nhwc' : 'nchw'), labels, ...(space ? { labelSpace: space.space, toLabelSpace: space.mapping.ids } : {}) },
    'bench',
  );
  const context = { runtime, modelFiles: { model: path }, previous: new Map() };
  const prepared = await Promise.all(images.map(async (image) => {
    // Detectors prepare { feeds, frame }; the other experts the feeds themselves.
    const p = (await expert.preprocess(image, context)) as Feeds | { feeds: Feeds; frame: unknown };
    return 'frame' in p ? (p.feeds as Feeds) : (p as Feeds);
  }));
  const session = await ort.InferenceSession.create(path, { executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: threads });
  const time = async (run: () => Promise<void>) => {
    await run(); // warm-up
    const started = performance.now();
    for (let r = 0; r < rounds; r++) await run();
    return (rounds * images.length * 1000) / (performance.now() - started);
  };
  const bare = await time(async () => {
    for (const feeds of prepared) await session.run(feeds);
  });
  const inApp = await time(async () => {
    for (const image of images) await runExpert(expert, image, context);
  });
  await session.release();
  rows.push({ family: family.name, inApp, bare, ratio: inApp / bare });
  console.log(`${family.name.padEnd(16)} in-app ${inApp.toFixed(1).padStart(6)} images/s   bare session.run ${bare.toFixed(1).padStart(6)} images/s   ratio ${(inApp / bare).toFixed(2)}`);
}
await runtime.close();
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results', 'realNetworks.json'), JSON.stringify({ rounds, at: new Date().toISOString(), rows }, null, 2));
