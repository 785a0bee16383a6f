import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downloadHosts, licenceGroups, needsAcceptance, recommendedSummary, recommendedToGet, setSizeLabel, totalSize } from '../../../renderer/src/lib/models/recommended.ts';
import { model, nonCommercial } from './modelInfo.ts';

test('the recommended set is the recommended Hub models not installed and not on their way', () => {
  const models = [
    model('a', { recommended: true }),
    model('b', { recommended: true, status: 'failed' }),
    model('c', { recommended: true, status: 'installed' }),
    model('d', { recommended: true, status: 'downloading' }),
    model('e', { recommended: true, origin: 'npm' }),
    model('f'),
  ];
  assert.deepEqual(recommendedToGet(models).map((m) => m.id), ['a', 'b']);
  assert.equal(recommendedSummary(models), 'Recommended set: 2 to download (≈ 200 MB)');
  assert.equal(recommendedSummary([models[2]!, models[3]!]), 'Recommended set: the rest is downloading.');
  assert.equal(recommendedSummary([models[2]!]), 'Recommended set: everything is installed.');
});

test('the size still to download counts what a partial download kept, and says when it is approximate', () => {
  assert.deepEqual(totalSize([model('a', { size: 1_000_000, sizeIsApproximate: false }), model('b', { size: 3_000_000, sizeIsApproximate: false, partialBytes: 1_000_000 })]), {
    bytes: 3_000_000,
    approximate: false,
  });
  const unknown = totalSize([model('a', { size: 1_500_000, sizeIsApproximate: false }), model('cfg', { size: null, sizeIsApproximate: false })]);
  assert.deepEqual(unknown, { bytes: 1_500_000, approximate: true });
  assert.equal(setSizeLabel(unknown), '≈ 1.5 MB');
});

test('one confirmation lists each licence once, non-commercial first, and asks for the tick only then', () => {
  const models = [model('a'), model('b', { licence: nonCommercial }), model('c'), model('local', { licence: null })];
  const groups = licenceGroups(models);
  assert.deepEqual(
    groups.map((g) => [g.licence.name, g.models.map((m) => m.id)]),
    [
      ['CC-BY-NC-4.0', ['b']],
      ['Apache-2.0', ['a', 'c']],
    ],
  );
  assert.equal(needsAcceptance(models), true);
  assert.equal(needsAcceptance([model('a')]), false);
});

test('the confirmation names every host the downloads contact, in order, each with what comes from it', () => {
  const prismer = model('prismer-base-caption', {
    downloadsFrom: [
      { host: 'raw.githubusercontent.com', what: "Prismer's label tables" },
      { host: 'huggingface.co', what: 'shikunl/prismer/caption_prismer_base/pytorch_model.bin' },
    ],
  });
  assert.deepEqual(downloadHosts([prismer, model('depth')]), [
    { host: 'raw.githubusercontent.com', what: ["Prismer's label tables"] },
    { host: 'huggingface.co', what: ['shikunl/prismer/caption_prismer_base/pytorch_model.bin', 'org/depth/model.onnx'] },
  ]);
  assert.deepEqual(downloadHosts([model('shipped', { downloadsFrom: [] })]), [], 'nothing downloaded, no host named');
});
