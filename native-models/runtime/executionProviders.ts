// Which ONNX Runtime execution provider to try on this machine, in order, and why a GPU is not used when
// it is not: the first complaint of users of other tools is a GPU silently left idle, so the reason is
// always recorded and shown.
export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

export type ProviderPreference = 'auto' | ProviderName;

export interface ProviderChoice {
  /** Providers to try, best first; 'cpu' is always last. */
  readonly order: ProviderName[];
}

export interface ProviderInUse {
  readonly provider: ProviderName;
  /** Why not a better one (null when the first choice works). */
  readonly fallbackReason: string | null;
}

/** What the onnxruntime-node binding reports it can load here. */
export interface BackendInfo {
  readonly name: string;
  readonly bundled: boolean;
}

export function providerOrder(preference: ProviderPreference, platform: NodeJS.Platform): ProviderName[] {
  if (preference !== 'auto') return preference === 'cpu' ? ['cpu'] : [preference, 'cpu'];
  switch (platform) {
    case 'win32':
      return ['cuda', 'dml', 'cpu'];
    case 'darwin':
      return ['coreml', 'cpu'];
    default:
      return ['cuda', 'cpu'];
  }
}

/** A sentence for the UI: what runs and, if not the GPU, why. */
export function describeProvider(inUse: ProviderInUse): string {
  const names: Record<ProviderName, string> = { cuda: 'CUDA (GPU)', dml: 'DirectML (GPU)', coreml: 'CoreML', webgpu: 'WebGPU', cpu: 'CPU' };
  return inUse.fallbackReason ? `${names[inUse.provider]} — ${inUse.fallbackReason}` : names[inUse.provider];
}

/** Explains an execution provider's failure to start in terms a user can act on. */
export function explainProviderFailure(provider: ProviderName, error: unknown, backends: readonly BackendInfo[]): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  const known = backends.find((b) => b.name === provider);
  if (provider === 'cuda') {
    if (known && !known.bundled) {
      return `CUDA is not available: the CUDA libraries for ONNX Runtime are not installed (${message}). Install the CUDA 12 runtime and cuDNN 9, or reinstall with ONNXRUNTIME_NODE_INSTALL_CUDA=v12.`;
    }
    return `CUDA could not start (${message}).`;
  }
  if (provider === 'dml') return `DirectML could not start (${message}).`;
  if (provider === 'coreml') return `CoreML could not start (${message}).`;
  return `${provider} could not start (${message}).`;
}
