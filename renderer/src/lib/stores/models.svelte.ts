// The model catalog with each model's state (`models.list`), and the actions on it: install (after the
// licence was shown and, where non-commercial, accepted), remove, import a local ONNX file. Refetched
// (debounced) when a 'model-install' job changes state — its byte progress in between comes from the
// jobs store — and after every action. Tells the studio when the set of installed models changed, so
// the experts' plan is asked again.
import { SvelteSet } from 'svelte/reactivity';
import { errorMessage } from '../api/remote-error.ts';
import type { JobInfo, JobState, MethodParams, ModelFamilyInfo, ModelInfo, ModelTask, StudioClient } from '../api/types.ts';
import { debounce } from '../utils/debounce.ts';

export const modelInstallKind = 'model-install';

function installedIds(models: readonly ModelInfo[]): string {
  return models
    .filter((m) => m.status === 'installed')
    .map((m) => m.id)
    .sort()
    .join('\n');
}

export class ModelsStore {
  readonly #client: StudioClient;
  readonly #onInstalledChange: () => void;
  models = $state.raw<ModelInfo[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** The last failed action per model id (install, remove), shown on its row. */
  rowErrors = $state.raw<ReadonlyMap<string, string>>(new Map());
  /** Model ids with an install or remove call in flight. */
  readonly pending = new SvelteSet<string>();
  #jobStates = new Map<number, JobState>();
  #families: Promise<ModelFamilyInfo[]> | null = null;
  #request = 0;
  readonly #refreshSoon = debounce(() => void this.refresh(), 300);

  constructor(client: StudioClient, onInstalledChange: () => void = () => {}) {
    this.#client = client;
    this.#onInstalledChange = onInstalledChange;
  }

  listen(): () => void {
    const off = this.#client.on('jobs.progress', (job) => this.#onJob(job));
    return () => {
      off();
      this.#refreshSoon.cancel();
    };
  }

  async refresh(): Promise<void> {
    const request = ++this.#request;
    try {
      const models = await this.#client.invoke('models.list', {});
      if (request !== this.#request) return;
      const changed = this.loaded && installedIds(models) !== installedIds(this.models);
      this.models = models;
      this.loaded = true;
      this.error = null;
      if (changed) this.#onInstalledChange();
    } catch (error) {
      if (request !== this.#request) return;
      this.error = `The model list could not be read: ${errorMessage(error)}`;
    }
  }

  byId(id: string): ModelInfo | null {
    return this.models.find((m) => m.id === id) ?? null;
  }

  /** Starts a download; the caller has shown the licence (and had a non-commercial one accepted). */
  async install(id: string): Promise<boolean> {
    this.pending.add(id);
    this.#setRowError(id, null);
    try {
      const { model } = await this.#client.invoke('models.install', { id, acceptLicence: true });
      this.#replace(model);
      return true;
    } catch (error) {
      this.#setRowError(id, `Could not start the download: ${errorMessage(error)}`);
      return false;
    } finally {
      this.pending.delete(id);
      this.#refreshSoon();
    }
  }

  /** Queues several downloads, one call each (the jobs run one after another in main). */
  async installAll(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.install(id);
  }

  async remove(id: string): Promise<boolean> {
    this.pending.add(id);
    this.#setRowError(id, null);
    try {
      const { model } = await this.#client.invoke('models.remove', { id });
      if (model) this.#replace(model);
      else this.models = this.models.filter((m) => m.id !== id);
      return true;
    } catch (error) {
      this.#setRowError(id, `Could not remove it: ${errorMessage(error)}`);
      return false;
    } finally {
      this.pending.delete(id);
      await this.refresh();
    }
  }

  /** The families a user's network can be of; fetched once, when the import form first needs them. */
  async families(): Promise<ModelFamilyInfo[]> {
    this.#families ??= this.#client.invoke('models.families', {});
    return this.#families;
  }

  /**
   * Imports a local ONNX file for a task (an expert's task takes a family, recognised when not given, and
   * a labels file); throws main's error (said verbatim by the form).
   */
  async importFile(path: string, task: string, options: Pick<MethodParams<'models.import'>, 'family' | 'labels'> = {}): Promise<ModelInfo> {
    const model = await this.#client.invoke('models.import', { path, task, ...(options.family ? { family: options.family } : {}), ...(options.labels ? { labels: options.labels } : {}) });
    await this.refresh();
    return model;
  }

  #replace(model: ModelInfo): void {
    const index = this.models.findIndex((m) => m.id === model.id);
    this.models = index < 0 ? [...this.models, model] : this.models.with(index, model);
  }

  #setRowError(id: string, message: string | null): void {
    if (message === null && !this.rowErrors.has(id)) return;
    const next = new Map(this.rowErrors);
    if (message === null) next.delete(id);
    else next.set(id, message);
    this.rowErrors = next;
  }

  #onJob(job: JobInfo): void {
    if (job.kind !== modelInstallKind) return;
    // Byte progress needs no refetch; a change of state (queued → running → done/failed/cancelled) does.
    if (this.#jobStates.get(job.id) === job.state) return;
    this.#jobStates.set(job.id, job.state);
    this.#refreshSoon();
  }
}
