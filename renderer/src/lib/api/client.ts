// Implements the contract's StudioClient over whichever transport this page has: the Electron preload's
// `window.studio` bridge, or (web mode) a WebSocket to `/api` on the page's own host.
import { Connection } from './connection.svelte.ts';
import { RemoteError } from './remote-error.ts';
import { SocketTransport } from './socket-transport.ts';
import type { ErrorInfo, EventName, MethodName, MethodParams, MethodResult, StudioClient, StudioEvents } from './types.ts';

/** What the Electron preload exposes on `window.studio`. */
export interface PreloadBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface ClientHandle {
  readonly client: StudioClient;
  readonly connection: Connection;
}

function isEnvelope(value: unknown): value is { ok: true; result: unknown } | { ok: false; error: ErrorInfo } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown };
  return (v.ok === true && 'result' in value) || (v.ok === false && 'error' in value);
}

/**
 * The preload may resolve with the reply envelope (so the error code survives the context bridge) or
 * with the bare result, and may reject with an Error; every shape ends as a result or a RemoteError.
 */
function bridgeClient(bridge: PreloadBridge): StudioClient {
  return {
    async invoke<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
      let value: unknown;
      try {
        value = await bridge.invoke(method, params);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        const message = error instanceof Error ? error.message : String(error);
        throw new RemoteError({ code: typeof code === 'string' ? code : 'failed', message });
      }
      if (isEnvelope(value)) {
        if (value.ok) return value.result as MethodResult<M>;
        throw new RemoteError(value.error);
      }
      return value as MethodResult<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
      return bridge.on(event, (payload) => listener(payload as StudioEvents[E]));
    },
  };
}

function socketClient(transport: SocketTransport): StudioClient {
  return {
    invoke<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
      return transport.call(method, params) as Promise<MethodResult<M>>;
    },
    on<E extends EventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void {
      return transport.on(event, (payload) => listener(payload as StudioEvents[E]));
    },
  };
}

export function apiSocketUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api`;
}

export function createClient(): ClientHandle {
  const connection = new Connection();
  const bridge = (window as Window & { studio?: PreloadBridge }).studio;
  if (bridge) {
    connection.state = 'open';
    return { client: bridgeClient(bridge), connection };
  }
  const transport = new SocketTransport(apiSocketUrl(window.location), {
    onState(state, attempts, retryAt) {
      connection.state = state;
      connection.attempts = attempts;
      connection.retryAt = retryAt;
    },
    onReopen() {
      connection.reopened += 1;
    },
  });
  connection.retryNow = () => transport.retryNow();
  return { client: socketClient(transport), connection };
}
