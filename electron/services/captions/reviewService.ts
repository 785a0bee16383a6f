// Reviewing captions: accept (one accepted caption per image; the one it replaces goes back to being a
// candidate), reject, edit (a new human version whose parent is the edited one, so AI and human text
// stay apart), reopen, and bulk accept of the best candidates above a score. Every action is one
// review event holding the statuses it changed, so undo and redo restore them exactly, across restarts.
import { diffWords } from 'diff';
import type { StudioDb } from '../../../db/open.ts';
import {
  acceptedCaption,
  bestCandidatesAbove,
  captionsOfImage,
  deleteCaption,
  eventsOfImage,
  firstUndoneEvent,
  flagCounts,
  flagsOfImage,
  getCaption,
  imageReviewStatus,
  insertCaption,
  lastDoneEvent,
  recordReviewEvent,
  reviewQueue,
  setCaptionStatus,
  setEventUndone,
  type CaptionRecord,
  type CaptionStatus,
  type NewCaption,
  type QueueFilter,
  type ReviewAction,
  type ReviewEvent,
  type StatusMap,
  type StoredFlag,
} from '../../../db/queries/captions.ts';
import { getImage } from '../../../db/queries/images.ts';
import { StudioError } from '../../api/protocol.ts';
import type { EventBus } from '../eventBus.ts';

export interface DiffPart {
  readonly text: string;
  readonly change: 'same' | 'added' | 'removed';
}

export interface CaptionVersion extends CaptionRecord {
  /** Word diff against the version it was edited from (human edits) — empty for first versions. */
  readonly diff: DiffPart[];
  readonly flags: Omit<StoredFlag, 'captionId'>[];
}

export interface ImageReview {
  readonly imageId: number;
  readonly reviewStatus: string;
  /** Candidates best first, then human versions newest first, then rejected ones. */
  readonly captions: CaptionVersion[];
  readonly accepted: CaptionVersion | null;
  readonly history: ReviewEvent[];
}

export interface UndoResult {
  readonly action: ReviewAction | null;
  readonly imageIds: number[];
}

const statusOrder: Record<CaptionStatus, number> = { accepted: 0, draft: 1, candidate: 2, rejected: 3 };

export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((p) => ({ text: p.value, change: p.added ? 'added' : p.removed ? 'removed' : 'same' }));
}

export class ReviewService {
  readonly #db: StudioDb;
  readonly #bus: EventBus | null;
  readonly #checkCaptions: ((imageId: number, captionIds: number[]) => void) | undefined;
  readonly #now: () => number;

  /** `checkCaptions`: cross-checks a human caption as soon as it is written (human text is checked too). */
  constructor(db: StudioDb, bus: EventBus | null = null, now: () => number = Date.now, checkCaptions?: (imageId: number, captionIds: number[]) => void) {
    this.#db = db;
    this.#bus = bus;
    this.#now = now;
    this.#checkCaptions = checkCaptions;
  }

  forImage(imageId: number): ImageReview {
    const image = getImage(this.#db, imageId);
    if (!image) throw new StudioError('not-found', `There is no image ${imageId} in the library.`);
    const all = captionsOfImage(this.#db, imageId);
    const byId = new Map(all.map((c) => [c.id, c]));
    const flags = flagsOfImage(this.#db, imageId);
    const versions = all.map((c): CaptionVersion => {
      const parent = c.parentId === null ? undefined : byId.get(c.parentId);
      return {
        ...c,
        diff: parent ? wordDiff(parent.text, c.text) : [],
        flags: flags.filter((f) => f.captionId === c.id).map(({ kind, message, evidence }) => ({ kind, message, evidence })),
      };
    });
    versions.sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || (b.score ?? -1) - (a.score ?? -1) || b.createdAt - a.createdAt || b.id - a.id);
    const status = imageReviewStatus(this.#db, imageId) ?? 'none';
    return { imageId, reviewStatus: status, captions: versions, accepted: versions.find((v) => v.status === 'accepted') ?? null, history: eventsOfImage(this.#db, imageId) };
  }

  /** The images to review (pending by default), optionally only those with a flag; and the flag counts. */
  queue(filter: QueueFilter, limit = 10_000): { imageIds: number[]; flagCounts: Record<string, number> } {
    return { imageIds: reviewQueue(this.#db, filter, limit), flagCounts: flagCounts(this.#db) };
  }

  accept(captionId: number): ImageReview {
    const caption = this.#caption(captionId);
    if (caption.status === 'accepted') return this.forImage(caption.imageId);
    this.#apply('accept', caption.imageId, captionId, this.#acceptChanges(caption));
    return this.forImage(caption.imageId);
  }

  reject(captionId: number): ImageReview {
    const caption = this.#caption(captionId);
    if (caption.status === 'rejected') return this.forImage(caption.imageId);
    this.#apply('reject', caption.imageId, captionId, { [captionId]: 'rejected' });
    return this.forImage(caption.imageId);
  }

  /** A rejected or accepted caption goes back to the queue (AI text as a candidate, human text as a draft). */
  reopen(captionId: number): ImageReview {
    const caption = this.#caption(captionId);
    const status: CaptionStatus = caption.source === 'ai' ? 'candidate' : 'draft';
    if (caption.status === status) return this.forImage(caption.imageId);
    this.#apply('reopen', caption.imageId, captionId, { [captionId]: status });
    return this.forImage(caption.imageId);
  }

  /**
   * A human version of `baseCaptionId` (or a first human caption of `imageId`), accepted at once unless
   * `accept` is false (then a draft).
   */
  edit(target: { baseCaptionId: number } | { imageId: number }, text: string, accept = true): ImageReview {
    const clean = text.trim();
    if (clean.length === 0) throw new StudioError('invalid', 'A caption cannot be empty; reject it instead.');
    const base = 'baseCaptionId' in target ? this.#caption(target.baseCaptionId) : null;
    const imageId = base ? base.imageId : (target as { imageId: number }).imageId;
    const image = getImage(this.#db, imageId);
    if (!image) throw new StudioError('not-found', `There is no image ${imageId} in the library.`);
    if (base && base.text === clean && accept && base.status !== 'accepted') return this.accept(base.id);
    const run = this.#db.transaction(() => {
      const changes: StatusMap = {};
      const before: StatusMap = {};
      const current = acceptedCaption(this.#db, imageId);
      if (accept && current) {
        before[current.id] = current.status;
        changes[current.id] = current.source === 'ai' ? 'candidate' : 'draft';
        setCaptionStatus(this.#db, current.id, changes[current.id]!);
      }
      const row: NewCaption = {
        imageId,
        parentId: base?.id ?? null,
        text: clean,
        source: 'human',
        status: accept ? 'accepted' : 'draft',
        contentHash: image.contentHash,
        createdAt: this.#now(),
      };
      const id = insertCaption(this.#db, row);
      before[id] = null;
      changes[id] = row.status;
      recordReviewEvent(this.#db, { imageId, captionId: id, action: 'edit', before, after: changes, created: { ...row, id }, at: this.#now() });
      return id;
    });
    const id = run();
    this.#checkCaptions?.(imageId, [id]);
    this.#changed([imageId]);
    return this.forImage(imageId);
  }

  /** Accepts, for every pending image (of `imageIds`, or all), its best candidate when it scores ≥ minScore. */
  bulkAccept(minScore: number, imageIds: readonly number[] | null = null): { accepted: number; imageIds: number[] } {
    const picks = bestCandidatesAbove(this.#db, minScore, imageIds);
    if (picks.length === 0) return { accepted: 0, imageIds: [] };
    const run = this.#db.transaction(() => {
      const before: StatusMap = {};
      const after: StatusMap = {};
      for (const pick of picks) {
        before[pick.captionId] = 'candidate';
        after[pick.captionId] = 'accepted';
        setCaptionStatus(this.#db, pick.captionId, 'accepted');
      }
      recordReviewEvent(this.#db, { imageId: picks[0]!.imageId, captionId: null, action: 'bulk-accept', before, after, at: this.#now() });
    });
    run();
    const ids = picks.map((p) => p.imageId);
    this.#changed(ids);
    return { accepted: picks.length, imageIds: ids };
  }

  /** Reverses the latest action not yet undone. */
  undo(): UndoResult {
    const event = lastDoneEvent(this.#db);
    if (!event) return { action: null, imageIds: [] };
    const run = this.#db.transaction(() => {
      this.#restore(event.before);
      setEventUndone(this.#db, event.id, true);
    });
    run();
    const ids = this.#imagesOf(event);
    this.#changed(ids);
    return { action: event.action, imageIds: ids };
  }

  /** Re-applies the earliest undone action. */
  redo(): UndoResult {
    const event = firstUndoneEvent(this.#db);
    if (!event) return { action: null, imageIds: [] };
    const run = this.#db.transaction(() => {
      if (event.created) {
        // The edit's row was removed by undo: demote first (one accepted per image), then re-create it.
        const { [String(event.created.id)]: _created, ...others } = event.after;
        this.#restore(others);
        if (!getCaption(this.#db, event.created.id!)) insertCaption(this.#db, event.created);
      } else this.#restore(event.after);
      setEventUndone(this.#db, event.id, false);
    });
    run();
    const ids = this.#imagesOf(event);
    this.#changed(ids);
    return { action: event.action, imageIds: ids };
  }

  #caption(id: number): CaptionRecord {
    const caption = getCaption(this.#db, id);
    if (!caption) throw new StudioError('not-found', `There is no caption ${id}.`);
    return caption;
  }

  #acceptChanges(caption: CaptionRecord): StatusMap {
    const changes: StatusMap = {};
    const current = acceptedCaption(this.#db, caption.imageId);
    if (current && current.id !== caption.id) changes[current.id] = current.source === 'ai' ? 'candidate' : 'draft';
    changes[caption.id] = 'accepted';
    return changes;
  }

  #apply(action: ReviewAction, imageId: number, captionId: number, changes: StatusMap): void {
    const run = this.#db.transaction(() => {
      const before: StatusMap = {};
      for (const id of Object.keys(changes)) before[id] = this.#caption(Number(id)).status;
      this.#restore(changes);
      recordReviewEvent(this.#db, { imageId, captionId, action, before, after: changes, at: this.#now() });
    });
    run();
    this.#changed([imageId]);
  }

  /** Sets statuses (demotions before promotions, so the one-accepted index holds); null deletes the row. */
  #restore(statuses: StatusMap): void {
    const entries = Object.entries(statuses).sort(([, a], [, b]) => (a === 'accepted' ? 1 : 0) - (b === 'accepted' ? 1 : 0));
    for (const [id, status] of entries) {
      if (status === null) deleteCaption(this.#db, Number(id));
      else if (getCaption(this.#db, Number(id))) setCaptionStatus(this.#db, Number(id), status);
    }
  }

  #imagesOf(event: ReviewEvent): number[] {
    const ids = new Set<number>([event.imageId]);
    for (const id of Object.keys({ ...event.before, ...event.after })) {
      const c = getCaption(this.#db, Number(id));
      if (c) ids.add(c.imageId);
    }
    return [...ids];
  }

  #changed(imageIds: number[]): void {
    this.#bus?.emit('captions.changed', { imageIds });
  }
}
