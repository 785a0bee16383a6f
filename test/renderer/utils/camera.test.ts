// Specification of orientation names in the inspector: in words, nothing when upright.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { orientationName } from '../../../renderer/src/lib/utils/camera.ts';

describe('orientationName', () => {
  test('says how the file is turned, nothing when upright', () => {
    assert.equal(orientationName(1), null);
    assert.equal(orientationName(null), null);
    assert.equal(orientationName(6), 'Rotated 90° clockwise');
    assert.equal(orientationName(8), 'Rotated 90° counter-clockwise');
    assert.equal(orientationName(3), 'Rotated 180°');
    assert.equal(orientationName(42), 'Unknown (42)');
  });
});
