// Softmax, log-softmax and arg-max over one row of logits, in float64 (PyTorch works in float32, so
// scores agree to ~1e-6 relative, not bit for bit). -Infinity logits are allowed and get probability 0.

export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  if (max === -Infinity || Number.isNaN(max)) throw new RangeError('logits have no finite maximum');
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const logSum = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i]! - logSum;
  return out;
}

export function softmax(logits: ArrayLike<number>): Float64Array {
  const out = logSoftmax(logits);
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(out[i]!);
  return out;
}

/** Index of the largest value, the first one on ties (as torch.argmax in practice). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
