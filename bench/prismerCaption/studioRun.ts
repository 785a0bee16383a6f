// The benchmark's studio side, run in its own process so its peak memory is its own: opens a converted
// bundle, feeds one image's inputs (the same safetensors file the reference reads) to the encoder graph,
// then captions with the tasks API (beam search through the KV-cached step graph; the cross keys/values
// computed once per image, counted in the caption time), once per "run" line on stdin (sessions are
// created in the first). Speaks JSON lines on stdout: {"ready"}, {"run": timings (ms), time per graph,
// generated ids} per run, and after "end" {"summary": RSS after opening / after the first run, peak RSS
// (MiB, process.resourceUsage().maxRSS)}.
//   node bench/prismerCaption/studioRun.ts --bundle DIR --inputs F [--threads 2]
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openSafetensors } from '../../native-models/prismer/checkpoint/safetensors.ts';
import { encoderFeeds } from '../../native-models/prismer/convert/parityRun.ts';
import { loadPrismerBundle } from '../../native-models/prismer/runner/loadBundle.ts';
import { caption } from '../../native-models/prismer/tasks/caption.ts';
import type { GraphRunner } from '../../native-models/prismer/tasks/onnxStepDecoder.ts';
import { ModelRuntime, type Feeds, type Outputs } from '../../native-models/runtime/modelRuntime.ts';

const { values } = parseArgs({
  options: { bundle: { type: 'string' }, inputs: { type: 'string' }, threads: { type: 'string', default: '2' } },
});
if (!values.bundle || !values.inputs) throw new Error('--bundle and --inputs are required');
const threads = Number(values.threads);

/** Milliseconds spent in each graph since the last reset. */
class TimedRunner implements GraphRunner {
  readonly spent = new Map<string, number>();
  readonly #inner: GraphRunner;
  constructor(inner: GraphRunner) {
    this.#inner = inner;
  }
  async run(path: string, feeds: Feeds, outputNames?: readonly string[]): Promise<Outputs> {
    const started = performance.now();
    try {
      return await this.#inner.run(path, feeds, outputNames);
    } finally {
      this.spent.set(path, (this.spent.get(path) ?? 0) + performance.now() - started);
    }
  }
}

const mib = (bytes: number) => bytes / 1024 ** 2;
const runtime = new ModelRuntime({ provider: 'cpu', intraOpThreads: threads, warmUp: false, idleUnloadMs: 0, memoryBudgetBytes: 64 * 1024 ** 3 });
const runner = new TimedRunner(runtime);
const started = performance.now();
const bundle = await loadPrismerBundle(values.bundle);
const tensors = await openSafetensors(values.inputs);
const feeds = await encoderFeeds(tensors, bundle.config.encoderInputs, values.inputs);
await tensors.close();
const openMs = performance.now() - started;
const rssAfterLoadMiB = mib(process.memoryUsage().rss); // sessions are created lazily, in the first run

async function oneRun() {
  runner.spent.clear();
  const t0 = performance.now();
  const out = await runner.run(bundle.encoder, feeds);
  const memoryTensor = out['memory']!;
  const memory = { data: memoryTensor.data as Float32Array, dims: memoryTensor.dims as number[] };
  const t1 = performance.now();
  const result = await caption({ runner, graphs: bundle.graphs, tokenizer: bundle.tokenizer, memory });
  const t2 = performance.now();
  const best = result.candidates[0]!;
  return {
    encoderMs: t1 - t0,
    captionMs: t2 - t1,
    totalMs: t2 - t0,
    tokens: best.tokens,
    score: best.score,
    crossKeyValuesMs: runner.spent.get(bundle.graphs.crossKeyValues) ?? 0,
    stepGraphMs: runner.spent.get(bundle.graphs.step) ?? 0,
  };
}

const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

// One run per "run" line on stdin, so the benchmark can alternate the two paths; "end" gives the summary.
say({ ready: true, openMs });
let runs = 0;
let rssWarmMiB: number | null = null;
for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === 'run') {
    say({ run: await oneRun() });
    if (++runs === 1) rssWarmMiB = mib(process.memoryUsage().rss); // every session is open after the first run
  } else if (command === 'end') {
    break;
  }
}
await runtime.close();
say({
  summary: {
    node: process.versions.node,
    threads,
    openMs,
    memoryTokens: bundle.config.vision.tokens,
    rssAfterLoadMiB,
    rssWarmMiB,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  },
});
process.stdin.destroy();
