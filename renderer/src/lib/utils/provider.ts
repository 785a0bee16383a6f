// The execution provider the experts run on, for the status bar: short ("CPU — CUDA is not available:
// …") with the whole reason kept for the tooltip.

const providerNames: Readonly<Record<string, string>> = {
  cuda: 'CUDA (GPU)',
  dml: 'DirectML (GPU)',
  coreml: 'CoreML',
  webgpu: 'WebGPU',
  cpu: 'CPU',
};

export interface ProviderText {
  readonly short: string;
  readonly full: string;
}

export function formatProvider(provider: { provider: string; fallbackReason: string | null }, maxReason = 28): ProviderText {
  const name = providerNames[provider.provider] ?? provider.provider;
  const reason = provider.fallbackReason?.trim() ?? '';
  if (!reason) return { short: name, full: `Experts run on ${name}.` };
  // Keep the reason's first clause ("CUDA is not available") and elide the rest.
  const colon = reason.indexOf(':');
  const head = colon > 0 && colon <= maxReason ? reason.slice(0, colon + 1) : reason.length > maxReason ? reason.slice(0, maxReason + 1).replace(/\s+\S*$/, '') : reason;
  const short = head === reason ? `${name} — ${reason}` : `${name} — ${head} …`;
  return { short, full: `Experts run on ${name}. ${reason}` };
}
