import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readScanSummary } from '../../../renderer/src/lib/utils/scan-result.ts';

test('a scan result is read with its failures; other results are not scan results', () => {
  const summary = readScanSummary({
    added: 39,
    updated: 0,
    moved: 1,
    removed: 0,
    unchanged: 2,
    skipped: 0,
    failed: [{ path: '/p/broken.jpg', reason: 'Not an image' }],
    unreadableFolders: [{ path: '/p/locked', reason: 'EACCES' }],
    cancelled: false,
  });
  assert.ok(summary);
  assert.equal(summary.added, 39);
  assert.equal(summary.moved, 1);
  assert.deepEqual(summary.failed, [{ path: '/p/broken.jpg', reason: 'Not an image' }]);
  assert.equal(summary.unreadableFolders.length, 1);
  assert.equal(readScanSummary(null), null);
  assert.equal(readScanSummary([1, 2]), null);
  assert.equal(readScanSummary({ thumbnails: 3 }), null);
  assert.equal(readScanSummary({ added: 1 })?.failed.length, 0);
});
