// How a caption reads: AI text carries an "AI" chip naming its model, human text "You", imported text
// "Imported"; scores as whole percentages; provenance as short lines; where the selection starts and
// where it goes after a rejection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialSelection, nextOpen, provenanceLines, scorePercent, sourceChip } from '../../../../renderer/src/lib/components/review/captionView.ts';

const provenance = { modelId: 'prismerz-base', modelHash: 'abcdef0123456789', experts: { depth: 'dpt-1', det: 'rtdetr-2' }, decoding: { strategy: 'beam', numBeams: 3, beamScore: -0.41234, extra: { nested: true } } };

test('AI, human and imported text get different chips; the AI chip names the model', () => {
  const ai = sourceChip({ source: 'ai', provenance });
  assert.equal(ai.label, 'AI');
  assert.match(ai.title, /prismerz-base/);
  assert.equal(sourceChip({ source: 'human', provenance: null }).label, 'You');
  assert.equal(sourceChip({ source: 'imported', provenance: null }).label, 'Imported');
  assert.equal(new Set(['ai', 'human', 'imported'].map((s) => sourceChip({ source: s as 'ai', provenance: null }).tone)).size, 3);
});

test('scores are whole percentages, clamped; no score, no percentage', () => {
  assert.equal(scorePercent(0.834), '83%');
  assert.equal(scorePercent(1), '100%');
  assert.equal(scorePercent(0), '0%');
  assert.equal(scorePercent(1.2), '100%');
  assert.equal(scorePercent(null), null);
  assert.equal(scorePercent(Number.NaN), null);
});

test('provenance: model and hash prefix, experts with versions, scalar decoding settings', () => {
  const lines = provenanceLines({ provenance });
  assert.equal(lines[0], 'Model: prismerz-base (abcdef012345)');
  assert.equal(lines[1], 'Experts: depth dpt-1, det rtdetr-2');
  assert.equal(lines[2], 'Decoding: strategy beam, numBeams 3, beamScore -0.412');
  assert.match(provenanceLines({ provenance: { ...provenance, experts: {} } })[1]!, /none/);
  assert.deepEqual(provenanceLines({ provenance: null }), []);
});

test('the selection starts on the accepted caption, else the first open one; rejecting moves it on', () => {
  assert.equal(initialSelection([{ status: 'candidate' }, { status: 'accepted' }]), 1);
  assert.equal(initialSelection([{ status: 'rejected' }, { status: 'candidate' }]), 1);
  assert.equal(initialSelection([{ status: 'rejected' }]), 0);
  assert.equal(initialSelection([]), 0);
  const list = [{ status: 'candidate' as const }, { status: 'rejected' as const }, { status: 'candidate' as const }];
  assert.equal(nextOpen(list, 0), 2);
  assert.equal(nextOpen(list, 2), 0, 'wraps around');
  assert.equal(nextOpen([{ status: 'rejected' as const }, { status: 'rejected' as const }], 1), 1, 'stays when nothing is open');
});
