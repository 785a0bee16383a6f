// Specification of the CLI progress line: files (the scan's) or bytes (a model download).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JobInfo } from '../../../electron/api/jobs.ts';
import { describe as describeJob } from '../../../electron/cli/progressBar.ts';

function job(over: Partial<JobInfo>): JobInfo {
  return {
    id: 1, kind: 'scan', title: 't', state: 'running', done: 0, failed: 0, total: null, rate: null, etaSeconds: null,
    detail: null, error: null, result: null, createdAt: 0, startedAt: 0, finishedAt: null, ...over,
  };
}

describe('progress line', () => {
  test('counts files by default, as the scan always has', () => {
    assert.equal(describeJob(job({ done: 5, total: 10, rate: 2.5, etaSeconds: 2, failed: 1 }), 10), '[#####.....]  5/10  2.5 files/s  ETA 2.0 s  1 failed');
    assert.equal(describeJob(job({ detail: 'Looking for images…' }), 0), 'Looking for images…');
  });

  test('shows sizes and a byte rate for downloads', () => {
    assert.equal(
      describeJob(job({ done: 12_300_000, total: 99_100_000, rate: 4_150_000, etaSeconds: 18.5 }), 0, 'bytes'),
      '12.3 MB/99.1 MB  4.2 MB/s  ETA 19 s',
    );
    assert.equal(describeJob(job({ done: 3, total: 4, rate: 20 }), 0, 'images'), '3/4  20 images/s');
  });
});
