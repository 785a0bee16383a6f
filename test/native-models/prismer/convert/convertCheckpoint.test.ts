// Converting a checkpoint into a bundle: the files, config and manifest (hashes that match the files and
// the source), the encoder's output equal to the check-parity path's, the tokenizer copied or noted as
// missing, and refusals named: variant/size/resolution that disagree with the checkpoint, missing head
// counts, a key set with a key missing and one unexpected, an occupied target folder; graphs written with
// external data (listed in the manifest) giving the same outputs as inline ones; the precision recorded;
// a cancel stops it at the next step with nothing written.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseLayout } from '../../../../native-models/prismer/checkpoint/layoutValidation.ts';
import { openSafetensors } from '../../../../native-models/prismer/checkpoint/safetensors.ts';
import { checkParity, tensorErrors } from '../../../../native-models/prismer/convert/checkParity.ts';
import { runParityCase } from '../../../../native-models/prismer/convert/parityRun.ts';
import { keyProblems, readStructure } from '../../../../native-models/prismer/convert/checkpointStructure.ts';
import { ConversionCancelledError, convertCheckpoint, type BundleConfig, type BundleManifest, type ConvertProgress } from '../../../../native-models/prismer/convert/convertCheckpoint.ts';
import { ModelRuntime, TensorClass, type Feeds } from '../../../../native-models/runtime/modelRuntime.ts';
import { tempDir } from '../../../helpers/tempDir.ts';
import { layoutDir, parityDir, rewriteAsSafetensors, skipWithoutParity } from './parityCopies.ts';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const tiny = { visionHeads: 2, decoderHeads: 2 };

describe('convertCheckpoint', { skip: skipWithoutParity }, () => {
  test('writes graphs, config, tokenizer and a manifest whose hashes match; the encoder equals the check-parity path', async (t) => {
    const root = tempDir(t);
    const tokenizer = join(root, 'roberta');
    mkdirSync(tokenizer);
    writeFileSync(join(tokenizer, 'vocab.json'), '{"<s>":0}');
    writeFileSync(join(tokenizer, 'merges.txt'), '#version: 0.2\n');
    const checkpoint = join(parityDir, 'tiny-seed0', 'checkpoint.bin');
    const steps: ConvertProgress[] = [];
    const out = join(root, 'models', 'prismer', 'tiny');
    const result = await convertCheckpoint({ checkpoint, outDir: out, variant: 'prismer', resolution: 64, ...tiny, tokenizerDir: tokenizer, onProgress: (p) => steps.push(p) });

    assert.deepEqual(readdirSync(out).sort(), ['config.json', 'decoder-cross.onnx', 'decoder-step.onnx', 'encoder.onnx', 'manifest.json', 'tokenizer']);
    assert.ok(!existsSync(`${out}.partial`));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as BundleManifest;
    assert.deepEqual(manifest, result.manifest);
    assert.equal(manifest.source.sha256, sha256(checkpoint));
    assert.equal(manifest.source.size, readFileSync(checkpoint).byteLength);
    assert.deepEqual(manifest.files.map((f) => f.path).sort(), ['config.json', 'decoder-cross.onnx', 'decoder-step.onnx', 'encoder.onnx', 'tokenizer/merges.txt', 'tokenizer/vocab.json']);
    for (const f of manifest.files) {
      assert.equal(f.sha256, sha256(join(out, f.path)), f.path);
      assert.equal(f.size, readFileSync(join(out, f.path)).byteLength, f.path);
    }
    const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as BundleConfig;
    assert.equal(config.variant, 'prismer');
    assert.equal(config.size, null);
    assert.equal(config.patch, 16);
    assert.deepEqual(config.vision, { width: 64, layers: 2, heads: 2, tokens: 16 + 64 });
    assert.deepEqual(config.resampler, { latents: 64, layers: 4, heads: 8 });
    assert.deepEqual(config.experts, ['depth', 'normal', 'seg', 'edge', 'obj_detection', 'ocr_detection']);
    assert.deepEqual(config.decoder, { layers: 2, hidden: 64, heads: 2, intermediate: 128, vocabulary: 512, maxPositions: 514, memoryWidth: 64 });
    assert.deepEqual(config.specialTokens, { bos: 0, pad: 1, eos: 2, unk: 3, mask: 511 });
    assert.deepEqual(config.tokenizer, { files: ['tokenizer/vocab.json', 'tokenizer/merges.txt'] });
    assert.ok(steps.length >= 6 && steps.at(-1)!.fraction === 1);
    assert.ok(steps.every((s, i) => i === 0 || s.fraction >= steps[i - 1]!.fraction), 'progress never goes back');

    // The bundle's encoder on the fixture inputs gives exactly the errors check-parity reports.
    const fixture = await openSafetensors(join(parityDir, 'tiny-seed0', 'fixture.safetensors'));
    const runtime = new ModelRuntime({ provider: 'cpu', warmUp: false, idleUnloadMs: 0 });
    try {
      const feeds: Feeds = {};
      for (const input of config.encoderInputs) {
        const shape = [...fixture.get(input.name)!.shape];
        feeds[input.name] = input.type === 'int32' ? new TensorClass('int32', (await fixture.read(input.name)) as Int32Array, shape) : new TensorClass('float32', await fixture.readFloat32(input.name), shape);
      }
      const memory = (await runtime.run(join(out, 'encoder.onnx'), feeds))['memory']!;
      const ours = tensorErrors(memory.data as Float32Array, await fixture.readFloat32('expected.memory'));
      const parity = await checkParity(join(parityDir, 'tiny-seed0'));
      assert.equal(ours.maxAbs, parity.memory.maxAbs);
      assert.ok(ours.ok);
    } finally {
      await runtime.close();
      await fixture.close();
    }
  });

  test('without a tokenizer the config says it is missing; the full decoder on request', async (t) => {
    const out = join(tempDir(t), 'z');
    const result = await convertCheckpoint({ checkpoint: join(parityDir, 'tiny-z-seed1', 'checkpoint.bin'), outDir: out, variant: 'prismerz', ...tiny, includeFullDecoder: true });
    assert.ok('missing' in result.config.tokenizer);
    assert.deepEqual(result.config.experts, []);
    assert.equal(result.config.resampler, null);
    assert.equal(result.config.graphs.decoderFull, 'decoder-full.onnx');
    assert.ok(existsSync(join(out, 'decoder-full.onnx')));
  });

  test('graphs with external data: .data files listed (size, sha256) in the manifest, same outputs as inline', async (t) => {
    const out = join(tempDir(t), 'external');
    const result = await convertCheckpoint({ checkpoint: join(parityDir, 'tiny-seed0', 'checkpoint.bin'), outDir: out, ...tiny, includeFullDecoder: true, externalDataThreshold: 1024 });
    const graphs = ['decoder-cross.onnx', 'decoder-full.onnx', 'decoder-step.onnx', 'encoder.onnx'];
    const data = readdirSync(out).filter((f) => f.endsWith('.onnx.data')).sort();
    assert.deepEqual(data, graphs.map((g) => `${g}.data`));
    for (const f of data) {
      const entry = result.manifest.files.find((e) => e.path === f);
      assert.ok(entry, `${f} is in the manifest`);
      assert.equal(entry.sha256, sha256(join(out, f)));
      assert.equal(entry.size, readFileSync(join(out, f)).byteLength);
      assert.ok(readFileSync(join(out, f.replace(/\.data$/, ''))).byteLength < entry.size / 4, `${f} holds the weights`);
    }
    assert.equal(result.config.precision, 'fp32');
    assert.equal(result.manifest.precision, 'fp32');

    const external = await runParityCase(join(parityDir, 'tiny-seed0'), { externalDataThreshold: 1024 });
    const inline = await runParityCase(join(parityDir, 'tiny-seed0'), { externalDataThreshold: Infinity });
    assert.deepEqual(external.memory, inline.memory);
    assert.deepEqual(external.logits, inline.logits);
    assert.ok(tensorErrors(external.logits, external.expectedLogits).ok);
  });

  test('fp16, fp16-compute and int8 bundles record their precision and are smaller', async (t) => {
    const root = tempDir(t);
    const checkpoint = join(parityDir, 'tiny-seed0', 'checkpoint.bin');
    const size = (dir: string) => readdirSync(dir).filter((f) => f.includes('.onnx')).reduce((n, f) => n + readFileSync(join(dir, f)).byteLength, 0);
    const fp32 = await convertCheckpoint({ checkpoint, outDir: join(root, 'fp32'), ...tiny });
    for (const precision of ['fp16', 'fp16-compute', 'int8'] as const) {
      const result = await convertCheckpoint({ checkpoint, outDir: join(root, precision), ...tiny, precision });
      assert.equal(result.config.precision, precision);
      assert.equal((JSON.parse(readFileSync(join(root, precision, 'manifest.json'), 'utf8')) as BundleManifest).precision, precision);
      assert.ok(size(result.dir) < 0.75 * size(fp32.dir), `${precision}: ${size(result.dir)} vs ${size(fp32.dir)}`);
    }
    await assert.rejects(convertCheckpoint({ checkpoint, outDir: join(root, 'bad'), ...tiny, precision: 'fp8' as 'fp16' }), /--precision fp8 is not one of fp32, fp16, fp16-compute, int8/);
  });

  test('a cancel stops the conversion at its next step: no bundle and no partial folder are left', async (t) => {
    const out = join(tempDir(t), 'tiny');
    const controller = new AbortController();
    const steps: string[] = [];
    const converting = convertCheckpoint({
      checkpoint: join(parityDir, 'tiny-seed0', 'checkpoint.bin'),
      outDir: out,
      variant: 'prismer',
      resolution: 64,
      ...tiny,
      signal: controller.signal,
      onProgress: (p) => {
        steps.push(p.step);
        if (p.step === 'encoder') controller.abort();
      },
    });
    await assert.rejects(converting, ConversionCancelledError);
    assert.ok(!steps.includes('done') && !steps.includes('decoder'), `stopped after ${steps.join(', ')}`);
    assert.ok(!existsSync(out) && !existsSync(`${out}.partial`));
  });

  test('refuses requests that disagree with the checkpoint, naming what it is', async (t) => {
    const root = tempDir(t);
    const checkpoint = join(parityDir, 'tiny-seed0', 'checkpoint.bin');
    const convert = (extra: object) => convertCheckpoint({ checkpoint, outDir: join(root, 'out'), ...tiny, ...extra });
    await assert.rejects(convert({ variant: 'prismerz' }), /--variant prismerz does not match the checkpoint: it is Prismer/);
    await assert.rejects(convert({ size: 'base' }), /--size base does not match the checkpoint: width 64, patch 16 is no standard size/);
    await assert.rejects(convert({ resolution: 96 }), /--resolution 96 does not match the checkpoint: its 4×4 positional grid serves 64 px/);
    await assert.rejects(convertCheckpoint({ checkpoint, outDir: join(root, 'out') }), /no standard size .*give the vision and decoder head counts/);
    await assert.rejects(convert({ checkpoint: join(root, 'nothing.bin') }), /No checkpoint at/);
    assert.ok(!existsSync(join(root, 'out')) && !existsSync(join(root, 'out.partial')));
    mkdirSync(join(root, 'taken'));
    writeFileSync(join(root, 'taken', 'x'), '');
    await assert.rejects(convertCheckpoint({ checkpoint, outDir: join(root, 'taken'), ...tiny }), /already exists and is not empty/);
  });

  test('names a missing and an unexpected key (safetensors input)', async (t) => {
    const path = join(tempDir(t), 'damaged.safetensors');
    await rewriteAsSafetensors('tiny-seed0', path, { drop: 'expert_encoder.ln_pre.bias', add: 'text_decoder.extra.weight' });
    await assert.rejects(
      convertCheckpoint({ checkpoint: path, outDir: join(tempDir(t), 'out'), ...tiny }),
      (error: Error) => /missing expert_encoder\.ln_pre\.bias/.test(error.message) && /unexpected text_decoder\.extra\.weight/.test(error.message),
    );
    const whole = join(tempDir(t), 'whole.safetensors');
    await rewriteAsSafetensors('tiny-seed0', whole);
    const result = await convertCheckpoint({ checkpoint: whole, outDir: join(tempDir(t), 'ok'), ...tiny });
    assert.equal(result.config.vision.tokens, 80);
  });
});

describe('the key set implied by the structure matches every official layout', { skip: existsSync(layoutDir) ? false : `needs ${layoutDir}` }, () => {
  for (const file of existsSync(layoutDir) ? readdirSync(layoutDir).sort() : []) {
    test(file, () => {
      const layout = parseLayout(JSON.parse(readFileSync(join(layoutDir, file), 'utf8')));
      const tensors = layout.keys.map((k) => ({ name: k.name, shape: k.shape, dtype: k.dtype.startsWith('float') ? ('F32' as const) : ('I64' as const) }));
      const structure = readStructure(tensors);
      assert.deepEqual(keyProblems(tensors, structure), []);
      assert.equal(structure.detected.variant, file.startsWith('prismerz') ? 'prismerz' : 'prismer');
      assert.equal(structure.detected.size, file.includes('large') ? 'large' : 'base');
      assert.equal(structure.resampler?.layers ?? 4, 4);
    });
  }
});
