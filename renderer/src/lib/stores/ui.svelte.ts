// Which view and overlays are showing: grid or loupe, the open modal (at most one), the jobs drawer.
import type { Folder } from '../api/types.ts';

export type Modal =
  | { readonly kind: 'add-folder' }
  | { readonly kind: 'add-files' }
  | { readonly kind: 'remove-folder'; readonly folder: Folder }
  | { readonly kind: 'settings' }
  | { readonly kind: 'help' };

export class UiState {
  mode = $state<'grid' | 'loupe'>('grid');
  modal = $state.raw<Modal | null>(null);
  jobsOpen = $state(false);
  /** A short message about an action that failed outside any dialog (rescan, cancel…). */
  notice = $state<string | null>(null);

  open(modal: Modal): void {
    this.modal = modal;
  }

  close(): void {
    this.modal = null;
  }

  toggleModal(kind: 'settings' | 'help'): void {
    this.modal = this.modal?.kind === kind ? null : { kind };
  }
}
