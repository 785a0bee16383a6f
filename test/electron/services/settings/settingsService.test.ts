// Specification of settings: defaults, validation, persistence, and tolerance of stale stored values.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../../../db/open.ts';
import { writeSetting } from '../../../../db/queries/settings.ts';
import { settingsDefaults } from '../../../../electron/api/settings.ts';
import { EventBus } from '../../../../electron/services/eventBus.ts';
import { SettingsService } from '../../../../electron/services/settings/settingsService.ts';
import { tempDir } from '../../../helpers/tempDir.ts';

describe('settings', () => {
  test('start from the defaults, persist changes, and announce them', (t) => {
    const file = join(tempDir(t), 'a.db');
    const db = openDatabase(file);
    const bus = new EventBus();
    const seen: unknown[] = [];
    bus.on('settings.changed', (s) => seen.push(s));
    const settings = new SettingsService(db, bus);
    assert.deepEqual(settings.get(), settingsDefaults);
    settings.set({ theme: 'light' });
    settings.set({ thumbnailSize: 240 });
    assert.equal(seen.length, 2);
    db.close();
    const reopened = openDatabase(file);
    t.after(() => reopened.close());
    assert.deepEqual(new SettingsService(reopened, new EventBus()).get(), { ...settingsDefaults, theme: 'light', thumbnailSize: 240 });
  });

  test('refuse invalid values and ignore stale or unknown stored ones', (t) => {
    const db = openDatabase(join(tempDir(t), 'a.db'));
    t.after(() => db.close());
    writeSetting(db, 'thumbnailSize', 'huge');
    writeSetting(db, 'removedSetting', true);
    writeSetting(db, 'scanConcurrency', 2);
    const settings = new SettingsService(db, new EventBus());
    assert.equal(settings.get().thumbnailSize, settingsDefaults.thumbnailSize);
    assert.equal(settings.get().scanConcurrency, 2);
    assert.throws(() => settings.set({ scanConcurrency: 99 }));
    assert.equal(settings.get().scanConcurrency, 2);
  });
});
