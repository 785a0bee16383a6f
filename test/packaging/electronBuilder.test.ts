// Specification of the packaging configuration (package.json "build"), checked with electron-builder's
// own schema validator: it cannot package here (that downloads Electron), but its configuration can be
// proven valid, and the native modules must be unpacked from the asar archive to load.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { packageRoot } from '../../electron/packageRoot.ts';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  main: string;
  build: { asarUnpack: string[]; files: string[]; linux: { target: string[] }; win: { target: string[] }; mac: { target: string[] } };
};

describe('electron-builder configuration', () => {
  test('passes electron-builder\'s schema', () => {
    const schemePath = join(packageRoot, 'node_modules', 'app-builder-lib', 'scheme.json');
    const { validateSchema } = require(join(packageRoot, 'node_modules', 'app-builder-lib', 'out', 'util', 'config', 'schemaValidator.js')) as {
      validateSchema: (schema: unknown, data: unknown) => void;
    };
    assert.doesNotThrow(() => validateSchema(JSON.parse(readFileSync(schemePath, 'utf8')), pkg.build));
    assert.throws(() => validateSchema(JSON.parse(readFileSync(schemePath, 'utf8')), { ...pkg.build, notAnOption: 1 }), /notAnOption/);
  });

  test('builds AppImage and deb, nsis and dmg', () => {
    assert.deepEqual(pkg.build.linux.target, ['AppImage', 'deb']);
    assert.deepEqual(pkg.build.win.target, ['nsis']);
    assert.deepEqual(pkg.build.mac.target, ['dmg']);
  });

  test('unpacks every native module from the asar archive', () => {
    for (const module of ['better-sqlite3', 'onnxruntime-node', 'sharp', '@img']) {
      assert.ok(
        pkg.build.asarUnpack.some((pattern) => pattern.startsWith(`node_modules/${module}/`)),
        `${module} is unpacked`,
      );
    }
  });

  test('ships the compiled main process, preload and renderer the shell loads', () => {
    assert.equal(pkg.main, 'dist/electron/main.js');
    assert.ok(pkg.build.files.includes('dist/**/*'));
    const main = readFileSync(join(packageRoot, 'electron', 'main.ts'), 'utf8');
    assert.match(main, /'dist', 'preload', 'preload\.js'/);
  });
});
