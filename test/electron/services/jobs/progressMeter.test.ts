// Specification of the rate and ETA shown for long jobs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ProgressMeter } from '../../../../electron/services/jobs/progressMeter.ts';

describe('progress meter', () => {
  test('has no rate until two samples are far enough apart', () => {
    const meter = new ProgressMeter();
    assert.equal(meter.rate(), null);
    meter.add(0, 0);
    meter.add(100, 5);
    assert.equal(meter.rate(), null);
    assert.equal(meter.etaSeconds(5, 100), null);
  });

  test('measures items per second over the recent window and derives the ETA', () => {
    const meter = new ProgressMeter(5000);
    for (let t = 0; t <= 10_000; t += 500) meter.add(t, t < 5000 ? t / 100 : 50 + (t - 5000) / 10);
    // The first 5 s ran at 10/s, the last 5 s at 100/s: the window sees only the recent speed.
    assert.ok(Math.abs(meter.rate()! - 100) < 1e-9, `rate ${meter.rate()}`);
    assert.equal(meter.etaSeconds(550, 1550), 10);
    assert.equal(meter.etaSeconds(550, null), null, 'no ETA without a total');
  });
});
