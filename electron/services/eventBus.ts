// Typed events main pushes to every connected renderer (and the CLI's progress printer).
import { EventEmitter } from 'node:events';
import { eventNames, type EventName, type StudioEvents } from '../api/contract.ts';

export class EventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(event: E, payload: StudioEvents[E]): void {
    this.#emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
    this.#emitter.on(event, listener);
    return () => this.#emitter.off(event, listener);
  }

  /** Every event, for transports that forward all of them. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    const offs = eventNames.map((name) => this.on(name, (payload) => listener(name, payload)));
    return () => offs.forEach((off) => off());
  }
}
