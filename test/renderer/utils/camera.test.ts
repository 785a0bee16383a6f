// Specification of camera and orientation names in the inspector: no maker said twice, orientation in words.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cameraName, orientationName } from '../../../renderer/src/lib/utils/camera.ts';

describe('cameraName', () => {
  test('does not repeat the maker the model already names', () => {
    assert.equal(cameraName('Canon', 'Canon EOS R6'), 'Canon EOS R6');
    assert.equal(cameraName('NIKON CORPORATION', 'NIKON Z 6'), 'NIKON Z 6');
    assert.equal(cameraName('FUJIFILM', 'X-T4'), 'FUJIFILM X-T4');
    assert.equal(cameraName(null, 'iPhone 13'), 'iPhone 13');
    assert.equal(cameraName('Apple', null), 'Apple');
    assert.equal(cameraName(null, null), null);
  });
});

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
