// Web-mode transport: one WebSocket to the server's /api endpoint speaking electron/api/protocol.ts's
// wire format. Calls made while the socket is down wait in a queue; a lost socket is reopened with
// backoff. A call already sent when the socket drops is rejected (it may or may not have run), never
// silently resent.
import { RemoteError } from './remote-error.ts';
import type { ErrorInfo } from './types.ts';

export interface SocketTransportHooks {
  onState(state: 'connecting' | 'open' | 'reconnecting', attempts: number, retryAt: number | null): void;
  /** The socket opened again after having been open before. */
  onReopen(): void;
}

interface PendingCall {
  readonly text: string;
  sent: boolean;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

type Listener = (payload: unknown) => void;

const firstDelayMs = 500;
const maxDelayMs = 10_000;

export function backoffDelay(attempts: number): number {
  return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.max(0, attempts - 1));
}

export class SocketTransport {
  readonly #url: string;
  readonly #hooks: SocketTransportHooks;
  readonly #pending = new Map<number, PendingCall>();
  readonly #listeners = new Map<string, Set<Listener>>();
  #socket: WebSocket | null = null;
  #nextId = 1;
  #attempts = 0;
  #everOpened = false;
  #retryTimer: number | null = null;

  constructor(url: string, hooks: SocketTransportHooks) {
    this.#url = url;
    this.#hooks = hooks;
    this.#connect();
  }

  call(method: string, params: unknown): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const call: PendingCall = { text: JSON.stringify({ id, method, params }), sent: false, resolve, reject };
      this.#pending.set(id, call);
      if (this.#socket?.readyState === WebSocket.OPEN) this.#send(call);
    });
  }

  on(event: string, listener: Listener): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Skips the backoff wait (the banner's "Retry now"). */
  retryNow(): void {
    if (this.#socket) return;
    if (this.#retryTimer !== null) window.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#connect();
  }

  #send(call: PendingCall): void {
    this.#socket?.send(call.text);
    call.sent = true;
  }

  #connect(): void {
    this.#hooks.onState(this.#everOpened ? 'reconnecting' : 'connecting', this.#attempts, null);
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#attempts = 0;
      this.#hooks.onState('open', 0, null);
      for (const call of this.#pending.values()) if (!call.sent) this.#send(call);
      if (this.#everOpened) this.#hooks.onReopen();
      this.#everOpened = true;
    };
    socket.onmessage = (message) => {
      if (typeof message.data === 'string') this.#receive(message.data);
    };
    socket.onclose = () => this.#lost(socket);
  }

  #lost(socket: WebSocket): void {
    if (this.#socket !== socket) return;
    this.#socket = null;
    for (const [id, call] of this.#pending) {
      if (!call.sent) continue;
      this.#pending.delete(id);
      call.reject(
        new RemoteError({ code: 'disconnected', message: 'The connection was lost before the answer arrived; try again.' }),
      );
    }
    this.#attempts += 1;
    const delay = backoffDelay(this.#attempts);
    this.#hooks.onState(this.#everOpened ? 'reconnecting' : 'connecting', this.#attempts, Date.now() + delay);
    this.#retryTimer = window.setTimeout(() => {
      this.#retryTimer = null;
      this.#connect();
    }, delay);
  }

  #receive(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const m = message as { id?: unknown; ok?: unknown; result?: unknown; error?: ErrorInfo; event?: unknown; payload?: unknown };
    if (typeof m.event === 'string') {
      for (const listener of this.#listeners.get(m.event) ?? []) listener(m.payload);
      return;
    }
    if (typeof m.id !== 'number') return;
    const call = this.#pending.get(m.id);
    if (!call) return;
    this.#pending.delete(m.id);
    if (m.ok === true) call.resolve(m.result);
    else call.reject(new RemoteError(m.error ?? { code: 'failed', message: 'The request failed.' }));
  }
}
