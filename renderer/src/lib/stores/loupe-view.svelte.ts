// The loupe's zoom and pan: one scale and one translation applied as a CSS transform to a single <img>,
// so a move on a 24-megapixel photo is a compositor update, not a redraw. Fit follows the viewport
// until the user zooms; the image is centred when smaller than the viewport and cannot be dragged away
// when larger.

export interface Point {
  readonly x: number;
  readonly y: number;
}

const maxScale = 16;

export class LoupeView {
  viewWidth = $state(0);
  viewHeight = $state(0);
  naturalWidth = $state(0);
  naturalHeight = $state(0);
  scale = $state(1);
  x = $state(0);
  y = $state(0);
  /** Fit mode: re-fit on viewport resize. */
  fitted = $state(true);

  get fitScale(): number {
    if (!this.naturalWidth || !this.naturalHeight || !this.viewWidth || !this.viewHeight) return 1;
    return Math.min(1, this.viewWidth / this.naturalWidth, this.viewHeight / this.naturalHeight);
  }

  get transform(): string {
    return `translate3d(${Math.round(this.x)}px, ${Math.round(this.y)}px, 0) scale(${this.scale})`;
  }

  get percent(): number {
    return Math.round(this.scale * 100);
  }

  setViewport(width: number, height: number): void {
    this.viewWidth = width;
    this.viewHeight = height;
    if (this.fitted) this.fit();
    else this.#clamp();
  }

  setImage(width: number, height: number): void {
    this.naturalWidth = width;
    this.naturalHeight = height;
    this.fit();
  }

  fit(): void {
    this.scale = this.fitScale;
    this.fitted = true;
    this.x = (this.viewWidth - this.naturalWidth * this.scale) / 2;
    this.y = (this.viewHeight - this.naturalHeight * this.scale) / 2;
  }

  /** 100% around `at` (viewport coordinates; default the centre). */
  actual(at?: Point): void {
    this.zoomTo(1, at);
  }

  zoomBy(factor: number, at?: Point): void {
    this.zoomTo(this.scale * factor, at);
  }

  zoomTo(target: number, at: Point = { x: this.viewWidth / 2, y: this.viewHeight / 2 }): void {
    const fit = this.fitScale;
    const scale = Math.max(fit, Math.min(Math.max(maxScale, fit), target));
    if (scale === fit) {
      this.fit();
      return;
    }
    const u = (at.x - this.x) / this.scale;
    const v = (at.y - this.y) / this.scale;
    this.x = at.x - u * scale;
    this.y = at.y - v * scale;
    this.scale = scale;
    this.fitted = false;
    this.#clamp();
  }

  panBy(dx: number, dy: number): void {
    this.x += dx;
    this.y += dy;
    this.#clamp();
  }

  #clamp(): void {
    this.x = clampAxis(this.x, this.naturalWidth * this.scale, this.viewWidth);
    this.y = clampAxis(this.y, this.naturalHeight * this.scale, this.viewHeight);
  }
}

function clampAxis(offset: number, size: number, view: number): number {
  if (size <= view) return (view - size) / 2;
  return Math.max(view - size, Math.min(0, offset));
}
