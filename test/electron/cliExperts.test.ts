// Specification of `prismer-studio experts`, run as a user runs it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { writePhoto } from '../helpers/images.ts';

const cli = (args: string[], home: string) => runCli(args, { PRISMER_STUDIO_HOME: home });

describe('prismer-studio experts', () => {
  test('imports the folder, runs what can run, says what cannot and which provider ran', async (t) => {
    const dir = tempDir(t);
    for (let i = 0; i < 3; i++) await writePhoto(join(dir, 'photos', `p${i}.jpg`), { seed: i, width: 120, height: 90 });
    const home = join(dir, 'home');
    const text = cli(['experts', '--folder', join(dir, 'photos'), '--only', 'edge,depth'], home);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /edge\s+Canny \(classical fallback\)/);
    assert.match(text.stdout, /Processed 3 photos: 3 done/);
    assert.match(text.stdout, /Execution provider: cpu/);
    assert.match(text.stdout, /depth\s+0 done.*not run: No depth model is installed/);
    assert.match(text.stdout, /Not run: depth/);

    const json = cli(['experts', '--folder', join(dir, 'photos'), '--only', 'edge', '--json'], home);
    assert.equal(json.code, 0, json.stderr);
    const result = JSON.parse(json.stdout) as { imagesSkipped: number; perExpert: Record<string, { skipped: number }> };
    assert.equal(result.imagesSkipped, 3, 'already stored: nothing recomputed');
    assert.equal(result.perExpert.edge!.skipped, 3);
  });

  test('when none of the experts asked for can run, nothing starts and the exit code is 1', async (t) => {
    const dir = tempDir(t);
    await writePhoto(join(dir, 'photos', 'p.jpg'), { seed: 1, width: 120, height: 90 });
    const home = join(dir, 'home');
    const result = cli(['experts', '--folder', join(dir, 'photos'), '--only', 'depth,seg'], home);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /None of the experts asked for can run: depth — No depth model is installed \(install one of: .*\); seg — No seg model is installed/);
    assert.doesNotMatch(result.stdout, /already up to date/, 'not reported as work done');
    const json = cli(['experts', '--folder', join(dir, 'photos'), '--only', 'depth', '--json'], home);
    assert.equal(json.code, 1);
    assert.match((JSON.parse(json.stdout) as { error: string }).error, /None of the experts asked for can run/);
  });

  test('refuses an unknown expert name', (t) => {
    const result = cli(['experts', '--only', 'depth,xray'], join(tempDir(t), 'home'));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Unknown expert: xray/);
  });
});
