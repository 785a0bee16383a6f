// The batch commands as a user runs them (the launcher in a child process): `caption --folder` stores
// candidates and says how many to review, a second run skips them, `--missing` covers only photos without
// an accepted caption; `ask --folder` in rank mode prints one answer per photo; `tag --vocab` stores the
// top names; bad usage exits 2 with the reason.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import sharp from 'sharp';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithoutShared, tinyBundle } from '../native-models/prismer/runner/tinyBundle.ts';


const cli = (args: string[], home: string) => runCli(args, { PRISMER_STUDIO_HOME: home });

describe('prismer-studio caption --folder / ask --folder / tag', { skip: skipWithoutShared }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'prismer-cli-batch-'));
  const folder = join(dir, 'photos');
  let bundle: string;
  before(async () => {
    bundle = await tinyBundle(dir);
    mkdirSync(folder);
    for (let n = 0; n < 3; n++) {
      const data = Buffer.alloc(40 * 30 * 3, 0);
      for (let i = 0; i < data.length; i++) data[i] = (i * (n + 2) * 13) % 256;
      await sharp(data, { raw: { width: 40, height: 30, channels: 3 } }).png().toFile(join(folder, `p${n}.png`));
    }
    writeFileSync(join(dir, 'answers.txt'), 'yes\nno\n');
    writeFileSync(join(dir, 'vocab.txt'), '# animals\ncat\ndog\nbird\n\ncar\n');
  });

  test('caption --folder stores candidates for review; a second run skips them', (t) => {
    const home = tempDir(t);
    const run = cli(['caption', '--folder', folder, '--model', bundle, '--json'], home);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout) as { stored: boolean; result: { images: number; done: number; skipped: number }; images: { path: string; best: { text: string; score: number } | null; candidates: number }[] };
    assert.equal(out.stored, true);
    assert.deepEqual([out.result.images, out.result.done, out.result.skipped], [3, 3, 0]);
    for (const i of out.images) {
      assert.ok(i.best && i.best.text.length > 0 && i.best.score > 0 && i.best.score <= 1);
      assert.ok(i.candidates >= 1);
    }
    const again = cli(['caption', '--folder', folder, '--model', bundle], home);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Captioned 3 photos: 0 done, 3 already done, 0 failed/);
    assert.match(again.stdout, /candidates? to review/);
  });

  test('ask --folder in rank mode answers every photo; tag --vocab stores the top names', (t) => {
    const home = tempDir(t);
    const asked = cli(['ask', '--folder', folder, 'Is there a person?', '--answers', join(dir, 'answers.txt'), '--model', bundle, '--json'], home);
    assert.equal(asked.code, 0, asked.stderr);
    const answers = (JSON.parse(asked.stdout) as { answers: { answer: string; path: string }[] }).answers;
    assert.equal(answers.length, 3);
    for (const a of answers) assert.ok(['yes', 'no'].includes(a.answer));

    const tagged = cli(['tag', '--vocab', join(dir, 'vocab.txt'), '--folder', folder, '--top', '2', '--model', bundle, '--json'], home);
    assert.equal(tagged.code, 0, tagged.stderr);
    const images = (JSON.parse(tagged.stdout) as { images: { tags: { name: string; source: string }[] }[] }).images;
    assert.equal(images.length, 3);
    for (const i of images) {
      assert.equal(i.tags.length, 2);
      for (const tag of i.tags) assert.ok(['cat', 'dog', 'bird', 'car'].includes(tag.name), 'comment lines are not names');
    }
  });

  test('bad usage exits 2 and says why', (t) => {
    const home = tempDir(t);
    const both = cli(['caption', '--folder', folder, '--missing', '--model', bundle], home);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /Choose one of --folder, --view and --missing/);
    const noVocab = cli(['tag', '--folder', folder, '--model', bundle], home);
    assert.equal(noVocab.code, 2);
    assert.match(noVocab.stderr, /--vocab FILE/);
    const noView = cli(['caption', '--view', 'Nope', '--model', bundle], home);
    assert.equal(noView.code, 2);
    assert.match(noView.stderr, /no saved view "Nope"/);
  });
});
