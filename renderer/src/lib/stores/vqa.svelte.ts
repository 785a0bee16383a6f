// Prismer's questions and tags in the inspector: which Prismer models are installed (`prismer.models`),
// the current photo's question history (`vqa.forImage`) and tags (`tags.forImage`), asking one photo
// (`vqa.ask`), and the two jobs over a selection — ask across (`vqa.askAcross`, whose answers become a
// column, `vqa.answers`) and zero-shot tagging (`tags.run`). The jobs' progress comes through
// `jobs.progress`; their results are refetched as they land.
import { errorMessage } from '../api/remote-error.ts';
import type { ImageTag, JobInfo, StudioClient, VqaRecord } from '../api/types.ts';
import { debounce } from '../utils/debounce.ts';

const finished: readonly JobInfo['state'][] = ['done', 'failed', 'cancelled'];

export type AskMode = 'generate' | 'rank';

export class VqaStore {
  readonly #client: StudioClient;

  /** Installed Prismer bundles; null until known. */
  models = $state.raw<readonly string[] | null>(null);
  modelsError = $state<string | null>(null);
  /** The bundle to use when several are installed. */
  model = $state<string | null>(null);

  imageId = $state<number | null>(null);
  history = $state.raw<readonly VqaRecord[]>([]);
  tags = $state.raw<readonly ImageTag[]>([]);
  loadError = $state<string | null>(null);

  asking = $state(false);
  askError = $state<string | null>(null);
  /** The answer just given (shown large above the history). */
  latest = $state.raw<VqaRecord | null>(null);

  /** The question whose answers across photos are shown as a column. */
  columnQuestion = $state<string | null>(null);
  column = $state.raw<readonly VqaRecord[]>([]);
  columnError = $state<string | null>(null);
  questions = $state.raw<readonly { question: string; images: number; lastAskedAt: number }[]>([]);

  askJob = $state<number | null>(null);
  tagJob = $state<number | null>(null);
  jobError = $state<string | null>(null);

  #request = 0;
  readonly #refreshColumnSoon = debounce(() => void this.loadColumn(), 800);

  constructor(client: StudioClient) {
    this.#client = client;
  }

  listen(): () => void {
    const off = this.#client.on('jobs.progress', (job) => this.#onJob(job));
    return () => {
      off();
      this.#refreshColumnSoon.cancel();
    };
  }

  get noModel(): boolean {
    return this.models !== null && this.models.length === 0;
  }

  /** The `model` parameter: only needed to choose among several bundles. */
  get modelParam(): { model?: string } {
    return this.models && this.models.length > 1 && this.model ? { model: this.model } : {};
  }

  async loadModels(): Promise<void> {
    try {
      const { installed } = await this.#client.invoke('prismer.models', {});
      this.models = installed;
      if (this.model === null || !installed.includes(this.model)) this.model = installed[0] ?? null;
      this.modelsError = null;
    } catch (error) {
      this.modelsError = `Could not list the Prismer models: ${errorMessage(error)}`;
    }
  }

  show(imageId: number | null): void {
    if (imageId === this.imageId) return;
    this.imageId = imageId;
    this.history = [];
    this.tags = [];
    this.latest = null;
    this.askError = null;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const imageId = this.imageId;
    const request = ++this.#request;
    if (imageId === null) return;
    try {
      const [history, tags] = await Promise.all([this.#client.invoke('vqa.forImage', { imageId }), this.#client.invoke('tags.forImage', { imageId })]);
      if (request !== this.#request) return;
      this.history = history;
      this.tags = tags;
      this.loadError = null;
    } catch (error) {
      if (request !== this.#request) return;
      this.loadError = `The questions and tags of this photo could not be read: ${errorMessage(error)}`;
    }
  }

  async ask(question: string, mode: AskMode, answers: readonly string[]): Promise<void> {
    const imageId = this.imageId;
    if (imageId === null || this.asking) return;
    this.asking = true;
    this.askError = null;
    try {
      const record = await this.#client.invoke('vqa.ask', { imageId, question, ...(mode === 'rank' ? { answers: [...answers] } : {}), ...this.modelParam });
      if (imageId !== this.imageId) return;
      this.latest = record;
      this.history = [...this.history, record];
    } catch (error) {
      if (imageId === this.imageId) this.askError = errorMessage(error);
    } finally {
      this.asking = false;
    }
  }

  /** Starts the ask-across job over these photos; its answers fill the column as they land. */
  async askAcross(imageIds: readonly number[], question: string, mode: AskMode, answers: readonly string[]): Promise<void> {
    this.jobError = null;
    try {
      const { jobId } = await this.#client.invoke('vqa.askAcross', {
        scope: { imageIds: [...imageIds] },
        question,
        ...(mode === 'rank' ? { answers: [...answers] } : {}),
        ...this.modelParam,
      });
      this.askJob = jobId;
      this.columnQuestion = question.trim();
      this.column = [];
      void this.loadColumn();
    } catch (error) {
      this.jobError = `Could not start asking: ${errorMessage(error)}`;
    }
  }

  async tag(imageIds: readonly number[], classNames: readonly string[], top: number): Promise<void> {
    this.jobError = null;
    try {
      const { jobId } = await this.#client.invoke('tags.run', { scope: { imageIds: [...imageIds] }, classNames: [...classNames], top, ...this.modelParam });
      this.tagJob = jobId;
    } catch (error) {
      this.jobError = `Could not start tagging: ${errorMessage(error)}`;
    }
  }

  async loadQuestions(): Promise<void> {
    try {
      this.questions = await this.#client.invoke('vqa.questions', {});
    } catch {
      // The chooser offers only the question just asked; the column itself reports errors.
    }
  }

  showColumn(question: string | null): void {
    this.columnQuestion = question;
    this.column = [];
    void this.loadColumn();
  }

  async loadColumn(): Promise<void> {
    const question = this.columnQuestion;
    if (question === null) return;
    try {
      const rows = await this.#client.invoke('vqa.answers', { question });
      if (question !== this.columnQuestion) return;
      this.column = rows;
      this.columnError = null;
    } catch (error) {
      if (question === this.columnQuestion) this.columnError = `The answers could not be read: ${errorMessage(error)}`;
    }
  }

  #onJob(job: JobInfo): void {
    if (job.id === this.askJob) {
      if (finished.includes(job.state)) {
        this.#refreshColumnSoon.cancel();
        void this.loadColumn();
        void this.loadQuestions();
        void this.refresh();
      } else this.#refreshColumnSoon();
    }
    if (job.id === this.tagJob && finished.includes(job.state)) void this.refresh();
  }
}
