// Installing Prismer's label tables: the five official files fetched from GitHub's raw address at the
// pinned commit (a stand-in server here) or read from a local dataset/ folder, each checked for the
// official size and, after the first install, for the same sha256; the .pt tables read without running
// code and written as the JSON the runner loads, the PCA kept. A refused or failed install leaves the
// previous tables as they were. Files are written at test time by Debian's Python + torch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  installLabelTables,
  labelTableSources,
  officialCommit,
  rawFileUrl,
  type ChecksumRecord,
} from '../../../../electron/services/models/labelTablesInstall.ts';
import { loadLabelTablesFromJson } from '../../../../native-models/prismer/inputs/loadLabelTables.ts';
import { labelTablesProblem, loadOcrPca } from '../../../../native-models/prismer/runner/expertInputs.ts';
import { skipWithoutTorch } from '../../../native-models/prismer/checkpoint/fixtures.ts';

// argv: out dir. Writes <out>/dataset/{coco,ade,detection}_features.pt (dicts with 'features' and
// 'labels', as the official code reads them), background_features.pt (a bare [64] tensor), clip_pca.pkl
// (a PCA pickle: scikit-learn's when installed, else a stand-in of the same class path), <out>/ref/*.json,
// and <out>/evil/coco_features.pt (a pickle that would run a command).
const SCRIPT = String.raw`
import json, os, pickle, sys, types
import numpy as np, torch
out = sys.argv[1]
for sub in ('dataset', 'ref', 'evil'):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
g = torch.Generator().manual_seed(1)
for name, rows in (('coco', 133), ('ade', 150), ('detection', 722)):
    labels = ['%s class %d' % (name, i) for i in range(rows)]
    t = torch.randn(rows, 64, generator=g)
    torch.save({'features': t, 'labels': labels}, os.path.join(out, 'dataset', name + '_features.pt'))
    json.dump({'labels': labels, 'features': t.tolist()}, open(os.path.join(out, 'ref', name + '.json'), 'w'))
bg = torch.randn(64, generator=g)
torch.save(bg, os.path.join(out, 'dataset', 'background_features.pt'))
json.dump({'features': bg.tolist()}, open(os.path.join(out, 'ref', 'background.json'), 'w'))
try:
    from sklearn.decomposition import PCA
except ImportError:
    mod = types.ModuleType('sklearn.decomposition._pca')
    class PCA:
        def __init__(self, n_components=None):
            self.n_components, self.whiten = n_components, False
        def fit(self, x):
            self.mean_ = x.mean(axis=0)
            _, s, vt = np.linalg.svd(x - self.mean_, full_matrices=False)
            self.components_ = vt[:self.n_components]
            self.explained_variance_ = (s ** 2 / (len(x) - 1))[:self.n_components]
            return self
    PCA.__module__ = 'sklearn.decomposition._pca'
    mod.PCA = PCA
    for n in ('sklearn', 'sklearn.decomposition'):
        sys.modules[n] = types.ModuleType(n)
    sys.modules['sklearn.decomposition._pca'] = mod
rng = np.random.RandomState(0)
p = PCA(n_components=64).fit(rng.randn(200, 768))
pickle.dump(p, open(os.path.join(out, 'dataset', 'clip_pca.pkl'), 'wb'), protocol=4)
class Evil:
    def __reduce__(self):
        return (os.system, ('touch ' + os.path.join(out, 'pwned'),))
torch.save({'features': Evil(), 'labels': []}, os.path.join(out, 'evil', 'coco_features.pt'))
`;

function memoryChecksums(): ChecksumRecord & { map: Map<string, { sha256: string; size: number }> } {
  const map = new Map<string, { sha256: string; size: number }>();
  return { map, get: (k) => map.get(k), record: (k, sha256, size) => void (map.has(k) || map.set(k, { sha256, size })) };
}

describe('installing the label tables', { skip: skipWithoutTorch }, () => {
  const root = mkdtempSync(join(tmpdir(), 'label-tables-'));
  const dataset = join(root, 'dataset');
  let sources: { file: string; size: number }[];
  let server: Server;
  let baseUrl: string;
  const requests: string[] = [];
  let served = dataset;

  before(async () => {
    execFileSync('/usr/bin/python3', ['-c', SCRIPT, root], { stdio: ['ignore', 'ignore', 'pipe'] });
    sources = labelTableSources.map((s) => ({ file: s.file, size: statSync(join(dataset, s.file)).size }));
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const prefix = `/NVlabs/prismer/${officialCommit}/dataset/`;
      const file = req.url?.startsWith(prefix) ? join(served, req.url.slice(prefix.length)) : null;
      if (!file || !existsSync(file)) {
        res.writeHead(404).end('404: Not Found');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  test('the raw-file address names the repository, the pinned commit and the dataset folder', () => {
    assert.equal(rawFileUrl('https://raw.githubusercontent.com/', 'clip_pca.pkl'), `https://raw.githubusercontent.com/NVlabs/prismer/${officialCommit}/dataset/clip_pca.pkl`);
    assert.match(officialCommit, /^[0-9a-f]{40}$/);
  });

  test('downloaded tables equal what was saved, the PCA loads, checksums are recorded, a Prismer model can run', async () => {
    const target = join(root, 'models-a', 'prismer', 'label-tables');
    const checksums = memoryChecksums();
    const progress: number[] = [];
    requests.length = 0;
    const result = await installLabelTables({ targetDir: target, baseUrl, sources, checksums, onProgress: (done) => progress.push(done) });
    assert.equal(result.source, 'download');
    assert.deepEqual(requests.map((r) => r.split('/').at(-1)), sources.map((s) => s.file));
    assert.deepEqual(result.rows, { coco: 133, ade: 150, detection: 722 });
    assert.deepEqual(await loadLabelTablesFromJson(target), await loadLabelTablesFromJson(join(root, 'ref')));
    assert.ok((await loadOcrPca(target)) !== null);
    assert.equal(labelTablesProblem({ name: 'm', variant: 'prismer' }, target), null);
    assert.equal(checksums.map.size, 5);
    assert.ok(result.files.every((f) => f.checkedAgainst === null && /^[0-9a-f]{64}$/.test(f.sha256)));
    assert.ok(progress.at(-1)! >= progress[0]!);
    assert.deepEqual(readdirSync(join(root, 'models-a', 'prismer')), ['label-tables'], 'no staging folder is left behind');

    // Reinstalling the same files checks them against the first install.
    const again = await installLabelTables({ targetDir: target, baseUrl, sources, checksums });
    assert.ok(again.files.every((f) => f.checkedAgainst === 'first install'));
  });

  test('a file that changed since the first install is refused and the installed tables stay', async () => {
    const target = join(root, 'models-b', 'label-tables');
    const checksums = memoryChecksums();
    await installLabelTables({ targetDir: target, from: dataset, sources, checksums });
    const before = readFileSync(join(target, 'coco.json'));
    const changed = join(root, 'changed');
    mkdirSync(changed, { recursive: true });
    for (const s of sources) copyFileSync(join(dataset, s.file), join(changed, s.file));
    const bytes = readFileSync(join(changed, 'background_features.pt'));
    bytes[bytes.length - 30] = bytes[bytes.length - 30]! ^ 0xff;
    writeFileSync(join(changed, 'background_features.pt'), bytes);
    await assert.rejects(installLabelTables({ targetDir: target, from: changed, sources, checksums }), /background_features\.pt differs from the copy installed first/);
    assert.deepEqual(readFileSync(join(target, 'coco.json')), before);
  });

  test('files of another size than the official ones are refused', async () => {
    const target = join(root, 'models-c', 'label-tables');
    await assert.rejects(installLabelTables({ targetDir: target, from: dataset }), /coco_features\.pt is [\d,]+ bytes, but the official file .* is 36,651: it is not the official file/);
    assert.equal(existsSync(target), false);
  });

  test('a pickle that would run code is refused, and nothing runs or is installed', async () => {
    const evil = join(root, 'evil-set');
    mkdirSync(evil, { recursive: true });
    for (const s of sources) copyFileSync(join(dataset, s.file), join(evil, s.file));
    copyFileSync(join(root, 'evil', 'coco_features.pt'), join(evil, 'coco_features.pt'));
    const evilSources = sources.map((s) => ({ file: s.file, size: statSync(join(evil, s.file)).size }));
    const target = join(root, 'models-d', 'label-tables');
    await assert.rejects(installLabelTables({ targetDir: target, from: evil, sources: evilSources }), /label tables could not be read/);
    assert.equal(existsSync(join(root, 'pwned')), false);
    assert.equal(existsSync(target), false);
  });

  test('a missing file, a 404 and an unreachable server each say what happened', async () => {
    const target = join(root, 'models-e', 'label-tables');
    const partial = join(root, 'partial');
    mkdirSync(partial, { recursive: true });
    copyFileSync(join(dataset, 'coco_features.pt'), join(partial, 'coco_features.pt'));
    await assert.rejects(installLabelTables({ targetDir: target, from: partial, sources }), /has no ade_features\.pt: give the official repository's dataset\/ folder/);

    served = join(root, 'nowhere');
    try {
      await assert.rejects(installLabelTables({ targetDir: target, baseUrl, sources }), /was not found \(404\).*--from DIR/);
    } finally {
      served = dataset;
    }
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(installLabelTables({ targetDir: target, baseUrl: `http://127.0.0.1:${port}`, sources }), /Cannot reach 127\.0\.0\.1:\d+ .*connection refused/);
    assert.equal(existsSync(target), false);
  });

  test('cancelling stops before the next file and changes nothing', async () => {
    const target = join(root, 'models-f', 'label-tables');
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(installLabelTables({ targetDir: target, from: dataset, sources, signal: controller.signal }), /cancelled/);
    assert.equal(existsSync(target), false);
  });
});
