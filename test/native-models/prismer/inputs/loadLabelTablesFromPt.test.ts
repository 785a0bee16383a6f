// Specification: the official label tables read from `torch.save` files in every plausible form (dict
// name → 64-vector, including views into one storage; dict with 'features' + names as a tensor or a list of
// vectors; a bare [K,64] tensor with names passed in; non-contiguous and float64 tensors; background as [64]
// or [1,64]) give exactly the numbers of the JSON export; other contents and code-running pickles are
// refused with what was found named. The files are written at test time by Debian's Python + torch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadLabelTablesFromJson } from '../../../../native-models/prismer/inputs/loadLabelTables.ts';
import { openTorchPickleFile } from '../../../../native-models/prismer/checkpoint/torchPickleFile.ts';
import { featureTableFromPt, loadLabelTablesFromPt } from '../../../../native-models/prismer/inputs/loadLabelTablesFromPt.ts';
import type { LabelTables } from '../../../../native-models/prismer/inputs/labelTables.ts';
import { sharedPrismer, skipWithoutTorch } from '../checkpoint/fixtures.ts';

const sharedTables = join(sharedPrismer, 'label-features');
const hasShared = existsSync(join(sharedTables, 'coco.json'));

// argv: out dir, source JSON dir ('' = random tables). Writes the reference JSON to <out>/ref and the
// .pt files to <out>/a (first set of forms), <out>/b (second set), <out>/bad/* (refusals).
const SCRIPT = String.raw`
import json, os, sys, torch
out, src = sys.argv[1], sys.argv[2]
tables = {}
g = torch.Generator().manual_seed(0)
for name, rows in (('coco', 133), ('ade', 150), ('detection', 722)):
    if src:
        d = json.load(open(os.path.join(src, name + '.json')))
        tables[name] = (d['labels'], torch.tensor(d['features'], dtype=torch.float32))
    else:
        tables[name] = (['%s %d' % (name, i) for i in range(rows)], torch.randn(rows, 64, generator=g))
if src:
    bg = torch.tensor(json.load(open(os.path.join(src, 'background.json')))['features'], dtype=torch.float32).reshape(64)
else:
    bg = torch.randn(64, generator=g)
for sub in ('ref', 'a', 'b', 'bad'):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
for name, (labels, t) in tables.items():
    json.dump({'labels': labels, 'features': t.tolist()}, open(os.path.join(out, 'ref', name + '.json'), 'w'))
json.dump({'features': bg.tolist()}, open(os.path.join(out, 'ref', 'background.json'), 'w'))
def save(sub, name, value):
    torch.save(value, os.path.join(out, sub, name + '_features.pt'))
(cl, ct), (al, at), (dl, dt) = tables['coco'], tables['ade'], tables['detection']
# a: dict of row views into one storage; dict with features tensor + labels; bare 2-D tensor; [64]
save('a', 'coco', {l: ct[i] for i, l in enumerate(cl)})
save('a', 'ade', {'features': at, 'labels': al})
save('a', 'detection', dt)
save('a', 'background', bg)
# b: column-major view (strides (1, K)); dict of separate tensors; list of vectors in float64 + names; [1,64]
save('b', 'coco', ct.t().contiguous().t())
save('b', 'ade', {l: at[i].clone() for i, l in enumerate(al)})
save('b', 'detection', {'features': [r.double() for r in dt], 'names': dl})
save('b', 'background', {'features': bg.reshape(1, 64)})
# refusals
class Evil:
    def __reduce__(self):
        return (os.system, ('true',))
save('bad', 'strings', ['a', 'b'])
save('bad', 'wrongwidth', torch.zeros(133, 32))
save('bad', 'evil', {'person': Evil()})
save('bad', 'ints', {'features': torch.zeros(133, 64, dtype=torch.int64), 'labels': cl})
`;

describe('loadLabelTablesFromPt on files torch writes', { skip: skipWithoutTorch }, () => {
  let dir = '';
  let reference: LabelTables;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prismer-pt-tables-'));
    execFileSync('/usr/bin/python3', ['-c', SCRIPT, dir, hasShared ? sharedTables : ''], { stdio: ['ignore', 'ignore', 'pipe'] });
    reference = await loadLabelTablesFromJson(join(dir, 'ref'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const same = (t: LabelTables, ref: LabelTables) => {
    for (const name of ['coco', 'ade', 'detection'] as const) {
      assert.deepEqual(t[name].labels, ref[name].labels, `${name} labels`);
      assert.equal(t[name].rows, ref[name].rows);
      assert.deepEqual(t[name].features, ref[name].features, `${name} features`);
    }
    assert.deepEqual(t.background, ref.background);
  };

  test('forms a: dict of row views, dict with features + labels, bare [K,64] with names passed, [64]', async () => {
    same(await loadLabelTablesFromPt(join(dir, 'a'), { labels: { detection: reference.detection.labels } }), reference);
  });

  test('forms b: column-major tensor, dict of separate tensors, float64 list + names, [1,64] in a dict', async () => {
    same(await loadLabelTablesFromPt(join(dir, 'b'), { labels: { coco: reference.coco.labels } }), reference);
  });

  test('equal to the JSON export in ../shared when present', { skip: hasShared ? false : `needs ${sharedTables}` }, async () => {
    same(await loadLabelTablesFromPt(join(dir, 'a'), { labels: { detection: reference.detection.labels } }), await loadLabelTablesFromJson(sharedTables));
  });

  test('a bare [K,64] tensor without names is refused', async () => {
    await assert.rejects(loadLabelTablesFromPt(join(dir, 'a')), /detection_features\.pt: no class names.*tensor\[722,64\] F32/);
  });

  test('other contents are refused naming what the file holds', async () => {
    const attempt = async (file: string) => {
      const opened = await openTorchPickleFile(join(dir, 'bad', `${file}_features.pt`));
      try {
        return await featureTableFromPt(opened, file, 133, reference.coco.labels);
      } finally {
        await opened.close();
      }
    };
    await assert.rejects(attempt('strings'), /strings: expected a dict name → 64-vector.*list of 2/);
    await assert.rejects(attempt('wrongwidth'), /shape \[133,32\], expected \[K,64\]/);
    await assert.rejects(attempt('ints'), /I64, not a floating-point tensor/);
    await assert.rejects(openTorchPickleFile(join(dir, 'bad', 'evil_features.pt')), /refused: global posix\.system is not on the allow-list/);
  });

  test('wrong row counts are refused', async () => {
    const opened = await openTorchPickleFile(join(dir, 'a', 'ade_features.pt'));
    try {
      await assert.rejects(featureTableFromPt(opened, 'ade_features.pt', 133), /150 rows, expected 133/);
    } finally {
      await opened.close();
    }
  });
});
