// Class names a user's model comes with, from wherever they are: a labels file given with the import (one
// name per line as darknet's .names, a JSON list, or a Hugging Face config's id2label), or the ONNX file's
// own metadata (Ultralytics' `names` — a Python dict literal — or a JSON `labels` / `classes` / `id2label`).

/** Names from a JSON value: a list, {id2label: {…}}, {names: […]} or an index → name object. */
function fromJson(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? (value as string[]) : null;
  if (!value || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  for (const key of ['id2label', 'names', 'labels', 'classes']) {
    if (key in record) return fromJson(record[key]);
  }
  return fromIndexed(Object.entries(record));
}

/** `{0: 'a', 1: 'b'}`-style pairs → names in index order, when the indices are exactly 0…n−1. */
function fromIndexed(entries: readonly (readonly [string, unknown])[]): string[] | null {
  if (entries.length === 0) return null;
  const names: string[] = [];
  for (const [key, name] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || typeof name !== 'string') return null;
    names[index] = name;
  }
  return names.length === entries.length && names.every((n) => typeof n === 'string') ? names : null;
}

/** A Python dict literal of index → quoted name, as Ultralytics writes `names`. */
function fromPythonDict(text: string): string[] | null {
  const pairs = [...text.matchAll(/(\d+)\s*:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g)].map((m) => [m[1]!, (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1')] as const);
  return fromIndexed(pairs);
}

/** Class names in a labels file's text; null when it holds none. */
export function parseLabelsText(text: string): string[] | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      return fromJson(JSON.parse(trimmed));
    } catch {
      return trimmed.startsWith('{') ? fromPythonDict(trimmed) : null;
    }
  }
  return trimmed
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Class names in an ONNX file's metadata, or null. */
export function labelsFromMetadata(metadata: Readonly<Record<string, string>>): string[] | null {
  for (const key of ['names', 'labels', 'classes', 'id2label', 'class_names']) {
    const value = metadata[key];
    if (value === undefined) continue;
    const names = parseLabelsText(value.trim().startsWith('{') || value.trim().startsWith('[') ? value : JSON.stringify(value.split(',').map((s) => s.trim())));
    if (names && names.length > 0) return names;
  }
  return null;
}
