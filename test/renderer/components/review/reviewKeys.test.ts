// The Review mode's keys, as ui.md lists them: J/K or arrows move between photos, 1–9 accept that
// caption, E edits, A accepts, R rejects, S skips, Ctrl+Z / Ctrl+Shift+Z undo and redo; keys that belong
// to the rest of the app (Shift+J, F, M, ?) are left alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reviewCommandFor } from '../../../../renderer/src/lib/components/review/reviewKeys.ts';

test('J/K and the arrows move between photos; up/down move between captions', () => {
  assert.deepEqual(reviewCommandFor({ key: 'j' }), { kind: 'next' });
  assert.deepEqual(reviewCommandFor({ key: 'ArrowRight' }), { kind: 'next' });
  assert.deepEqual(reviewCommandFor({ key: 'k' }), { kind: 'previous' });
  assert.deepEqual(reviewCommandFor({ key: 'ArrowLeft' }), { kind: 'previous' });
  assert.deepEqual(reviewCommandFor({ key: 'ArrowDown' }), { kind: 'select', delta: 1 });
  assert.deepEqual(reviewCommandFor({ key: 'ArrowUp' }), { kind: 'select', delta: -1 });
  assert.deepEqual(reviewCommandFor({ key: 'J' }), { kind: 'next' }, 'Caps Lock does not change the key');
});

test('digits 1–9 pick that caption, by physical key; 0 picks nothing', () => {
  for (let n = 1; n <= 9; n++) assert.deepEqual(reviewCommandFor({ key: String(n), code: `Digit${n}` }), { kind: 'pick', n });
  assert.deepEqual(reviewCommandFor({ key: '&', code: 'Digit1' }), { kind: 'pick', n: 1 }, 'an AZERTY 1 is still 1');
  assert.deepEqual(reviewCommandFor({ key: '3', code: 'Numpad3' }), { kind: 'pick', n: 3 });
  assert.equal(reviewCommandFor({ key: '0', code: 'Digit0' }), null);
});

test('with the maps shown, Shift+digit solos a layer and O switches overlay / side by side', () => {
  assert.deepEqual(reviewCommandFor({ key: '!', code: 'Digit1', shiftKey: true }), { kind: 'solo', n: 1 });
  assert.deepEqual(reviewCommandFor({ key: 'o' }), { kind: 'layout' });
  assert.deepEqual(reviewCommandFor({ key: 'x' }), { kind: 'maps' });
});

test('edit, accept, reject, skip, the maps, bulk accept, leaving', () => {
  assert.deepEqual(reviewCommandFor({ key: 'e' }), { kind: 'edit' });
  assert.deepEqual(reviewCommandFor({ key: 'Enter' }), { kind: 'edit' });
  assert.deepEqual(reviewCommandFor({ key: 'a' }), { kind: 'accept' });
  assert.deepEqual(reviewCommandFor({ key: 'r' }), { kind: 'reject' });
  assert.deepEqual(reviewCommandFor({ key: 's' }), { kind: 'skip' });
  assert.deepEqual(reviewCommandFor({ key: 'x' }), { kind: 'maps' });
  assert.deepEqual(reviewCommandFor({ key: 'b' }), { kind: 'bulk' });
  for (const key of ['g', 'v', 'Escape']) assert.deepEqual(reviewCommandFor({ key }), { kind: 'leave' });
});

test('Ctrl/Cmd+Z undoes, with Shift (or Ctrl+Y) redoes; other Ctrl keys are not Review’s', () => {
  assert.deepEqual(reviewCommandFor({ key: 'z', ctrlKey: true }), { kind: 'undo' });
  assert.deepEqual(reviewCommandFor({ key: 'z', metaKey: true }), { kind: 'undo' });
  assert.deepEqual(reviewCommandFor({ key: 'Z', ctrlKey: true, shiftKey: true }), { kind: 'redo' });
  assert.deepEqual(reviewCommandFor({ key: 'y', ctrlKey: true }), { kind: 'redo' });
  assert.equal(reviewCommandFor({ key: 'a', ctrlKey: true }), null);
  assert.equal(reviewCommandFor({ key: '1', code: 'Digit1', ctrlKey: true }), null);
});

test('the app’s own keys pass through', () => {
  assert.equal(reviewCommandFor({ key: 'J', shiftKey: true }), null, 'Shift+J: the jobs panel');
  assert.equal(reviewCommandFor({ key: '?', shiftKey: true }), null);
  assert.equal(reviewCommandFor({ key: 'f' }), null);
  assert.equal(reviewCommandFor({ key: 'm' }), null);
  assert.equal(reviewCommandFor({ key: 'a', altKey: true }), null);
});
