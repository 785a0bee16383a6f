import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clampSetting } from '../../../renderer/src/lib/utils/inference-settings.ts';

test('typed inference settings are kept within the schema’s limits', () => {
  assert.equal(clampSetting('inferenceThreads', 8, 0), 8);
  assert.equal(clampSetting('inferenceThreads', 200, 0), 64);
  assert.equal(clampSetting('inferenceThreads', -3, 4), 0);
  assert.equal(clampSetting('modelMemoryBudgetMB', 100, 4096), 256);
  assert.equal(clampSetting('modelMemoryBudgetMB', 2048.6, 4096), 2049);
  assert.equal(clampSetting('modelIdleMinutes', Number.NaN, 5), 5, 'an empty field keeps the value');
  assert.equal(clampSetting('modelIdleMinutes', 5000, 5), 1440);
});
