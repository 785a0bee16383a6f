// The Review mode's state: the queue (image ids from `captions.queue` for a status and an optional flag,
// with the flag counts), where the reviewer is in it, each image's review (`captions.forImage`, cached
// and prefetched ahead together with the photo itself so the next image shows with no wait), which
// caption is selected, the editor, and the review actions (accept, reject, edit, undo, redo, bulk
// accept). The list is kept as loaded while the user works through it, so K goes back to a photo just
// accepted; `captions.changed` refreshes the reviews it names.
import { SvelteMap } from 'svelte/reactivity';
import { errorMessage } from '../api/remote-error.ts';
import type { ImageReview, StudioClient } from '../api/types.ts';
import { bestCandidateScore } from '../components/review/bulkPreview.ts';
import { initialSelection } from '../components/review/captionView.ts';
import { debounce } from '../utils/debounce.ts';

/** 'none': photos without any caption, to caption by hand (no model needed); 'all': every photo. */
export type QueueStatus = 'pending' | 'none' | 'accepted' | 'rejected' | 'all';

const statusesOf: Record<QueueStatus, ('none' | 'pending' | 'accepted' | 'rejected')[]> = {
  pending: ['pending'],
  none: ['none'],
  accepted: ['accepted'],
  rejected: ['rejected'],
  all: ['none', 'pending', 'accepted', 'rejected'],
};

const actionWords: Record<string, string> = {
  accept: 'the accept',
  reject: 'the rejection',
  edit: 'the edit',
  reopen: 'the reopening',
  'bulk-accept': 'the bulk accept',
};

/** How far ahead (and behind) reviews and photos are fetched. */
const prefetchAhead = 2;
/** Decoded photos kept for instant display. */
const maxDecoded = 8;
/** Parallel `captions.forImage` calls while counting for the bulk-accept preview. */
const countConcurrency = 8;

export type Caption = ImageReview['captions'][number];

export class ReviewStore {
  readonly #client: StudioClient;
  readonly #photoUrl: (imageId: number, contentHash: string | null) => string;

  status = $state<QueueStatus>('pending');
  flag = $state<string | null>(null);
  ids = $state.raw<readonly number[]>([]);
  flagCounts = $state.raw<Readonly<Record<string, number>>>({});
  loaded = $state(false);
  loading = $state(false);
  queueError = $state<string | null>(null);

  index = $state(0);
  /** Index into the current image's captions (as listed). */
  selected = $state(0);
  editing = $state(false);
  draft = $state('');
  /** A review action is on its way to main (they run one after another, in key-press order). */
  busy = $state(false);
  actionError = $state<string | null>(null);
  notice = $state<string | null>(null);
  /** Images accepted, edited or rejected in this window, for the progress line. */
  reviewedCount = $state(0);

  /** Counting the bulk-accept preview: how many of the queue's reviews are loaded. */
  counting = $state.raw<{ readonly done: number; readonly total: number } | null>(null);

  readonly #reviews = new SvelteMap<number, ImageReview>();
  readonly fetchErrors = new SvelteMap<number, string>();
  readonly #inflight = new Map<number, Promise<ImageReview | null>>();
  readonly #decoded = new Map<string, { image: HTMLImageElement; ready: Promise<void> }>();
  #queueRequest = 0;
  #actions: Promise<unknown> = Promise.resolve();
  #pendingActions = 0;
  #selectionFor: number | null = null;
  readonly #changed = new Set<number>();
  readonly #refreshChanged = debounce(() => this.#applyChanged(), 150);
  readonly #refreshQueueSoon = debounce(() => void this.mergeQueue(), 1000);

  constructor(client: StudioClient, photoUrl: (imageId: number, contentHash: string | null) => string) {
    this.#client = client;
    this.#photoUrl = photoUrl;
  }

  listen(): () => void {
    const off = this.#client.on('captions.changed', ({ imageIds }) => {
      for (const id of imageIds) this.#changed.add(id);
      this.#refreshChanged();
      if (this.loaded) this.#refreshQueueSoon();
    });
    return () => {
      off();
      this.#refreshChanged.cancel();
      this.#refreshQueueSoon.cancel();
    };
  }

  // ---- the queue --------------------------------------------------------------------------------

  get currentId(): number | null {
    return this.ids[this.index] ?? null;
  }

  get current(): ImageReview | null {
    const id = this.currentId;
    return id === null ? null : (this.#reviews.get(id) ?? null);
  }

  get selectedCaption(): Caption | null {
    return this.current?.captions[this.selected] ?? null;
  }

  reviewOf(imageId: number): ImageReview | null {
    return this.#reviews.get(imageId) ?? null;
  }

  /** The photo's URL once its review is known (the caption's content hash keeps the browser cache honest). */
  photoUrl(imageId: number): string | null {
    const review = this.#reviews.get(imageId);
    if (!review) return null;
    return this.#photoUrl(imageId, review.captions[0]?.contentHash ?? null);
  }

  setFilter(status: QueueStatus, flag: string | null): void {
    this.status = status;
    this.flag = flag;
    void this.load(false);
  }

  /**
   * (Re)loads the queue; `keepPosition` stays on the same image when it is still listed, and `focusId`
   * (the photo current in the grid, when entering Review) is shown first when it is in the queue.
   */
  async load(keepPosition = true, focusId: number | null = null): Promise<void> {
    const request = ++this.#queueRequest;
    const keep = keepPosition ? this.currentId : null;
    this.loading = true;
    try {
      const result = await this.#fetchQueue();
      if (request !== this.#queueRequest) return;
      const focus = focusId === null ? -1 : result.imageIds.indexOf(focusId);
      const at = focus >= 0 ? focus : keep === null ? -1 : result.imageIds.indexOf(keep);
      this.ids = result.imageIds;
      this.flagCounts = result.flagCounts;
      this.queueError = null;
      this.loaded = true;
      this.#goTo(at >= 0 ? at : keepPosition ? Math.min(this.index, Math.max(0, result.imageIds.length - 1)) : 0);
    } catch (error) {
      if (request !== this.#queueRequest) return;
      this.queueError = errorMessage(error);
    } finally {
      if (request === this.#queueRequest) this.loading = false;
    }
  }

  /** Images another window or a job added to the queue join the end of the list; nothing is removed. */
  async mergeQueue(): Promise<void> {
    try {
      const result = await this.#fetchQueue();
      this.flagCounts = result.flagCounts;
      const known = new Set(this.ids);
      const added = result.imageIds.filter((id) => !known.has(id));
      if (added.length > 0) {
        const wasEmpty = this.ids.length === 0;
        this.ids = [...this.ids, ...added];
        if (wasEmpty) this.#goTo(0);
      }
    } catch {
      // The next change or a reload tries again; the list on screen stays usable.
    }
  }

  /** The queue for the current status and flag filters: image ids in order and the flag counts. */
  #fetchQueue() {
    return this.#client.invoke('captions.queue', { status: statusesOf[this.status], ...(this.flag ? { flag: this.flag } : {}), limit: 100_000 });
  }

  // ---- moving -----------------------------------------------------------------------------------

  next(): void {
    if (this.index < this.ids.length - 1) this.#goTo(this.index + 1);
    else if (this.ids.length > 0) this.notice = 'That is the last photo in this queue.';
  }

  previous(): void {
    if (this.index > 0) this.#goTo(this.index - 1);
    else if (this.ids.length > 0) this.notice = 'That is the first photo in this queue.';
  }

  /** Leaves the photo as it is and shows the next. */
  skip(): void {
    this.next();
  }

  goTo(index: number): void {
    if (index >= 0 && index < this.ids.length) this.#goTo(index);
  }

  select(delta: number): void {
    const count = this.current?.captions.length ?? 0;
    if (count === 0) return;
    this.selected = Math.max(0, Math.min(count - 1, this.selected + delta));
  }

  #goTo(index: number): void {
    this.index = index;
    this.editing = false;
    this.actionError = null;
    this.notice = null;
    this.#syncSelection();
    const id = this.currentId;
    if (id === null) return;
    void this.#fetch(id).then(() => this.#prefetch());
  }

  /** The selection starts on the accepted caption (else the first open one) each time a photo is shown. */
  #syncSelection(): void {
    const id = this.currentId;
    if (id === this.#selectionFor) return;
    const review = id === null ? null : this.#reviews.get(id);
    if (id !== null && !review) return;
    this.#selectionFor = id;
    this.selected = review ? initialSelection(review.captions) : 0;
  }

  #prefetch(): void {
    const around = [];
    for (let step = 1; step <= prefetchAhead; step++) around.push(this.index + step);
    around.push(this.index - 1);
    for (const i of around) {
      const id = this.ids[i];
      if (id === undefined) continue;
      void this.#fetch(id).then((review) => {
        if (review) this.preloadPhoto(id);
      });
    }
  }

  /** Starts downloading and decoding a photo so showing it later is immediate. */
  preloadPhoto(imageId: number): Promise<void> {
    const url = this.photoUrl(imageId);
    if (url === null) return Promise.resolve();
    const kept = this.#decoded.get(url);
    if (kept) return kept.ready;
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    const ready = image.decode().catch(() => {});
    this.#decoded.set(url, { image, ready });
    while (this.#decoded.size > maxDecoded) this.#decoded.delete(this.#decoded.keys().next().value!);
    return ready;
  }

  #fetch(imageId: number, force = false): Promise<ImageReview | null> {
    if (!force) {
      const cached = this.#reviews.get(imageId);
      if (cached) return Promise.resolve(cached);
      const running = this.#inflight.get(imageId);
      if (running) return running;
    }
    const request: Promise<ImageReview | null> = this.#client
      .invoke('captions.forImage', { imageId })
      .then(
        (review) => {
          this.#store(review);
          this.fetchErrors.delete(imageId);
          return review;
        },
        (error: unknown) => {
          this.fetchErrors.set(imageId, errorMessage(error));
          return null;
        },
      )
      .finally(() => {
        if (this.#inflight.get(imageId) === request) this.#inflight.delete(imageId);
      });
    this.#inflight.set(imageId, request);
    return request;
  }

  #store(review: ImageReview): void {
    this.#reviews.set(review.imageId, review);
    this.#syncSelection();
    const count = this.current?.captions.length ?? 0;
    if (review.imageId === this.currentId && this.selected >= count) this.selected = Math.max(0, count - 1);
  }

  retryCurrent(): void {
    const id = this.currentId;
    if (id !== null) void this.#fetch(id, true);
  }

  #applyChanged(): void {
    const ids = [...this.#changed];
    this.#changed.clear();
    for (const id of ids) if (this.#reviews.has(id) || id === this.currentId) void this.#fetch(id, true);
  }

  // ---- actions ----------------------------------------------------------------------------------

  /** Accepts caption `n` (1-based, as listed) and moves on. */
  pick(n: number): Promise<void> {
    const caption = this.current?.captions[n - 1];
    if (!caption) {
      this.notice = this.current ? `There is no caption ${n} for this photo.` : null;
      return Promise.resolve();
    }
    this.selected = n - 1;
    return this.accept();
  }

  accept(): Promise<void> {
    const caption = this.selectedCaption;
    if (!caption) return Promise.resolve();
    return this.#act('Accepting', () => this.#client.invoke('captions.accept', { captionId: caption.id }), true);
  }

  reject(): Promise<void> {
    const caption = this.selectedCaption;
    if (!caption) return Promise.resolve();
    return this.#act('Rejecting', () => this.#client.invoke('captions.reject', { captionId: caption.id }), false);
  }

  /** Puts an accepted or rejected caption back among the open ones. */
  reopen(caption: Caption): Promise<void> {
    return this.#act('Reopening', () => this.#client.invoke('captions.reopen', { captionId: caption.id }), false);
  }

  startEdit(): void {
    if (this.current === null) return;
    this.draft = this.selectedCaption?.text ?? '';
    this.editing = true;
    this.actionError = null;
  }

  cancelEdit(): void {
    this.editing = false;
  }

  /** Saves the editor's text as a human version of the selected caption, accepted, and moves on. */
  saveEdit(): Promise<void> {
    const review = this.current;
    if (!review) return Promise.resolve();
    const text = this.draft.trim();
    if (text.length === 0) {
      this.actionError = 'A caption cannot be empty; press Esc and reject it (R) instead.';
      return Promise.resolve();
    }
    const base = this.selectedCaption;
    return this.#act(
      'Saving the edit',
      () => this.#client.invoke('captions.edit', base ? { baseCaptionId: base.id, text, accept: true } : { imageId: review.imageId, text, accept: true }),
      true,
      () => (this.editing = false),
    );
  }

  async undo(): Promise<void> {
    await this.#history('undo');
  }

  async redo(): Promise<void> {
    await this.#history('redo');
  }

  #history(which: 'undo' | 'redo'): Promise<void> {
    return this.#serial(async () => {
      this.actionError = null;
      try {
        const result = await this.#client.invoke(which === 'undo' ? 'captions.undo' : 'captions.redo', {});
        if (result.action === null) {
          this.notice = which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.';
          return;
        }
        this.notice = `${which === 'undo' ? 'Undone' : 'Redone'}: ${actionWords[result.action] ?? result.action}.`;
        await Promise.all(result.imageIds.filter((id) => this.#reviews.has(id) || id === this.currentId).map((id) => this.#fetch(id, true)));
        // One photo's action: show that photo, so the user sees what came back.
        const [only] = result.imageIds;
        if (result.imageIds.length === 1 && only !== undefined && only !== this.currentId) {
          const at = this.ids.indexOf(only);
          if (at >= 0) {
            const notice = this.notice;
            this.#goTo(at);
            this.notice = notice;
          }
        }
        const review = this.current;
        if (review && result.imageIds.includes(review.imageId)) this.selected = initialSelection(review.captions);
      } catch (error) {
        this.actionError = `${which === 'undo' ? 'Undo' : 'Redo'} failed: ${errorMessage(error)}`;
      }
    });
  }

  /**
   * Runs review actions one after another in the order the keys were pressed (an undo pressed right
   * after an accept must undo that accept), each against the caption chosen when its key was pressed.
   */
  #serial<T>(task: () => Promise<T>): Promise<T> {
    this.#pendingActions += 1;
    this.busy = true;
    const result = this.#actions.then(task).finally(() => {
      this.#pendingActions -= 1;
      this.busy = this.#pendingActions > 0;
    });
    this.#actions = result.catch(() => {});
    return result;
  }

  #act(label: string, run: () => Promise<ImageReview>, advance: boolean, onDone?: () => void): Promise<void> {
    const from = this.index;
    return this.#serial(async () => {
      this.actionError = null;
      this.notice = null;
      try {
        const review = await run();
        this.#reviews.set(review.imageId, review);
        this.reviewedCount += 1;
        onDone?.();
        if (review.imageId === this.currentId) this.selected = initialSelection(review.captions);
        // Move on only if the user has not already moved while the action ran.
        if (advance && this.index === from) {
          if (this.index < this.ids.length - 1) this.#goTo(this.index + 1);
          else this.notice = 'Done: that was the last photo in this queue.';
        }
      } catch (error) {
        this.actionError = `${label} failed: ${errorMessage(error)}`;
      }
    });
  }

  // ---- bulk accept ------------------------------------------------------------------------------

  /** The best open candidate score of every queued image whose review is loaded (null otherwise). */
  get bestScores(): (number | null)[] {
    return this.ids.map((id) => {
      const review = this.#reviews.get(id);
      return review ? bestCandidateScore(review) : null;
    });
  }

  /** Loads every queued image's review (a few at a time), for the bulk-accept preview count. */
  async loadAllReviews(): Promise<void> {
    const missing = this.ids.filter((id) => !this.#reviews.has(id));
    let done = this.ids.length - missing.length;
    this.counting = { done, total: this.ids.length };
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const id = missing[next++]!;
        await this.#fetch(id);
        done += 1;
        this.counting = { done, total: this.ids.length };
      }
    };
    await Promise.all(Array.from({ length: countConcurrency }, worker));
    this.counting = null;
  }

  /** Accepts the best candidate of each queued pending image that scores at least `minScore`. */
  bulkAccept(minScore: number): Promise<number | null> {
    return this.#serial(async () => {
      this.actionError = null;
      try {
        const result = await this.#client.invoke('captions.bulkAccept', { minScore, imageIds: [...this.ids] });
        await Promise.all(result.imageIds.map((id) => this.#fetch(id, true)));
        const review = this.current;
        if (review && result.imageIds.includes(review.imageId)) this.selected = initialSelection(review.captions);
        this.reviewedCount += result.accepted;
        this.notice = result.accepted === 0 ? 'No caption was accepted: none scored that high.' : `Accepted ${result.accepted} caption${result.accepted === 1 ? '' : 's'} (Ctrl+Z undoes).`;
        return result.accepted;
      } catch (error) {
        this.actionError = `Bulk accept failed: ${errorMessage(error)}`;
        return null;
      }
    });
  }
}
