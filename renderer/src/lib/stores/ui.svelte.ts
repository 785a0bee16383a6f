// Which view and overlays are showing: grid, loupe or the review queue, the open modal (at most one), the jobs drawer.
import type { Folder, SavedView } from '../api/types.ts';
import type { ModelFilter } from '../models/catalog.ts';

export type Modal =
  | { readonly kind: 'add-folder' }
  | { readonly kind: 'add-files' }
  | { readonly kind: 'remove-folder'; readonly folder: Folder }
  | { readonly kind: 'settings' }
  | { readonly kind: 'help' }
  /** The Models screen, narrowed to some tasks when opened from a map layer that has no model. */
  | { readonly kind: 'models'; readonly filter: ModelFilter | null }
  /** Save the grid's filters as a view, or rename view `view`. */
  | { readonly kind: 'view-name'; readonly view: SavedView | null }
  | { readonly kind: 'duplicates' }
  /** The export dialog, with the scope it was opened for (a view's menu) or the dialog's own choice. */
  | { readonly kind: 'export'; readonly viewId: number | null }
  | { readonly kind: 'import-captions' }
  /** Choose which experts to run on these photos. */
  | { readonly kind: 'run-experts'; readonly imageIds: readonly number[] }
  | { readonly kind: 'palette' };

export class UiState {
  mode = $state<'grid' | 'loupe' | 'review'>('grid');
  modal = $state.raw<Modal | null>(null);
  jobsOpen = $state(false);
  /** A short message about an action that failed outside any dialog (rescan, cancel…); see tell(). */
  notice = $state<string | null>(null);
  /** Bumped by the C key: the inspector opens its caption editor for the current photo. */
  captionEditorRequests = $state(0);
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Shows a notice in the status bar for a while (15 s by default): a failure of a moment must not stay
   * there for the rest of the session once it no longer holds.
   */
  tell(message: string, forMs = 15_000): void {
    clearTimeout(this.#noticeTimer);
    this.notice = message;
    this.#noticeTimer = setTimeout(() => {
      if (this.notice === message) this.notice = null;
    }, forMs);
  }

  open(modal: Modal): void {
    this.modal = modal;
  }

  close(): void {
    this.modal = null;
  }

  toggleModal(kind: 'settings' | 'help' | 'models'): void {
    if (this.modal?.kind === kind) this.modal = null;
    else this.modal = kind === 'models' ? { kind, filter: null } : { kind };
  }

  openModels(filter: ModelFilter | null = null): void {
    this.modal = { kind: 'models', filter };
  }
}
