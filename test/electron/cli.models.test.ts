// Specification of `prismer-studio models`, run as a user runs it (the launcher in a child process)
// against a stand-in Hub on 127.0.0.1 named by PRISMER_STUDIO_HUB_URL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import type { ModelInfo, ModelInstallJobResult } from '../../electron/api/models.ts';
import { packageRoot } from '../../electron/packageRoot.ts';
import { GraphBuilder } from '../../native-models/onnx/graphBuilder.ts';
import { closedPort, randomBytesFor, sha256, startFakeHub } from '../helpers/fakeHub.ts';
import { tempDir } from '../helpers/tempDir.ts';

const launcher = join(packageRoot, 'bin', 'prismer-studio.js');

/** Runs the CLI without blocking this process (the stand-in Hub answers from here). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [launcher, ...args], {
      env: { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', HF_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function setup(t: TestContext) {
  const dir = tempDir(t);
  const hub = await startFakeHub(t);
  const env = { PRISMER_STUDIO_HOME: join(dir, 'home'), PRISMER_STUDIO_HUB_URL: hub.url };
  return { dir, hub, env };
}

describe('prismer-studio models', () => {
  test('list: the npm-shipped OCR models are installed out of the box (table and --json)', async (t) => {
    const { env } = await setup(t);
    const json = await cli(['models', 'list', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const models = JSON.parse(json.stdout) as ModelInfo[];
    for (const id of ['ocr-ppocr-v4-det', 'ocr-ppocr-v4-rec', 'ocr-ppocr-mobile-v2-cls', 'ocr-ppocr-keys-v1']) {
      const model = models.find((m) => m.id === id)!;
      assert.equal(model.status, 'installed', id);
      assert.ok(existsSync(model.installed!.path), id);
    }
    assert.equal(models.find((m) => m.id === 'depth-anything-v2-small')?.status, 'not-installed');
    const table = await cli(['models', 'list'], env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^ID +TASK +SIZE +LICENCE +STATUS +VERIFIED$/m);
    assert.match(table.stdout, /^ocr-ppocr-v4-det \* +ocr_det +4\.7 MB +Apache-2\.0 +installed +yes$/m);
    assert.match(table.stdout, /^depth-anything-v2-small \* +depth +~99\.1 MB +Apache-2\.0 +not installed +no$/m);
    assert.match(table.stdout, /^seg-segformer-ade \* +seg_ade +~15\.3 MB +other \(non-commercial\) +not installed +no$/m);
  });

  test('install: downloads from the Hub named by PRISMER_STUDIO_HUB_URL, prints the licence, records size and sha256', async (t) => {
    const { hub, env } = await setup(t);
    const bytes = randomBytesFor(60_000, 11);
    hub.add({ repo: 'onnx-community/depth-anything-v2-small', file: 'onnx/model.onnx', bytes });
    const installed = await cli(['models', 'install', 'depth-anything-v2-small', '--json'], env);
    assert.equal(installed.code, 0, installed.stderr);
    const result = JSON.parse(installed.stdout) as ModelInstallJobResult;
    assert.equal(result.sha256, sha256(bytes));
    assert.equal(result.recorded, true);
    assert.equal(result.path, join(env.PRISMER_STUDIO_HOME, 'models', 'depth-anything-v2-small', 'model.onnx'));
    assert.deepEqual(readFileSync(result.path), bytes);
    assert.match(installed.stderr, /Licence: Apache-2\.0\. Apache License 2\.0/, 'the licence is shown (on stderr with --json)');

    const listed = JSON.parse((await cli(['models', 'list', '--json'], env)).stdout) as ModelInfo[];
    const model = listed.find((m) => m.id === 'depth-anything-v2-small')!;
    assert.equal(model.status, 'installed');
    assert.equal(model.size, bytes.length);
    assert.equal(model.installed?.sha256, sha256(bytes));
    assert.equal(model.installed?.hashChecked, true);

    hub.add({ repo: 'Xenova/clip-vit-large-patch14', file: 'onnx/text_model_quantized.onnx', bytes: randomBytesFor(30_000, 12) });
    const text = await cli(['models', 'install', 'clip-text-vit-large-quantized'], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^CLIP ViT-L\/14 text encoder \(int8\) \(Xenova\/clip-vit-large-patch14, onnx\/text_model_quantized\.onnx @ main\), ~125 MB$/m);
    assert.match(text.stdout, /^Licence: MIT\. /m);
    assert.match(text.stdout, /^Installed clip-text-vit-large-quantized: 30\.0 kB, sha256 [0-9a-f]{64} \(matches the Hub \(X-Linked-Etag\)\), at .*text_model_quantized\.onnx\.$/m);
    const again = await cli(['models', 'install', 'clip-text-vit-large-quantized'], env);
    assert.match(again.stdout, /is already installed at/);

    const removed = await cli(['models', 'remove', 'clip-text-vit-large-quantized'], env);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /^Removed clip-text-vit-large-quantized\.$/m);
  });

  test('Ctrl-C cancels an install and keeps the partial download; installing again resumes it', async (t) => {
    const { hub, env } = await setup(t);
    const bytes = randomBytesFor(400_000, 14);
    hub.add({ repo: 'onnx-community/rtdetr_r18vd', file: 'onnx/model.onnx', bytes, chunkSize: 4096, delayMs: 20 });
    const part = join(env.PRISMER_STUDIO_HOME, 'models', 'det-rtdetr-r18', 'model.onnx.part');
    const child = spawn(process.execPath, [launcher, 'models', 'install', 'det-rtdetr-r18'], {
      env: { ...process.env, HTTP_PROXY: '', HTTPS_PROXY: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!(existsSync(part) && readFileSync(part).length > 0)) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.match(stderr, /The download of det-rtdetr-r18 was cancelled; the partial download is kept and `prismer-studio models install det-rtdetr-r18` resumes it\./);
    const kept = readFileSync(part).length;
    assert.ok(kept > 0 && kept < bytes.length);

    hub.add({ repo: 'onnx-community/rtdetr_r18vd', file: 'onnx/model.onnx', bytes });
    const resumed = await cli(['models', 'install', 'det-rtdetr-r18', '--json'], env);
    assert.equal(resumed.code, 0, resumed.stderr);
    const result = JSON.parse(resumed.stdout) as ModelInstallJobResult;
    assert.equal(result.resumedFrom, kept);
    assert.equal(result.sha256, sha256(bytes));
  });

  test('a non-commercial licence needs --accept-licence when nobody can answer the prompt', async (t) => {
    const { hub, env } = await setup(t);
    hub.add({ repo: 'Xenova/segformer-b0-finetuned-ade-512-512', file: 'onnx/model.onnx', bytes: randomBytesFor(10_000, 13) });
    const refused = await cli(['models', 'install', 'seg-segformer-ade'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /^Licence: other \(NVIDIA Source Code License for SegFormer\)\. /m);
    assert.match(refused.stderr, /^seg-segformer-ade is under a non-commercial licence \(.*\); run again with --accept-licence to accept it\.$/m);
    assert.equal(hub.downloads.length, 0);
    const accepted = await cli(['models', 'install', 'seg-segformer-ade', '--accept-licence'], env);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.match(accepted.stdout, /^Installed seg-segformer-ade: /m);
  });

  test('failures exit non-zero with one clear sentence', async (t) => {
    const { env } = await setup(t);
    const unknown = await cli(['models', 'install', 'no-such-model'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr.trim(), 'There is no model "no-such-model"; `prismer-studio models list` shows the ids.');
    const missing = await cli(['models', 'install', 'det-rtdetr-r18'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr.trim().split('\n').at(-1)!, /^Could not install det-rtdetr-r18: The repository onnx-community\/rtdetr_r18vd was not found on the Hub/);
    const port = await closedPort();
    const offline = await cli(['models', 'install', 'det-rtdetr-r18'], { ...env, PRISMER_STUDIO_HUB_URL: `http://127.0.0.1:${port}` });
    assert.equal(offline.code, 1);
    assert.equal(offline.stderr.trim().split('\n').at(-1), `Could not install det-rtdetr-r18: Cannot reach 127.0.0.1:${port} — check your connection or proxy (connection refused).`);
    const usage = await cli(['models', 'import', 'x.onnx'], env);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage: prismer-studio models import <file\.onnx> --task det\|edge\|seg\|depth\|normal \[--family NAME\] \[--labels FILE\]/);
    const nothing = await cli(['models', 'frobnicate'], env);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /Unknown models command "frobnicate"/);
  });

  test('import: a generated ONNX model with the task\'s signature is accepted; a wrong one is refused', async (t) => {
    const { dir, env } = await setup(t);
    const g = new GraphBuilder('depth');
    const x = g.input('pixel_values', 'float32', ['batch', 3, 'height', 'width']);
    g.output(g.op('ReduceMean', [x, g.constantInts([1])], { keepdims: 0 }), 'predicted_depth', 'float32', ['batch', 'height', 'width']);
    writeFileSync(join(dir, 'mine.onnx'), g.toBytes(18));
    const ok = await cli(['models', 'import', join(dir, 'mine.onnx'), '--task', 'depth'], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^Imported .*mine\.onnx as local-depth-mine \(task depth, .* B, sha256 [0-9a-f]{64}\) into .*models[\\/]local-depth-mine[\\/]mine\.onnx\.$/m);
    const wrong = await cli(['models', 'import', join(dir, 'mine.onnx'), '--task', 'det', '--json'], env);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr.trim(), /^mine\.onnx is not a det model of a family Prismer Studio knows: detr — it has no "logits" and "pred_boxes" outputs \(its outputs are predicted_depth\); yolox — .* Nothing was imported\.$/);
    assert.match(JSON.parse(wrong.stdout).error, /is not a det model/);
    const listed = JSON.parse((await cli(['models', 'list', '--json'], env)).stdout) as ModelInfo[];
    assert.deepEqual(listed.filter((m) => m.origin === 'imported').map((m) => m.id), ['local-depth-mine']);
  });

  test('Prismer: list shows the released checkpoints; install shows the licence first and needs it accepted', async (t) => {
    const { env } = await setup(t);
    const table = await cli(['models', 'list'], env);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^prismer-base-caption \* +prismer base caption +1\.5 GB +CC-BY-NC-SA-4\.0 \(non-commercial\) +not installed +no$/m);
    assert.match(table.stdout, /^prismerz-large-pretrain +prismerz large pretrain +\? +CC-BY-NC-SA-4\.0 \(non-commercial\) +not installed +no$/m);
    assert.match(table.stdout, /^roberta-base-vocab \* +prismer_tokenizer +~899 kB +MIT +not installed +no$/m);
    const listed = JSON.parse((await cli(['models', 'list', '--json'], env)).stdout) as ModelInfo[];
    assert.deepEqual(listed.find((m) => m.id === 'prismer-base-caption')?.prismer, { variant: 'prismer', size: 'base', purpose: 'caption', resolution: null, checkpoint: null });

    const refused = await cli(['models', 'install', 'prismer-base-caption'], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /^Prismer BASE \(captioning\) \(shikunl\/prismer, caption_prismer_base\/pytorch_model\.bin @ main\), 1\.5 GB$/m);
    assert.match(refused.stdout, /^Licence: CC-BY-NC-SA-4\.0\. .*non-commercial/m);
    assert.match(refused.stderr, /run again with --accept-licence to accept it\.$/m);
  });

  test('Prismer: an accepted install downloads the tokenizer and the checkpoint; a file that is no checkpoint fails clearly', async (t) => {
    const { hub, env } = await setup(t);
    hub.add({ repo: 'FacebookAI/roberta-base', file: 'vocab.json', bytes: Buffer.from('{"<s>": 0}') });
    hub.add({ repo: 'FacebookAI/roberta-base', file: 'merges.txt', bytes: Buffer.from('#version: 0.2\n') });
    hub.add({ repo: 'shikunl/prismer', file: 'vqa_prismerz_base/pytorch_model.bin', bytes: randomBytesFor(20_000, 17) });
    const failed = await cli(['models', 'install', 'prismerz-base-vqa', '--accept-licence'], env);
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^Could not install prismerz-base-vqa: shikunl\/prismer\/vqa_prismerz_base\/pytorch_model\.bin could not be converted: .*Nothing was installed and the download was deleted\.$/m);
    assert.equal(hub.downloads.length, 3);
    assert.equal(existsSync(join(env.PRISMER_STUDIO_HOME, 'models', 'prismerz-base-vqa')), false);
    assert.equal(existsSync(join(env.PRISMER_STUDIO_HOME, 'models', 'prismer', 'prismerz-base-vqa')), false);
    const listed = JSON.parse((await cli(['models', 'list', '--json'], env)).stdout) as ModelInfo[];
    assert.equal(listed.find((m) => m.id === 'prismerz-base-vqa')?.status, 'failed');
    assert.equal(listed.find((m) => m.id === 'roberta-base-vocab')?.status, 'installed');
  });
});
