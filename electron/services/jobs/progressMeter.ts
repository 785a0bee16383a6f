// Items per second over a sliding window, and the ETA that follows; a window (not the average since
// start) so the estimate recovers quickly after a slow start or a pause.
export class ProgressMeter {
  readonly #windowMs: number;
  readonly #samples: { at: number; done: number }[] = [];

  constructor(windowMs = 5000) {
    this.#windowMs = windowMs;
  }

  add(at: number, done: number): void {
    this.#samples.push({ at, done });
    while (this.#samples.length > 2 && at - this.#samples[0]!.at > this.#windowMs) this.#samples.shift();
  }

  /** null until two samples are at least 200 ms apart. */
  rate(): number | null {
    const first = this.#samples[0];
    const last = this.#samples.at(-1);
    if (!first || !last || last.at - first.at < 200) return null;
    return ((last.done - first.done) * 1000) / (last.at - first.at);
  }

  etaSeconds(done: number, total: number | null): number | null {
    const rate = this.rate();
    if (total === null || rate === null || rate <= 0) return null;
    return Math.max(0, (total - done) / rate);
  }
}
