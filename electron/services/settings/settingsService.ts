// Reads and writes settings: defaults come from the contract's schema, the database stores values the
// user set, and a change is announced to every window.
import type { StudioDb } from '../../../db/open.ts';
import { readSettings, writeSetting } from '../../../db/queries/settings.ts';
import { settingsDefaults, settingsSchema, type Settings } from '../../api/settings.ts';
import type { EventBus } from '../eventBus.ts';

export class SettingsService {
  readonly #db: StudioDb;
  readonly #bus: EventBus;
  #current: Settings;

  constructor(db: StudioDb, bus: EventBus) {
    this.#db = db;
    this.#bus = bus;
    this.#current = this.#load();
  }

  get(): Settings {
    return this.#current;
  }

  set(changes: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.#current, ...changes });
    this.#db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) writeSetting(this.#db, key, value);
      }
    })();
    this.#current = next;
    this.#bus.emit('settings.changed', next);
    return next;
  }

  #load(): Settings {
    const stored = readSettings(this.#db);
    const settings: Record<string, unknown> = { ...settingsDefaults };
    // A value another version wrote that no longer validates falls back to its default.
    for (const [key, value] of Object.entries(stored)) {
      if (key in settingsSchema.shape && settingsSchema.partial().safeParse({ [key]: value }).success) settings[key] = value;
    }
    return settingsSchema.parse(settings);
  }
}
