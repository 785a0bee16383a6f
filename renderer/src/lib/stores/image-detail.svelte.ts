// The inspector's data: the full record of the current image (`library.image`), refetched when the
// library changes. Answers for an image the user has already moved past are dropped.
import { errorCode, errorMessage } from '../api/remote-error.ts';
import type { ImageDetail, StudioClient } from '../api/types.ts';

export class ImageDetailStore {
  readonly #client: StudioClient;
  id = $state<number | null>(null);
  detail = $state.raw<ImageDetail | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The image is no longer in the library (its folder was removed). */
  gone = $state(false);
  #request = 0;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  show(id: number | null): void {
    if (id === this.id) return;
    this.id = id;
    this.detail = null;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const id = this.id;
    const request = ++this.#request;
    if (id === null) {
      this.loading = false;
      this.error = null;
      this.gone = false;
      return;
    }
    this.loading = true;
    try {
      const detail = await this.#client.invoke('library.image', { id });
      if (request !== this.#request) return;
      this.detail = detail;
      this.error = null;
      this.gone = false;
    } catch (error) {
      if (request !== this.#request) return;
      this.detail = null;
      this.error = errorMessage(error);
      this.gone = errorCode(error) === 'not-found';
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }
}
