// Class names of a model, read from the Hugging Face `config.json` that accompanies its ONNX file
// (`id2label`), so a model's vocabulary always matches its outputs.
import { readFileSync } from 'node:fs';

export function readClassLabels(configPath: string | undefined, expected: number): string[] {
  if (!configPath) return Array.from({ length: expected }, (_, i) => `class ${i}`);
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as { id2label?: Record<string, string> };
  const labels = Array.from({ length: expected }, (_, i) => config.id2label?.[String(i)] ?? `class ${i}`);
  return labels;
}
