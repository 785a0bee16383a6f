import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatProvider } from '../../../renderer/src/lib/utils/provider.ts';

test('the provider in the status bar: short, with the whole reason for the tooltip', () => {
  const reason = "CUDA is not available: ONNX Runtime's CUDA provider is not installed (reinstall with ONNXRUNTIME_NODE_INSTALL_CUDA=v12).";
  const text = formatProvider({ provider: 'cpu', fallbackReason: reason });
  assert.equal(text.short, 'CPU — CUDA is not available: …');
  assert.equal(text.full, `Experts run on CPU. ${reason}`);
  assert.deepEqual(formatProvider({ provider: 'cuda', fallbackReason: null }), { short: 'CUDA (GPU)', full: 'Experts run on CUDA (GPU).' });
  assert.equal(formatProvider({ provider: 'cpu', fallbackReason: 'No GPU.' }).short, 'CPU — No GPU.');
  assert.equal(formatProvider({ provider: 'cpu', fallbackReason: 'A very long reason without any colon in it at all' }).short, 'CPU — A very long reason without …');
  assert.equal(formatProvider({ provider: 'npu', fallbackReason: null }).short, 'npu');
});
