// The import rules that keep the processes apart (docs/architecture.md), checked over the sources:
// `electron` only in the shell's two files, better-sqlite3 only in db/, onnxruntime-node only in the
// runtime, db/ and native-models/ import nothing of ours, the renderer only types from electron/api.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../electron/packageRoot.ts';

interface ImportRef {
  readonly file: string; // relative to the project root, with '/'
  readonly specifier: string;
  readonly typeOnly: boolean;
  /** For relative specifiers: the target, relative to the project root. */
  readonly target: string | null;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(packageRoot, dir))) {
    const path = join(dir, entry);
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    if (statSync(join(packageRoot, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|mts|js|svelte)$/.test(entry)) out.push(path.split(sep).join('/'));
  }
  return out;
}

function imports(file: string): ImportRef[] {
  const text = readFileSync(join(packageRoot, file), 'utf8');
  const refs: ImportRef[] = [];
  const patterns = [
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?\sfrom\s+['"]([^'"]+)['"]/g,
    /(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const [index, pattern] of patterns.entries()) {
    for (const match of text.matchAll(pattern)) {
      const specifier = index === 0 ? match[3]! : match[1]!;
      const typeOnly = index === 0 && Boolean(match[2]);
      const target = specifier.startsWith('.') ? relative(packageRoot, resolve(packageRoot, dirname(file), specifier)).split(sep).join('/') : null;
      refs.push({ file, specifier, typeOnly, target });
    }
  }
  return refs;
}

const all = ['electron', 'db', 'native-models', 'renderer/src', 'scripts', 'bin'].flatMap((dir) => {
  try {
    return sources(dir);
  } catch {
    return [];
  }
}).flatMap(imports);

function offenders(predicate: (ref: ImportRef) => boolean): string[] {
  return all.filter(predicate).map((r) => `${r.file} imports ${r.specifier}`);
}

describe('layering', () => {
  test('sees the sources it checks', () => {
    assert.ok(all.length > 50, `${all.length} imports found`);
  });

  test('only electron/main.ts and electron/preload.ts import electron', () => {
    assert.deepEqual(offenders((r) => r.specifier === 'electron' && !['electron/main.ts', 'electron/preload.ts'].includes(r.file)), []);
  });

  test('only db/ imports better-sqlite3 (type imports aside)', () => {
    assert.deepEqual(offenders((r) => r.specifier === 'better-sqlite3' && !r.typeOnly && !r.file.startsWith('db/')), []);
  });

  test('only native-models/runtime imports onnxruntime-node', () => {
    assert.deepEqual(offenders((r) => r.specifier.startsWith('onnxruntime') && !r.file.startsWith('native-models/runtime/')), []);
  });

  test('db/ and native-models/ import nothing of ours from outside themselves', () => {
    for (const layer of ['db/', 'native-models/']) {
      assert.deepEqual(offenders((r) => r.file.startsWith(layer) && r.target !== null && !r.target.startsWith(layer)), [], layer);
    }
  });

  test('the renderer imports only types, and only from electron/api', () => {
    assert.deepEqual(
      offenders((r) => r.file.startsWith('renderer/') && r.target !== null && !r.target.startsWith('renderer/') && !(r.typeOnly && r.target.startsWith('electron/api/'))),
      [],
    );
    assert.deepEqual(
      offenders((r) => r.file.startsWith('renderer/') && r.target === null && !/^(svelte|svelte\/.*)$/.test(r.specifier)),
      [],
      'the renderer uses no Node or npm modules but Svelte',
    );
  });
});
