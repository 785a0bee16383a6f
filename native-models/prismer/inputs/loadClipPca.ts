// Reads the official OCR PCA (`dataset/clip_pca.pkl`, a pickled scikit-learn PCA) with the restricted
// unpickler: the PCA class is an inert record whose BUILD state (its __dict__) is captured, NumPy arrays
// are records (../checkpoint/numpyPickle.ts), and only `mean_` (768) and `components_` (64 × 768) are
// taken; a whitened PCA, other shapes or dtypes, and any global beyond these are refused.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { ndarrayToFloat32, numpyGlobals } from '../checkpoint/numpyPickle.ts';
import { PickleGlobal, unpickle, type AllowedGlobal } from '../checkpoint/restrictedUnpickler.ts';
import { CLIP_TEXT_DIM, type ClipPca } from './clipPca.ts';
import { FEATURE_DIM } from './labelTables.ts';

const PCA_CLASSES = ['sklearn.decomposition._pca.PCA', 'sklearn.decomposition.pca.PCA'];

interface PcaRecord {
  readonly kind: 'sklearn-pca';
  state: ReadonlyMap<unknown, unknown> | undefined;
}

const newPca = (): PcaRecord => ({ kind: 'sklearn-pca', state: undefined });

function setPcaState(target: unknown, state: unknown): unknown {
  if ((target as PcaRecord | null)?.kind !== 'sklearn-pca') throw new Error('BUILD on something that is not the PCA');
  if (!(state instanceof Map)) throw new Error('the PCA state is not a dict');
  (target as PcaRecord).state = state;
  return target;
}

const pcaClass: AllowedGlobal = { construct: (args) => (args.length === 0 ? newPca() : fail('the PCA is constructed with arguments')), setState: setPcaState };

function fail(message: string): never {
  throw new Error(message);
}

/** `copyreg._reconstructor(PCA, object, None)`, as protocols 0–1 write `object.__new__(PCA)`. */
const reconstructor: AllowedGlobal = {
  call(args) {
    const [cls, base, state] = args;
    if (!(cls instanceof PickleGlobal) || !PCA_CLASSES.includes(cls.dotted)) fail('copyreg._reconstructor: only the PCA class may be reconstructed');
    if (!(base instanceof PickleGlobal) || (base.dotted !== 'builtins.object' && base.dotted !== '__builtin__.object') || state !== null) fail('copyreg._reconstructor: only a plain object base is allowed');
    return newPca();
  },
  setState: setPcaState,
};

/** Only what a pickled PCA's numeric state needs. */
export const clipPcaGlobals: ReadonlyMap<string, AllowedGlobal> = new Map<string, AllowedGlobal>([
  ...PCA_CLASSES.map((name): [string, AllowedGlobal] => [name, pcaClass]),
  ['copyreg._reconstructor', reconstructor],
  ['copy_reg._reconstructor', reconstructor],
  ['builtins.object', {}],
  ['__builtin__.object', {}],
  ...numpyGlobals,
]);

/** Interprets pickle bytes; `label` names the file in errors. */
export function parseClipPcaPickle(bytes: Uint8Array, label = 'clip_pca.pkl'): ClipPca {
  const root = unpickle(bytes, { globals: clipPcaGlobals, label });
  if ((root as PcaRecord | null)?.kind !== 'sklearn-pca' || !(root as PcaRecord).state) {
    throw new Error(`${label}: expected a pickled scikit-learn PCA, found ${root instanceof Map ? 'a dict' : Array.isArray(root) ? 'a list' : typeof root}`);
  }
  const state = (root as PcaRecord).state!;
  if (state.get('whiten') === true) throw new Error(`${label}: a whitened PCA is not supported (Prismer's is not whitened)`);
  const mean = ndarrayToFloat32(state.get('mean_'), `${label}: mean_`);
  const components = ndarrayToFloat32(state.get('components_'), `${label}: components_`);
  if (mean.values.length !== CLIP_TEXT_DIM || mean.shape.length !== 1) throw new Error(`${label}: mean_ has shape [${mean.shape.join(',')}], expected [${CLIP_TEXT_DIM}]`);
  if (components.shape.length !== 2 || components.shape[0] !== FEATURE_DIM || components.shape[1] !== CLIP_TEXT_DIM) {
    throw new Error(`${label}: components_ has shape [${components.shape.join(',')}], expected [${FEATURE_DIM},${CLIP_TEXT_DIM}]`);
  }
  for (const [name, values] of [['mean_', mean.values], ['components_', components.values]] as const) {
    if (values.some((x) => !Number.isFinite(x))) throw new Error(`${label}: ${name} has a value that is not finite`);
  }
  return { mean: mean.values, components: components.values };
}

export async function loadClipPca(path: string): Promise<ClipPca> {
  return parseClipPcaPickle(await readFile(path), basename(path));
}
