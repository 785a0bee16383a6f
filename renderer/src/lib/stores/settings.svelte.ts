// The user's settings as main holds them: loaded once, replaced on `settings.changed`, written through
// `settings.set`. Slider-style edits apply at once on screen and are written after a short pause.
import { errorMessage } from '../api/remote-error.ts';
import type { Settings, StudioClient } from '../api/types.ts';
import { debounce } from '../utils/debounce.ts';

/** Shown until main answers; the same defaults as electron/api/settings.ts. */
const fallback: Settings = {
  theme: 'dark',
  thumbnailSize: 180,
  generateThumbnails: true,
  scanConcurrency: 4,
  executionProvider: 'auto',
  inferenceThreads: 0,
  modelMemoryBudgetMB: 4096,
  modelIdleMinutes: 5,
};

export class SettingsStore {
  readonly #client: StudioClient;
  value = $state<Settings>(fallback);
  loaded = $state(false);
  error = $state<string | null>(null);
  #unsaved: Partial<Settings> = {};
  readonly #saveSoon = debounce(() => void this.#save(), 300);

  constructor(client: StudioClient) {
    this.#client = client;
  }

  listen(): () => void {
    return this.#client.on('settings.changed', (settings) => {
      this.value = { ...settings, ...this.#unsaved };
    });
  }

  async load(): Promise<void> {
    try {
      this.value = await this.#client.invoke('settings.get', {});
      this.loaded = true;
      this.error = null;
    } catch (error) {
      this.error = `Could not read the settings: ${errorMessage(error)}`;
    }
  }

  /**
   * Applies at once and saves immediately (toggles, selects; the promise settles when main has it) or
   * after a pause (sliders). Only the changed keys are sent.
   */
  update(changes: Partial<Settings>, { soon = false } = {}): Promise<void> {
    this.value = { ...this.value, ...changes };
    this.#unsaved = { ...this.#unsaved, ...changes };
    if (soon) {
      this.#saveSoon();
      return Promise.resolve();
    }
    this.#saveSoon.cancel();
    return this.#save();
  }

  async #save(): Promise<void> {
    const changes = this.#unsaved;
    this.#unsaved = {};
    if (Object.keys(changes).length === 0) return;
    try {
      this.value = { ...(await this.#client.invoke('settings.set', { changes })), ...this.#unsaved };
      this.error = null;
    } catch (error) {
      this.error = `The setting was not saved: ${errorMessage(error)}`;
      await this.load();
    }
  }
}
