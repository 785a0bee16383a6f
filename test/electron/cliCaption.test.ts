// `prismer-studio caption` and `ask`, run as a user runs them: the launcher in a child process with
// --model <bundle path> on a photo outside the library. It prints a caption (or answer) and the
// timings; --json parses; bad usage exits 2; a Prismer (non-Z) model without label tables exits 1 with
// the reason.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithoutShared, testPhoto, tinyBundle } from '../native-models/prismer/runner/tinyBundle.ts';


const cli = (args: string[], home: string) => runCli(args, { PRISMER_STUDIO_HOME: home });

const timings = /\(decode \d+ ms, preprocess \d+ ms, encoder \d+ ms, decoding \d+ ms, total \d+ ms\)/;

describe('prismer-studio caption / ask', { skip: skipWithoutShared }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'prismer-cli-'));
  let bundle: string;
  let photo: string;
  let photo2: string;
  before(async () => {
    bundle = await tinyBundle(dir);
    photo = await testPhoto(join(dir, 'photo.png'));
    photo2 = await testPhoto(join(dir, 'photo2.png'));
  });

  test('caption prints a caption and the timings per photo', (t) => {
    const run = cli(['caption', photo, photo2, '--model', bundle, '--beams', '2'], tempDir(t));
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.match(run.stdout, new RegExp(`^${photo.replace(/[.\\/]/g, '\\$&')}\\n  \\S.*\\.\\n`, 'm'));
    assert.equal(run.stdout.match(new RegExp(timings.source, 'g'))?.length, 2);
  });

  test('caption --json', (t) => {
    const run = cli(['caption', photo, '--model', bundle, '--json'], tempDir(t));
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { model: string; stored: boolean; results: { task: string; imagePath: string; caption: { caption: string; candidates: unknown[] }; timings: Record<string, number> }[] };
    assert.equal(out.model, 'tiny-z-seed1');
    assert.equal(out.stored, false);
    assert.equal(out.results.length, 1);
    const [r] = out.results;
    assert.equal(r!.task, 'caption');
    assert.equal(r!.imagePath, photo);
    assert.ok(r!.caption.caption.endsWith('.'));
    for (const key of ['decode', 'preprocess', 'encoder', 'task', 'total', 'overall']) assert.ok(r!.timings[key]! >= 0, key);
  });

  test('ask, generate and rank', (t) => {
    const home = tempDir(t);
    const generate = cli(['ask', photo, 'What is this?', '--model', bundle], home);
    assert.equal(generate.code, 0, generate.stderr);
    assert.match(generate.stdout, timings);
    const answers = join(dir, 'answers.txt');
    writeFileSync(answers, 'cat\ndog\n\nred\n');
    const rank = cli(['ask', photo, 'What is this?', '--mode', 'rank', '--answers', answers, '--model', bundle, '--json'], home);
    assert.equal(rank.code, 0, rank.stderr);
    const out = JSON.parse(rank.stdout) as { results: { answer: { mode: string; answer: string; candidates: unknown[] } }[] };
    assert.equal(out.results[0]!.answer.mode, 'rank');
    assert.ok(['cat', 'dog', 'red'].includes(out.results[0]!.answer.answer));
    assert.equal(out.results[0]!.answer.candidates.length, 3);
  });

  test('bad usage exits 2', (t) => {
    const home = tempDir(t);
    assert.equal(cli(['caption', '--model', bundle], home).code, 2);
    assert.equal(cli(['ask', photo, '--model', bundle], home).code, 2);
    assert.equal(cli(['ask', photo, 'Why?', '--mode', 'rank', '--model', bundle], home).code, 2);
    assert.equal(cli(['caption', photo, '--beams', 'x', '--model', bundle], home).code, 2);
  });

  test('no model, an unknown model, a Prismer model without label tables: exit 1 with the reason', async (t) => {
    const home = tempDir(t);
    const none = cli(['caption', photo], home);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /No Prismer model is installed/);
    assert.match(none.stderr, /prismer-studio models install prismer-base-caption/, 'names a model id the user can install');
    assert.match(cli(['caption', photo, '--model', 'nope'], home).stderr, /no Prismer model "nope"/);
    const prismer = await tinyBundle(dir, 'tiny-seed0');
    const refused = cli(['caption', photo, '--model', prismer, '--json'], home);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /needs? Prismer's label tables .* not installed/);
    assert.match((JSON.parse(refused.stdout) as { error: string }).error, /label tables/);
  });
});
