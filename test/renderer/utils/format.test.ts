// Run: node --test renderer/test/**/*.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseName, formatBytes, formatDuration, formatEta, formatPercent, formatRate, plural } from '../../../renderer/src/lib/utils/format.ts';

test('durations read like "2 min 10 s", two units at most', () => {
  assert.equal(formatDuration(0), '0 s');
  assert.equal(formatDuration(45.4), '45 s');
  assert.equal(formatDuration(130), '2 min 10 s');
  assert.equal(formatDuration(120), '2 min');
  assert.equal(formatDuration(3900), '1 h 5 min');
  assert.equal(formatDuration(3 * 86_400 + 4 * 3600 + 59), '3 d 4 h');
  assert.equal(formatDuration(-1), '—');
  assert.equal(formatEta(130), '2 min 10 s left');
  assert.equal(formatEta(null), null);
});

test('sizes, rates, percentages, plurals, base names', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(20_888), '20.4 KB');
  assert.equal(formatBytes(460 * 1024 * 1024), '460 MB');
  assert.equal(formatRate(226.4), '226 images/s');
  assert.equal(formatRate(2.345), '2.3 images/s');
  assert.equal(formatRate(null), null);
  assert.equal(formatPercent(461, 3000), '15%');
  assert.equal(formatPercent(1, null), null);
  assert.equal(plural(1, 'photo'), '1 photo');
  assert.equal(plural(0, 'photo'), '0 photos');
  assert.equal(baseName('/tmp/photos/'), 'photos');
  assert.equal(baseName('C:\\Users\\me\\Pictures'), 'Pictures');
  assert.equal(baseName('/'), '/');
});
