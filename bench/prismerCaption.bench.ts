// Benchmark: Prismer captioning in the studio (ONNX Runtime, beam search through a KV cache) against a
// plain-PyTorch reference that runs the spec as the official code does (no KV cache: the whole decoder,
// cross-attention projections of the memory included, re-run over the whole sequence at every step), on the
// same random full-size BASE weights at 480 px, the same inputs, thread count and CPU.
//   PATH=node_modules/.bin:$PATH node bench/prismerCaption.bench.ts [--threads 2] [--runs 3] [--no-docs]
// Steps: random weights with every key and shape of the official layout written as a real
// pytorch_model.bin (Python); the studio's converter (timed, not compared); then each path in its own child
// process so peak RSS is per path, both loaded and their runs alternated (a warm-up each, then `--runs`
// runs; medians reported) so the shared machine's changing load hits both alike. The generated ids of
// both paths are compared (a full-size parity check). Writes bench/results/prismerCaption.json and the
// "Prismer captioning vs the PyTorch reference" section of docs/benchmarks.md; temp files are deleted.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { convertCheckpoint } from '../native-models/prismer/convert/convertCheckpoint.ts';
import { loadPrismerBundle } from '../native-models/prismer/runner/loadBundle.ts';
import { captionPrompt } from '../native-models/prismer/tokenizer/prismerText.ts';
import { writeRobertaShapedTokenizer } from './prismerCaption/robertaShapedTokenizer.ts';
import { ChildPath } from './prismerCaption/childPath.ts';
import { benchSection, pathReport, replaceSection, type BenchReport, type PathReport, type PathSummary, type RunTimings } from './prismerCaption/report.ts';

const { values } = parseArgs({
  allowNegative: true,
  options: {
    threads: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '0' },
    python: { type: 'string', default: '/usr/bin/python3' },
    layout: { type: 'string', default: join(import.meta.dirname, '..', '..', 'shared', 'prismer', 'checkpoint-layout', 'prismer_base_480.json') },
    docs: { type: 'boolean', default: true },
  },
});
const threads = Number(values.threads);
const runs = Number(values.runs);
if (!(threads >= 1 && runs >= 1)) throw new Error('--threads and --runs must be at least 1');
if (!existsSync(values.layout)) throw new Error(`No checkpoint layout at ${values.layout} (give --layout)`);
const here = import.meta.dirname;
const referenceDir = join(here, 'prismerReference');
const resolution = 480;

/** Runs a child process to its end; its stderr goes to ours, its stdout is returned. */
function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

const seconds = (since: number) => (performance.now() - since) / 1000;

const dir = mkdtempSync(join(tmpdir(), 'prismer-bench-caption-'));
try {
  console.log(`temp dir ${dir}; ${threads} threads; ${runs} runs after a warm-up`);

  let started = performance.now();
  const checkpoint = join(dir, 'pytorch_model.bin');
  await run(values.python, [join(referenceDir, 'make_random_checkpoint.py'), values.layout, checkpoint, '--seed', values.seed]);
  const inputs = join(dir, 'inputs.safetensors');
  await run(values.python, [join(referenceDir, 'make_inputs.py'), inputs, '--resolution', String(resolution), '--seed', values.seed]);
  const weightsSeconds = seconds(started);
  console.log(`random BASE-480 checkpoint: ${(statSync(checkpoint).size / 1e9).toFixed(2)} GB in ${weightsSeconds.toFixed(1)} s`);

  started = performance.now();
  const tokenizerDir = join(dir, 'tokenizer');
  mkdirSync(tokenizerDir);
  writeRobertaShapedTokenizer(tokenizerDir);
  const bundleDir = join(dir, 'bundle');
  await convertCheckpoint({ checkpoint, outDir: bundleDir, tokenizerDir, name: 'prismer-base-480-random' });
  const conversionSeconds = seconds(started);
  console.log(`converted in ${conversionSeconds.toFixed(1)} s`);
  const prompt = captionPrompt((await loadPrismerBundle(bundleDir)).tokenizer).ids;
  rmSync(tokenizerDir, { recursive: true });

  const loadBefore = loadavg();
  console.log(`load average before the runs ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);
  const studio = new ChildPath('studio', process.execPath, [join(here, 'prismerCaption', 'studioRun.ts'), '--bundle', bundleDir, '--inputs', inputs, '--threads', String(threads)]);
  const reference = new ChildPath('reference', values.python, [
    join(referenceDir, 'run_reference.py'),
    '--checkpoint', checkpoint,
    '--inputs', inputs,
    '--prompt', prompt.join(','),
    '--resolution', String(resolution),
    '--threads', String(threads),
    '--profile',
  ], {
    ...process.env,
    // torch.set_num_threads sets OpenMP's threads; Debian's torch calls OpenBLAS, whose own pool is set here.
    OMP_NUM_THREADS: String(threads),
    OPENBLAS_NUM_THREADS: String(threads),
  });
  let studioReport: PathReport;
  let referenceReport: PathReport;
  try {
    // The studio opens its bundle at once (sessions are created in its first run); the reference loads its
    // checkpoint meanwhile. Then the runs alternate, each path going first every other round.
    await studio.next('ready');
    await reference.next('ready');
    const paths = [
      { name: 'studio', child: studio, runs: [] as RunTimings[] },
      { name: 'reference', child: reference, runs: [] as RunTimings[] },
    ];
    for (let i = 0; i <= runs; i++) {
      for (const path of i % 2 === 0 ? paths : [...paths].reverse()) {
        const result = await path.child.run<RunTimings>();
        path.runs.push(result);
        const label = i === 0 ? 'warm-up' : `run ${i}/${runs}`;
        console.log(`${label} ${path.name.padEnd(9)} encoder ${result.encoderMs.toFixed(0).padStart(6)} ms, caption ${result.captionMs.toFixed(0).padStart(7)} ms`);
      }
    }
    studioReport = pathReport(paths[0]!.runs, await studio.end<PathSummary>());
    referenceReport = pathReport(paths[1]!.runs, await reference.end<PathSummary>());
  } finally {
    studio.kill();
    reference.kill();
  }
  const loadAfter = loadavg();

  const ortVersion = (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  const report: BenchReport = {
    at: new Date().toISOString(),
    machine: { cpu: cpuModel, cores: cpus().length, memoryGiB: totalmem() / 1024 ** 3, node: process.versions.node, ort: ortVersion, loadBefore, loadAfter },
    threads,
    runs,
    weightsSeconds,
    conversionSeconds,
    checkpointBytes: statSync(checkpoint).size,
    prompt,
    studio: studioReport,
    reference: referenceReport,
  };
  const section = benchSection(report);
  console.log(`\n${section}`);
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'prismerCaption.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (values.docs) {
    const docs = join(here, '..', 'docs', 'benchmarks.md');
    writeFileSync(docs, replaceSection(readFileSync(docs, 'utf8'), section));
    console.log(`wrote the section in ${docs}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
