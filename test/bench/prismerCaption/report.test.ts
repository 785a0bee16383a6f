// The captioning benchmark's report: medians, where two id sequences part, a path's runs split into
// warm-up and measured, the section's targets and token verdict computed from the numbers, and the docs
// section replaced in place (or appended) without touching any other section.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { benchSection, firstDifference, median, pathReport, replaceSection, SECTION_TITLE, type BenchReport, type PathSummary, type RunTimings } from '../../../bench/prismerCaption/report.ts';

const summary: PathSummary = { memoryTokens: 964, threads: 2, rssAfterLoadMiB: 100, rssWarmMiB: 200, peakRssMiB: 300 };
const timing = (encoderMs: number, captionMs: number, tokens: number[] = [0, 5, 6, 2]): RunTimings => ({
  encoderMs,
  captionMs,
  totalMs: encoderMs + captionMs,
  tokens,
  score: -1,
});

test('median: middle value, mean of the two middles, NaN for nothing', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('firstDifference: null when equal, else the first index where they part (length included)', () => {
  assert.equal(firstDifference([0, 1, 2], [0, 1, 2]), null);
  assert.equal(firstDifference([0, 1, 2], [0, 7, 2]), 1);
  assert.equal(firstDifference([0, 1], [0, 1, 2]), 2);
});

test('pathReport: the first run is the warm-up; ids of the last run; stable only if every run agrees', () => {
  const report = pathReport([timing(10, 20), timing(1, 2), timing(3, 4)], summary);
  assert.equal(report.warmUp.encoderMs, 10);
  assert.deepEqual(report.runs.map((r) => r.encoderMs), [1, 3]);
  assert.equal(report.tokensStable, true);
  assert.equal(pathReport([timing(10, 20, [0, 9, 2]), timing(1, 2)], summary).tokensStable, false);
  assert.throws(() => pathReport([timing(1, 2)], summary), /at least one run/);
});

function report(reference: RunTimings[], studio: RunTimings[], peaks: [number, number] = [300, 200]): BenchReport {
  return {
    at: '2026-11-27T04:00:00.000Z',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 24, node: '22', ort: '1.30.0', loadBefore: [1, 1, 1], loadAfter: [2, 2, 2] },
    threads: 2,
    runs: reference.length - 1,
    weightsSeconds: 1,
    conversionSeconds: 2,
    checkpointBytes: 1.47e9,
    prompt: [0, 5],
    reference: pathReport(reference, { ...summary, peakRssMiB: peaks[0] }),
    studio: pathReport(studio, { ...summary, peakRssMiB: peaks[1] }),
  };
}

test('the section: medians and ratios in the table, targets judged from them, identical ids said so', () => {
  const text = benchSection(report([timing(9, 9), timing(100, 900), timing(120, 1100), timing(110, 1000)], [timing(9, 9), timing(50, 100), timing(60, 120), timing(55, 110)]));
  assert.ok(text.startsWith(`## ${SECTION_TITLE}`));
  assert.match(text, /\| encoder latency \| 110 ms \| 55 ms \| 2\.00× \|/);
  assert.match(text, /\| caption latency \(3 beams\) \| 1,000 ms \| 110 ms \| 9\.09× \|/);
  assert.match(text, /end to end ≥ 5× faster — met \(6\.73×\); encoder not slower — met \(2\.00×\); peak memory lower — met/);
  assert.match(text, /Generated ids: identical on both paths \(2 tokens after the 2-token prompt/);
});

test('the section: a missed target and differing ids are reported, not hidden', () => {
  const text = benchSection(report([timing(9, 9), timing(100, 200)], [timing(9, 9, [0, 5, 7, 2]), timing(150, 100, [0, 5, 7, 2])], [200, 300]));
  assert.match(text, /end to end ≥ 5× faster — \*\*not met\*\* \(1\.20×\); encoder not slower — \*\*not met\*\* \(0\.67×\); peak memory lower — \*\*not met\*\*/);
  assert.match(text, /Generated ids: \*\*differ\*\* from position 2/);
});

test('replaceSection: appended when absent, replaced in place when present, other sections untouched', () => {
  const docs = '# Benchmarks\n\n## First\nkeep me\n\n## Last\nkeep me too\n';
  const appended = replaceSection(docs, `## ${SECTION_TITLE}\nv1\n`);
  assert.equal(appended, `${docs}\n## ${SECTION_TITLE}\nv1\n`);
  const replacedAtEnd = replaceSection(appended, `## ${SECTION_TITLE}\nv2\n`);
  assert.equal(replacedAtEnd, `${docs}\n## ${SECTION_TITLE}\nv2\n`);

  const middle = `# Benchmarks\n\n## First\nkeep me\n\n## ${SECTION_TITLE}\nold\n\n## Last\nkeep me too\n`;
  assert.equal(replaceSection(middle, `## ${SECTION_TITLE}\nnew\n`), `# Benchmarks\n\n## First\nkeep me\n\n## ${SECTION_TITLE}\nnew\n\n## Last\nkeep me too\n`);
});
