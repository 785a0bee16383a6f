// The experts as the map viewer sees them: which implementation each would use and the execution
// provider (`experts.status`), the stored outputs of the photo on screen (`experts.forImage`), their
// label maps (loaded once, downscaled, a few photos kept), and running the experts as a job. Outputs and
// status are refetched when an experts job finishes (and, debounced, while one runs).
import { SvelteMap } from 'svelte/reactivity';
import { errorMessage } from '../api/remote-error.ts';
import type { ExpertName, ExpertPlanEntry, ExpertStatus, JobInfo, StoredExpertOutput, StudioClient } from '../api/types.ts';
import { loadMap } from '../maps/loadMap.ts';
import type { MapData } from '../maps/mapData.ts';
import { debounce } from '../utils/debounce.ts';

export type MapEntry =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly data: MapData }
  | { readonly status: 'error'; readonly message: string };

/** What one expert layer has to show for the current photo. */
export type LayerState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'missing'; readonly reason: string }
  | { readonly kind: 'not-run'; readonly plan: ExpertPlanEntry | null }
  | { readonly kind: 'output'; readonly output: StoredExpertOutput; readonly map: MapEntry | null };

const terminal: readonly JobInfo['state'][] = ['done', 'failed', 'cancelled'];
/** Maps kept in memory (each at most 2048 px on the long side): the current photo and the last few. */
const maxKeptMaps = 18;

function channelsOf(expert: ExpertName): 1 | 3 {
  return expert === 'normal' ? 3 : 1;
}

function smoothOf(expert: ExpertName): boolean {
  return expert === 'depth' || expert === 'normal' || expert === 'edge';
}

export class ExpertsStore {
  readonly #client: StudioClient;
  readonly #mediaBase: () => string;

  status = $state.raw<ExpertStatus | null>(null);
  imageId = $state<number | null>(null);
  outputs = $state.raw<StoredExpertOutput[] | null>(null);
  error = $state<string | null>(null);
  /** The experts job last started from this window, as its progress events describe it. */
  job = $state.raw<JobInfo | null>(null);
  /** Image ids of that job (to know whether the photo on screen is in it). */
  jobImages = $state.raw<readonly number[]>([]);
  runError = $state<string | null>(null);
  readonly maps = new SvelteMap<string, MapEntry>();
  #request = 0;
  readonly #refreshSoon = debounce(() => void this.refresh(), 1200);

  constructor(client: StudioClient, mediaBase: () => string) {
    this.#client = client;
    this.#mediaBase = mediaBase;
  }

  listen(): () => void {
    const off = this.#client.on('jobs.progress', (job) => this.#onJob(job));
    return () => {
      off();
      this.#refreshSoon.cancel();
    };
  }

  async loadStatus(): Promise<void> {
    try {
      this.status = await this.#client.invoke('experts.status', {});
    } catch {
      // An older main without the experts domain: the viewer says what it can without the plan.
    }
  }

  /** Shows another photo's outputs (keeps the previous ones until the new answer arrives). */
  show(imageId: number | null): void {
    if (imageId === this.imageId) return;
    this.imageId = imageId;
    this.outputs = null;
    this.error = null;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const imageId = this.imageId;
    const request = ++this.#request;
    if (imageId === null) return;
    try {
      const outputs = await this.#client.invoke('experts.forImage', { imageId });
      if (request !== this.#request) return;
      this.outputs = outputs;
      this.error = null;
    } catch (error) {
      if (request !== this.#request) return;
      this.error = `The experts' results could not be read: ${errorMessage(error)}`;
    }
  }

  planFor(expert: ExpertName): ExpertPlanEntry | null {
    return this.status?.plan.find((p) => p.expert === expert) ?? null;
  }

  outputFor(expert: ExpertName): StoredExpertOutput | null {
    return this.outputs?.find((o) => o.expert === expert) ?? null;
  }

  layerState(expert: ExpertName): LayerState {
    const output = this.outputFor(expert);
    if (output) return { kind: 'output', output, map: output.mapPath ? (this.maps.get(this.#key(output)) ?? { status: 'loading' }) : null };
    const plan = this.planFor(expert);
    if (plan?.missing) return { kind: 'missing', reason: plan.missing };
    if (this.outputs === null) return { kind: 'loading' };
    return { kind: 'not-run', plan };
  }

  mapUrl(output: StoredExpertOutput): string {
    return `${this.#mediaBase()}/map/${this.imageId}/${output.expert}?v=${output.id}`;
  }

  #key(output: StoredExpertOutput): string {
    return `${this.imageId}:${output.expert}:${output.id}`;
  }

  /** Starts loading every map of the photo on screen that is not loaded yet. */
  loadMaps(): void {
    for (const output of this.outputs ?? []) {
      if (!output.mapPath) continue;
      const key = this.#key(output);
      if (this.maps.has(key)) continue;
      this.maps.set(key, { status: 'loading' });
      this.#evict();
      loadMap(this.mapUrl(output), { channels: channelsOf(output.expert), smooth: smoothOf(output.expert) }).then(
        (data) => {
          if (this.maps.has(key)) this.maps.set(key, { status: 'ready', data });
        },
        (error: unknown) => {
          if (this.maps.has(key)) this.maps.set(key, { status: 'error', message: errorMessage(error) });
        },
      );
    }
  }

  #evict(): void {
    const current = `${this.imageId}:`;
    for (const key of this.maps.keys()) {
      if (this.maps.size <= maxKeptMaps) break;
      if (!key.startsWith(current)) this.maps.delete(key);
    }
  }

  /** Runs these experts (default: every one) on these photos as a job; its progress comes as `jobs.progress`. */
  async run(imageIds: readonly number[], only?: readonly ExpertName[]): Promise<void> {
    if (imageIds.length === 0) return;
    this.runError = null;
    try {
      const { jobId } = await this.#client.invoke('experts.run', { imageIds: [...imageIds], ...(only ? { only: [...only] } : {}) });
      this.jobImages = [...imageIds];
      // A placeholder until the first progress event (the job may already have been reported).
      if (this.job?.id !== jobId) this.job = { id: jobId, kind: 'experts', title: 'Running the experts', state: 'queued', done: 0, failed: 0, total: imageIds.length, rate: null, etaSeconds: null, detail: null, error: null, result: null, createdAt: Date.now(), startedAt: null, finishedAt: null };
    } catch (error) {
      this.runError = `The experts could not be started: ${errorMessage(error)}`;
    }
  }

  /** Whether the last experts job seen is still queued or running. */
  get busy(): boolean {
    return this.job !== null && !terminal.includes(this.job.state);
  }

  /** Whether the last job started here is still going and covers this photo. */
  runningFor(imageId: number | null): boolean {
    return imageId !== null && this.job !== null && !terminal.includes(this.job.state) && this.jobImages.includes(imageId);
  }

  #onJob(job: JobInfo): void {
    if (job.kind !== 'experts') return;
    if (this.job === null || job.id >= this.job.id) this.job = job;
    if (terminal.includes(job.state)) {
      this.#refreshSoon.cancel();
      void this.refresh();
      void this.loadStatus();
    } else if (job.done > 0) {
      this.#refreshSoon();
    }
  }
}

/**
 * Why a finished job did not produce outputs for a photo (by its path), from the job's result; null
 * when it did. Without a path, only a one-photo job's failure is taken to be this photo's.
 */
export function jobFailureFor(job: JobInfo | null, path: string | null, images: number): string | null {
  if (!job) return null;
  if (job.state === 'failed') return job.error ?? 'The experts job failed.';
  const result = job.result as { imagesFailed?: { path: string; reason: string }[] } | null;
  const failed = Array.isArray(result?.imagesFailed) ? result.imagesFailed : [];
  const mine = path !== null ? failed.filter((f) => f.path === path) : images === 1 ? failed : [];
  return mine.length > 0 ? mine.map((f) => f.reason).join('; ') : null;
}
