// ONNX Runtime sessions for every model the studio runs: opened lazily on first use with the best
// execution provider that works (falling back to CPU with the reason kept), warmed up once, kept under a
// memory budget (least recently used first out) and closed after an idle time so memory is returned.
// The only module that imports onnxruntime-node.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  explainProviderFailure,
  providerOrder,
  type BackendInfo,
  type ProviderInUse,
  type ProviderName,
  type ProviderPreference,
} from './executionProviders.ts';

export type Tensor = ort.Tensor;
export type Feeds = Record<string, ort.Tensor>;
export type Outputs = Record<string, ort.Tensor>;
export const TensorClass = ort.Tensor;

export interface RuntimeOptions {
  readonly provider?: ProviderPreference;
  /** Threads per session for the CPU provider (0: ONNX Runtime's default). */
  readonly intraOpThreads?: number;
  /** Estimated bytes of loaded models above which the least recently used are closed. */
  readonly memoryBudgetBytes?: number;
  /** Close a model not used for this long (ms); 0 keeps models until the budget needs the room. */
  readonly idleUnloadMs?: number;
  readonly platform?: NodeJS.Platform;
  /**
   * Run each model once on zeros right after opening it (symbolic dimensions as 64), so the first real
   * image does not pay ONNX Runtime's first-run cost (2–3× a steady run here). Default true.
   */
  readonly warmUp?: boolean;
  /** Test seam: how sessions are created (defaults to ONNX Runtime). */
  readonly createSession?: (path: string, options: ort.InferenceSession.SessionOptions) => Promise<ort.InferenceSession>;
}

export interface LoadedModelInfo {
  readonly path: string;
  readonly provider: ProviderName;
  readonly fallbackReason: string | null;
  readonly estimatedBytes: number;
  readonly lastUsedAt: number;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Each tensor's shape as the model declares it (a name or null for a free dimension), in order. */
  readonly inputs: readonly TensorShape[];
  readonly outputs: readonly TensorShape[];
}

/** A model input or output: its name and declared dimensions (null: not fixed by the model). */
export interface TensorShape {
  readonly name: string;
  readonly dims: readonly (number | null)[];
}

/** What a session says about its tensors; sessions without metadata (stand-ins in tests) give names only. */
function tensorShapes(names: readonly string[], metadata: readonly ort.InferenceSession.ValueMetadata[] | undefined): TensorShape[] {
  return names.map((name, i) => {
    const meta = metadata?.[i];
    const shape = meta && meta.isTensor ? meta.shape : [];
    return { name, dims: shape.map((d) => (typeof d === 'number' && d > 0 ? d : null)) };
  });
}

interface Loaded {
  readonly session: ort.InferenceSession;
  readonly info: Omit<LoadedModelInfo, 'lastUsedAt'>;
  lastUsedAt: number;
  /** Recency order for the budget (timestamps tie within a millisecond). */
  useOrder: number;
  busy: number;
}

/** Weights dominate a session's memory; ONNX Runtime's arena and activations add roughly a fifth. */
const memoryOverhead = 1.2;

export class ModelRuntime {
  readonly #options: Required<Omit<RuntimeOptions, 'createSession'>> & Pick<RuntimeOptions, 'createSession'>;
  readonly #loaded = new Map<string, Loaded>();
  readonly #loading = new Map<string, Promise<Loaded>>();
  /** Providers that failed once are not tried again in this process. */
  readonly #failedProviders = new Map<ProviderName, string>();
  #idleTimer: NodeJS.Timeout | null = null;
  #uses = 0;

  constructor(options: RuntimeOptions = {}) {
    this.#options = {
      provider: options.provider ?? 'auto',
      intraOpThreads: options.intraOpThreads ?? 0,
      memoryBudgetBytes: options.memoryBudgetBytes ?? 4 * 1024 ** 3,
      idleUnloadMs: options.idleUnloadMs ?? 5 * 60_000,
      warmUp: options.warmUp ?? true,
      platform: options.platform ?? process.platform,
      createSession: options.createSession,
    };
  }

  static backends(): BackendInfo[] {
    return ort.listSupportedBackends();
  }

  /**
   * Why a GPU provider cannot work here before trying it (trying makes ONNX Runtime print an error),
   * or null when it may: CUDA needs its provider library, which onnxruntime-node's optional install
   * step downloads.
   */
  static unavailableReason(provider: ProviderName, platform: NodeJS.Platform = process.platform): string | null {
    if (provider !== 'cuda') return null;
    const binDir = join(dirname(createRequire(import.meta.url).resolve('onnxruntime-node')), '..', 'bin', 'napi-v6', platform, process.arch);
    const library = platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
    return existsSync(join(binDir, library))
      ? null
      : 'CUDA is not available: ONNX Runtime\'s CUDA provider is not installed (reinstall with ONNXRUNTIME_NODE_INSTALL_CUDA=v12 on a machine with an NVIDIA GPU, CUDA 12 and cuDNN 9).';
  }

  /** Runs a model, opening it first if needed. */
  async run(path: string, feeds: Feeds, outputNames?: readonly string[]): Promise<Outputs> {
    const loaded = await this.#get(path);
    loaded.busy++;
    loaded.useOrder = ++this.#uses;
    try {
      return (await (outputNames ? loaded.session.run(feeds, outputNames as string[]) : loaded.session.run(feeds))) as Outputs;
    } finally {
      loaded.busy--;
      loaded.lastUsedAt = Date.now();
    }
  }

  /** Opens a model now (e.g. to check its signature) and reports how it runs. */
  async load(path: string): Promise<LoadedModelInfo> {
    const loaded = await this.#get(path);
    return { ...loaded.info, lastUsedAt: loaded.lastUsedAt };
  }

  loadedModels(): LoadedModelInfo[] {
    return [...this.#loaded.values()].map((l) => ({ ...l.info, lastUsedAt: l.lastUsedAt }));
  }

  /** The provider sessions use now, and why not a better one. */
  providerInUse(): ProviderInUse {
    const order = providerOrder(this.#options.provider, this.#options.platform);
    const reasons: string[] = [];
    for (const provider of order) {
      const failure = this.#failedProviders.get(provider) ?? (this.#options.createSession ? null : ModelRuntime.unavailableReason(provider, this.#options.platform));
      if (!failure) return { provider, fallbackReason: reasons.length ? reasons.join(' ') : null };
      reasons.push(failure);
    }
    return { provider: 'cpu', fallbackReason: reasons.join(' ') || null };
  }

  async unload(path: string): Promise<void> {
    const loaded = this.#loaded.get(path);
    if (!loaded) return;
    this.#loaded.delete(path);
    await loaded.session.release();
  }

  async close(): Promise<void> {
    if (this.#idleTimer) clearInterval(this.#idleTimer);
    this.#idleTimer = null;
    await Promise.all([...this.#loaded.keys()].map((path) => this.unload(path)));
  }

  async #get(path: string): Promise<Loaded> {
    const loaded = this.#loaded.get(path);
    if (loaded) return loaded;
    let pending = this.#loading.get(path);
    if (!pending) {
      pending = this.#open(path).finally(() => this.#loading.delete(path));
      this.#loading.set(path, pending);
    }
    return pending;
  }

  async #open(path: string): Promise<Loaded> {
    const bytes = (await stat(path)).size * memoryOverhead;
    await this.#makeRoom(bytes);
    const create = this.#options.createSession ?? ((p, o) => ort.InferenceSession.create(p, o));
    const order = providerOrder(this.#options.provider, this.#options.platform);
    let lastError: unknown;
    for (const provider of order) {
      if (this.#failedProviders.has(provider)) continue;
      const unavailable = this.#options.createSession ? null : ModelRuntime.unavailableReason(provider, this.#options.platform);
      if (unavailable) {
        this.#failedProviders.set(provider, unavailable);
        continue;
      }
      try {
        const session = await create(path, {
          executionProviders: [provider],
          graphOptimizationLevel: 'all',
          // A GPU provider that cannot start is reported once, in our words, not as an ONNX Runtime error log.
          logSeverityLevel: provider === 'cpu' ? 2 : 4,
          ...(this.#options.intraOpThreads > 0 ? { intraOpNumThreads: this.#options.intraOpThreads } : {}),
        });
        const { fallbackReason } = this.providerInUse();
        const entry: Loaded = {
          session,
          info: {
            path,
            provider,
            fallbackReason,
            estimatedBytes: bytes,
            inputNames: session.inputNames,
            outputNames: session.outputNames,
            inputs: tensorShapes(session.inputNames, session.inputMetadata),
            outputs: tensorShapes(session.outputNames, session.outputMetadata),
          },
          lastUsedAt: Date.now(),
          useOrder: ++this.#uses,
          busy: 0,
        };
        if (this.#options.warmUp) await warmUp(session);
        this.#loaded.set(path, entry);
        this.#startIdleTimer();
        return entry;
      } catch (error) {
        lastError = error;
        if (provider === 'cpu') break;
        this.#failedProviders.set(provider, explainProviderFailure(provider, error, ModelRuntime.backends()));
      }
    }
    throw new ModelLoadError(path, lastError);
  }

  async #makeRoom(bytes: number): Promise<void> {
    const used = () => [...this.#loaded.values()].reduce((n, l) => n + l.info.estimatedBytes, 0);
    const idleFirst = [...this.#loaded.values()].filter((l) => l.busy === 0).sort((a, b) => a.useOrder - b.useOrder);
    for (const candidate of idleFirst) {
      if (used() + bytes <= this.#options.memoryBudgetBytes) break;
      await this.unload(candidate.info.path);
    }
  }

  #startIdleTimer(): void {
    const idle = this.#options.idleUnloadMs;
    if (idle <= 0 || this.#idleTimer) return;
    this.#idleTimer = setInterval(() => void this.#unloadIdle(), Math.max(50, Math.min(idle / 2, 30_000)));
    this.#idleTimer.unref();
  }

  async #unloadIdle(): Promise<void> {
    const now = Date.now();
    for (const loaded of [...this.#loaded.values()]) {
      if (loaded.busy === 0 && now - loaded.lastUsedAt >= this.#options.idleUnloadMs) await this.unload(loaded.info.path);
    }
    if (this.#loaded.size === 0 && this.#idleTimer) {
      clearInterval(this.#idleTimer);
      this.#idleTimer = null;
    }
  }
}

const warmUpTypes = new Set(['float32', 'int64', 'int32', 'uint8', 'bool']);

/** One run on zeros; a model whose inputs cannot be guessed this way simply is not warmed up. */
async function warmUp(session: ort.InferenceSession): Promise<void> {
  const metadata = (session as ort.InferenceSession & { inputMetadata?: { name: string; isTensor: boolean; type: string; shape: (number | string)[] }[] }).inputMetadata;
  if (!metadata?.every((m) => m.isTensor && warmUpTypes.has(m.type))) return;
  const feeds: Feeds = {};
  for (const input of metadata) {
    const dims = input.shape.map((d) => (typeof d === 'number' && d > 0 ? d : 64));
    const size = dims.reduce((a, b) => a * b, 1);
    if (size > 64 * 1024 * 1024) return;
    const data =
      input.type === 'float32' ? new Float32Array(size) : input.type === 'int64' ? new BigInt64Array(size) : input.type === 'int32' ? new Int32Array(size) : new Uint8Array(size);
    feeds[input.name] = new ort.Tensor(input.type as 'float32', data as Float32Array, dims);
  }
  await session.run(feeds).catch(() => undefined);
}

/** A model file that ONNX Runtime cannot open: not ONNX, truncated, or an unsupported opset. */
export class ModelLoadError extends Error {
  constructor(path: string, cause: unknown) {
    const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0];
    super(`The model file ${path} could not be opened by ONNX Runtime (${detail}). It may be damaged or not an ONNX model; download or import it again.`, { cause });
    this.name = 'ModelLoadError';
  }
}
