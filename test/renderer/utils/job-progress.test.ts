import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatByteRate, formatDownloadSize } from '../../../renderer/src/lib/utils/format.ts';
import { canPause, canResume, finishedAmount, jobProgressText, jobUnit } from '../../../renderer/src/lib/utils/job-progress.ts';

test('download sizes in the decimal units the Hub and the CLI use', () => {
  assert.equal(formatDownloadSize(512), '512 B');
  assert.equal(formatDownloadSize(26_249), '26.2 kB');
  assert.equal(formatDownloadSize(99_100_000), '99.1 MB');
  assert.equal(formatDownloadSize(999_990_000), '1.0 GB');
  assert.equal(formatDownloadSize(1_234_000_000), '1.2 GB');
  assert.equal(formatDownloadSize(-1), '—');
  assert.equal(formatByteRate(3_140_000), '3.1 MB/s');
  assert.equal(formatByteRate(null), null);
});

test('a model download reads in bytes; the experts and scans in images; others in items', () => {
  assert.equal(jobUnit('model-install'), 'bytes');
  assert.equal(jobUnit('experts'), 'images');
  assert.equal(jobUnit('scan'), 'images');
  assert.equal(jobUnit('export'), 'items');
  assert.deepEqual(jobProgressText({ kind: 'model-install', done: 12_300_000, total: 99_100_000, rate: 4_200_000, etaSeconds: 21 }), {
    amount: '12.3 MB of 99.1 MB',
    percent: '12%',
    rate: '4.2 MB/s',
    eta: '21 s left',
  });
  assert.deepEqual(jobProgressText({ kind: 'model-install', done: 1_000, total: null, rate: null, etaSeconds: null }), {
    amount: '1.0 kB',
    percent: null,
    rate: null,
    eta: null,
  });
  assert.deepEqual(jobProgressText({ kind: 'experts', done: 120, total: 3000, rate: 8.46, etaSeconds: 340 }), {
    amount: '120 / 3,000',
    percent: '4%',
    rate: '8.5 images/s',
    eta: '5 min 40 s left',
  });
  assert.equal(jobProgressText({ kind: 'export', done: 1, total: 2, rate: 2, etaSeconds: null }).rate, '2.0 items/s');
});

test('what a finished job got through', () => {
  assert.equal(finishedAmount({ kind: 'model-install', done: 2_000_000, failed: 0, total: 2_000_000 }), '2.0 MB downloaded');
  assert.equal(finishedAmount({ kind: 'model-install', done: 0, failed: 0, total: null }), null);
  assert.equal(finishedAmount({ kind: 'scan', done: 2990, failed: 10, total: 3000 }), '2,990 of 3,000 done, 10 failed');
  assert.equal(finishedAmount({ kind: 'experts', done: 3, failed: 0, total: null }), null);
  // The job's own words win over counting what it went through ("43 of 43 done" when 4 were exported).
  const summary = '4 captions exported as csv to /out; left out 39 without a caption';
  assert.equal(finishedAmount({ kind: 'export', done: 43, failed: 0, total: 43, result: { exported: 4, summary } }), summary);
});

test('Pause for running jobs that stop at checkpoints; Resume for paused ones', () => {
  assert.equal(canPause({ kind: 'experts', state: 'running' }), true);
  assert.equal(canPause({ kind: 'scan', state: 'queued' }), false);
  assert.equal(canPause({ kind: 'model-install', state: 'running' }), false);
  assert.equal(canResume({ state: 'paused' }), true);
  assert.equal(canResume({ state: 'running' }), false);
});
