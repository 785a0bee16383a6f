// Specification of where the library lives on each platform.
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { dataPaths, defaultDataDir } from '../../electron/dataDir.ts';

describe('data folder', () => {
  test('PRISMER_STUDIO_HOME wins everywhere', () => {
    assert.equal(defaultDataDir({ PRISMER_STUDIO_HOME: '/srv/studio' }, 'linux'), '/srv/studio');
  });

  test('follows each platform\'s user data convention', () => {
    assert.equal(defaultDataDir({}, 'linux'), join(homedir(), '.config', 'Prismer Studio'));
    assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux'), join('/x', 'Prismer Studio'));
    assert.equal(defaultDataDir({}, 'darwin'), join(homedir(), 'Library', 'Application Support', 'Prismer Studio'));
    assert.equal(defaultDataDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32'), join('C:\\Users\\me\\AppData\\Roaming', 'Prismer Studio'));
  });

  test('keeps the database and caches inside it unless told otherwise', () => {
    assert.deepEqual(dataPaths('/d'), {
      dataDir: '/d',
      database: '/d/library.db',
      thumbnails: '/d/cache/thumbnails',
      previews: '/d/cache/previews',
      maps: '/d/cache/maps',
    });
    assert.equal(dataPaths('/d', '/elsewhere/x.db').database, '/elsewhere/x.db');
  });
});
