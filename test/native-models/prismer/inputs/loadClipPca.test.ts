// Specification: the official OCR PCA pickle (a scikit-learn PCA) is read without running anything:
// mean_ and components_ come back equal to what was pickled (float64 and float32 arrays, pickle protocols
// 1, 2, 4 and 5), `applyPca` on them matches NumPy's transform, the ../shared JSON numbers round-trip
// through a pickle, and a pickle naming any other global (posix.system), a whitened PCA, or a wrongly
// shaped one is refused. Pickles are written at test time by Debian's Python (real scikit-learn when
// installed, otherwise a stand-in class registered as sklearn.decomposition._pca.PCA).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applyPca, parseClipPca } from '../../../../native-models/prismer/inputs/clipPca.ts';
import { loadClipPca, parseClipPcaPickle } from '../../../../native-models/prismer/inputs/loadClipPca.ts';
import { sharedPrismer } from '../checkpoint/fixtures.ts';

const PYTHON = '/usr/bin/python3';
const hasNumpy = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
const hasSklearn = hasNumpy && spawnSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' }).status === 0;
const sharedPca = join(sharedPrismer, 'label-features', 'clip_pca.json');
const hasShared = existsSync(sharedPca);

// argv: out dir, shared clip_pca.json ('' = none). Writes pca-<dtype>-p<protocol>.pkl, expected.json
// (embeddings, transform, the pickled mean/components), shared-p4.pkl, and the refusals.
const SCRIPT = String.raw`
import json, os, pickle, sys, types
import numpy as np
out, shared = sys.argv[1], sys.argv[2]
try:
    from sklearn.decomposition import PCA
    real = True
except ImportError:
    real = False
    mod = types.ModuleType('sklearn.decomposition._pca')
    class PCA:
        def __init__(self, n_components=None, whiten=False):
            self.n_components, self.whiten, self.copy, self.svd_solver = n_components, whiten, True, 'auto'
        def fit(self, x):
            self.mean_ = x.mean(axis=0)
            _, s, vt = np.linalg.svd(x - self.mean_, full_matrices=False)
            self.components_ = vt[:self.n_components]
            self.explained_variance_ = (s ** 2 / (len(x) - 1))[:self.n_components]
            self.noise_variance_ = np.float64(0.5)
            self.n_samples_ = len(x)
            return self
        def transform(self, x):
            return (x - self.mean_) @ self.components_.T
    PCA.__module__ = 'sklearn.decomposition._pca'
    mod.PCA = PCA
    for name in ('sklearn', 'sklearn.decomposition'):
        sys.modules[name] = types.ModuleType(name)
    sys.modules['sklearn.decomposition._pca'] = mod
rng = np.random.RandomState(0)
data = rng.randn(300, 768) @ rng.randn(768, 768) * 0.05 + rng.randn(768)
emb = rng.randn(5, 768).astype(np.float32)
expected = {'sklearn': real}
for dtype in ('float64', 'float32'):
    p = PCA(n_components=64).fit(data.astype(dtype))
    assert p.mean_.dtype == dtype and p.components_.dtype == dtype, (p.mean_.dtype, p.components_.dtype)
    for proto in (1, 2, 4, 5):
        pickle.dump(p, open(os.path.join(out, 'pca-%s-p%d.pkl' % (dtype, proto)), 'wb'), protocol=proto)
    expected[dtype] = {'mean': p.mean_.astype(np.float64).tolist(), 'components': p.components_.astype(np.float64).tolist(),
                       'transform': p.transform(emb.astype(dtype)).astype(np.float64).tolist()}
expected['embeddings'] = emb.astype(np.float64).tolist()
json.dump(expected, open(os.path.join(out, 'expected.json'), 'w'))
if shared:
    d = json.load(open(shared))
    p = PCA(n_components=64).fit(data)
    p.mean_ = np.array(d['mean'], dtype=np.float32)
    p.components_ = np.array(d['components'], dtype=np.float32)
    pickle.dump(p, open(os.path.join(out, 'shared-p4.pkl'), 'wb'), protocol=4)
class Evil:
    def __reduce__(self):
        return (os.system, ('true',))
p = PCA(n_components=64).fit(data)
p.extra = Evil()
pickle.dump(p, open(os.path.join(out, 'evil.pkl'), 'wb'), protocol=4)
p = PCA(n_components=64, whiten=True).fit(data)
pickle.dump(p, open(os.path.join(out, 'whiten.pkl'), 'wb'), protocol=4)
p = PCA(n_components=32).fit(data)
pickle.dump(p, open(os.path.join(out, 'pca32.pkl'), 'wb'), protocol=4)
p = PCA(n_components=64).fit(data)
p.components_ = p.components_.astype('>f8')
pickle.dump(p, open(os.path.join(out, 'bigendian.pkl'), 'wb'), protocol=4)
pickle.dump({'mean_': p.mean_}, open(os.path.join(out, 'dict.pkl'), 'wb'), protocol=4)
`;

interface Expected {
  readonly sklearn: boolean;
  readonly embeddings: number[][];
  readonly [dtype: string]: unknown;
}

describe('loadClipPca on pickles Python writes', { skip: hasNumpy ? false : `needs ${PYTHON} with numpy (apt-get install python3-numpy)` }, () => {
  let dir = '';
  let expected: Expected;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'prismer-clip-pca-'));
    execFileSync(PYTHON, ['-c', SCRIPT, dir, hasShared ? sharedPca : ''], { stdio: ['ignore', 'ignore', 'pipe'] });
    expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test(`pickled by ${hasSklearn ? 'scikit-learn' : 'a stand-in PCA class (scikit-learn is not installed)'}`, () => {
    assert.equal(expected.sklearn, hasSklearn);
  });

  for (const dtype of ['float64', 'float32']) {
    for (const protocol of [1, 2, 4, 5]) {
      test(`${dtype}, protocol ${protocol}: mean_ and components_ as pickled; applyPca matches NumPy`, async () => {
        const pca = await loadClipPca(join(dir, `pca-${dtype}-p${protocol}.pkl`));
        const want = expected[dtype] as { mean: number[]; components: number[][]; transform: number[][] };
        assert.deepEqual(pca.mean, Float32Array.from(want.mean));
        assert.deepEqual(pca.components, Float32Array.from(want.components.flat()));
        expected.embeddings.forEach((embedding, i) => {
          const got = applyPca(pca, Float32Array.from(embedding));
          const worst = Math.max(...want.transform[i]!.map((v, k) => Math.abs(v - got[k]!)));
          assert.ok(worst < 2e-4, `embedding ${i}: largest difference from NumPy ${worst}`);
        });
      });
    }
  }

  test('the ../shared JSON numbers round-trip through a PCA pickle', { skip: hasShared ? false : `needs ${sharedPca}` }, async () => {
    const fromPickle = await loadClipPca(join(dir, 'shared-p4.pkl'));
    const fromJson = parseClipPca(JSON.parse(await readFile(sharedPca, 'utf8')));
    assert.deepEqual(fromPickle, fromJson);
  });

  test('a pickle naming another global (posix.system) is refused', async () => {
    await assert.rejects(loadClipPca(join(dir, 'evil.pkl')), /evil\.pkl: refused: global posix\.system is not on the allow-list/);
  });

  test('a whitened, wrongly shaped, big-endian PCA or a non-PCA pickle is refused', async () => {
    await assert.rejects(loadClipPca(join(dir, 'whiten.pkl')), /whitened PCA is not supported/);
    await assert.rejects(loadClipPca(join(dir, 'pca32.pkl')), /components_ has shape \[32,768\], expected \[64,768\]/);
    await assert.rejects(loadClipPca(join(dir, 'bigendian.pkl')), /components_ is big-endian/);
    await assert.rejects(loadClipPca(join(dir, 'dict.pkl')), /expected a pickled scikit-learn PCA, found a dict/);
  });
});

describe('parseClipPcaPickle on hand-written pickles', () => {
  test('a global reached by REDUCE outside the allow-list is refused before it is called', () => {
    // PROTO 2; GLOBAL 'posix system'; SHORT_BINUNICODE 'true'; TUPLE1; REDUCE; STOP
    const bytes = Buffer.concat([Buffer.from([0x80, 2]), Buffer.from('cposix\nsystem\n', 'latin1'), Buffer.from([0x8c, 4]), Buffer.from('true'), Buffer.from([0x85, 0x52, 0x2e])]);
    assert.throws(() => parseClipPcaPickle(bytes), /refused: global posix\.system is not on the allow-list/);
  });

  test('numpy.ndarray may only be named, not instantiated, and _reconstruct only builds ndarrays', () => {
    const newobj = Buffer.concat([Buffer.from([0x80, 2]), Buffer.from('cnumpy\nndarray\n', 'latin1'), Buffer.from([0x29, 0x81, 0x2e])]);
    assert.throws(() => parseClipPcaPickle(newobj), /refused: global numpy\.ndarray may not be instantiated/);
    const reconstructObject = Buffer.concat([
      Buffer.from([0x80, 2]), Buffer.from('cnumpy.core.multiarray\n_reconstruct\n', 'latin1'),
      Buffer.from('cbuiltins\nobject\n', 'latin1'), Buffer.from([0x29, 0x86, 0x52, 0x2e]),
    ]);
    assert.throws(() => parseClipPcaPickle(reconstructObject), /_reconstruct: only numpy\.ndarray may be reconstructed/);
  });
});
