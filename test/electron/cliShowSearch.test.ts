// `prismer-studio models import --labels`, `show` and `search`, run as a user runs them: a detector of the
// RT-DETR family imported with its class names from a file, the experts run, then everything stored for a
// photo read back (text and --json) and the photos found by what was detected. Generated models only, so
// this runs in a plain clone.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ModelInfo } from '../../electron/api/models.ts';
import { runCli } from '../helpers/cli.ts';
import { writePhoto } from '../helpers/images.ts';
import { writeDetectorModel } from '../helpers/onnxModels.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('prismer-studio show and search', () => {
  test('a detector imported with --labels runs; show reads everything back; search finds by detected class', async (t) => {
    const home = tempDir(t);
    const env = { PRISMER_STUDIO_HOME: join(home, 'data') };
    const cli = (args: string[]) => runCli(args, env, { timeoutMs: 60_000 });
    const det = writeDetectorModel(home, [{ logits: [3, -9, -9], box: [0.5, 0.5, 0.4, 0.4] }], ['a', 'b', 'c']);
    writeFileSync(join(home, 'pets.txt'), 'dog\ncat\nunicorn\n');
    writeFileSync(join(home, 'two.txt'), 'dog\ncat\n');
    await writePhoto(join(home, 'photos', 'garden.jpg'), { seed: 3, width: 96, height: 64 });

    const wrongCount = cli(['models', 'import', det.model, '--task', 'det', '--labels', join(home, 'two.txt')]);
    assert.equal(wrongCount.code, 1);
    assert.match(wrongCount.stderr, /rtdetr\.onnx has 3 classes but .*two\.txt names 2\. Nothing was imported\./);
    const unknownFamily = cli(['models', 'import', det.model, '--task', 'det', '--family', 'yolo9000']);
    assert.equal(unknownFamily.code, 1);
    assert.match(unknownFamily.stderr, /There is no det family "yolo9000"; the det families are detr, yolox, yolov5, yolov8, fastestdet\./);

    const imported = cli(['models', 'import', det.model, '--task', 'det', '--labels', join(home, 'pets.txt')]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /^Family: RT-DETR \/ DETR \(detr\)\.$/m);
    assert.match(imported.stdout, /^Classes: 3, from the labels file\.$/m);
    assert.match(imported.stdout, /^Not in COCO-133 \(1\): unicorn\.$/m, 'a class with no counterpart is reported, not dropped silently');
    const listed = JSON.parse(cli(['models', 'list', '--json']).stdout) as ModelInfo[];
    assert.deepEqual(listed.find((m) => m.origin === 'imported')?.imported?.unmapped, ['unicorn']);

    assert.equal(cli(['scan', join(home, 'photos')]).code, 0);
    const experts = cli(['experts', '--only', 'det']);
    assert.equal(experts.code, 0, experts.stderr + experts.stdout);

    const shown = cli(['show', join(home, 'photos', 'garden.jpg')]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^  id 1 · ok · 96 × 64 · jpeg · /m);
    assert.match(shown.stdout, /^  det {4}local-det-rtdetr sha256:[0-9a-f]{12}$/m, 'the expert output names the imported model and its version');
    assert.match(shown.stdout, /^ {11}dog 0\.95 at \[29, 19, 67, 45\]$/m);
    assert.match(shown.stdout, /^Captions \(none\)$/m);
    const json = JSON.parse(cli(['show', '1', '--json']).stdout) as { image: { path: string }; experts: { expert: string; detections: { label: string }[] }[]; captions: unknown; questions: unknown[]; tags: unknown[] };
    assert.equal(json.image.path, join(home, 'photos', 'garden.jpg'));
    assert.deepEqual(json.experts.find((e) => e.expert === 'det')?.detections.map((d) => d.label), ['dog']);
    assert.deepEqual(json.questions, []);

    const found = cli(['search', '--detected', 'dog']);
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, /^1 photo matches\.\n +1 {2}.*garden\.jpg$/m);
    const foundJson = JSON.parse(cli(['search', '--detected', 'dog:1', '--json']).stdout) as { total: number; images: { path: string }[] };
    assert.equal(foundJson.total, 1);
    const none = cli(['search', '--detected', 'cat']);
    assert.equal(none.code, 1, 'nothing matches: exit 1, as grep');
    assert.match(none.stdout, /^0 photos match\.$/m);

    const badQuery = cli(['search', '--query', '{not json']);
    assert.equal(badQuery.code, 2);
    assert.match(badQuery.stderr, /--query must be a JSON object/);
    const badFilter = cli(['search', '--query', '{"duplicates": "maybe"}']);
    assert.equal(badFilter.code, 2);
    assert.match(badFilter.stderr, /Not a valid search: duplicates: /);
    const unknownPhoto = cli(['show', join(home, 'elsewhere.jpg')]);
    assert.equal(unknownPhoto.code, 1);
    assert.match(unknownPhoto.stderr, /elsewhere\.jpg is not in the library; scan its folder first/);
    assert.match(cli(['show', '99']).stderr, /There is no image 99 in the library\./);
  });
});
