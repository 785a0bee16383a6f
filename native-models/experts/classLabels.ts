// Class names of a model, read from the Hugging Face `config.json` that accompanies its ONNX file
// (`id2label`), so a model's vocabulary always matches its outputs. The parsed file is kept per path
// (and re-read when the file changes), since seg and det post-process every image with it.
import { readFileSync, statSync } from 'node:fs';

const parsed = new Map<string, { readonly stamp: string; readonly id2label: Record<string, string> | undefined }>();

function id2labelOf(configPath: string): Record<string, string> | undefined {
  const { mtimeMs, size } = statSync(configPath);
  const stamp = `${mtimeMs}:${size}`;
  const cached = parsed.get(configPath);
  if (cached?.stamp === stamp) return cached.id2label;
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as { id2label?: Record<string, string> };
  parsed.set(configPath, { stamp, id2label: config.id2label });
  return config.id2label;
}

export function readClassLabels(configPath: string | undefined, expected: number): string[] {
  if (!configPath) return Array.from({ length: expected }, (_, i) => `class ${i}`);
  const id2label = id2labelOf(configPath);
  return Array.from({ length: expected }, (_, i) => id2label?.[String(i)] ?? `class ${i}`);
}
