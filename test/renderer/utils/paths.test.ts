import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAbsolutePath } from '../../../renderer/src/lib/utils/paths.ts';

test('absolute paths on POSIX and Windows', () => {
  for (const p of ['/home/me', 'C:\\Users\\me', 'd:/photos', '\\\\server\\share']) assert.ok(isAbsolutePath(p), p);
  for (const p of ['photos', './photos', '~/photos', 'C:photos', '']) assert.ok(!isAbsolutePath(p), p);
});
