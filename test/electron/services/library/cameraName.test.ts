// Specification of camera names: no maker said twice.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cameraName } from '../../../../electron/services/library/cameraName.ts';

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
