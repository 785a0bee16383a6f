// Validates every incoming message against the contract before any handler sees it, and turns results
// and failures into reply envelopes. Both transports (Electron IPC, web-mode WebSocket) call this.
import { methodSchemas, type Handlers, type MethodName } from './contract.ts';
import { requestSchema, StudioError, type Reply } from './protocol.ts';

export type Dispatch = (message: unknown) => Promise<Reply>;

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methodSchemas, name);
}

export function createDispatcher(handlers: Handlers, onInternalError: (error: unknown) => void = () => {}): Dispatch {
  return async (message) => {
    const request = requestSchema.safeParse(message);
    if (!request.success) {
      const rawId = (message as { id?: unknown } | null)?.id;
      return { id: typeof rawId === 'number' ? rawId : -1, ok: false, error: { code: 'invalid-request', message: 'Malformed request.' } };
    }
    const { id, method, params } = request.data;
    if (!isMethodName(method)) {
      return { id, ok: false, error: { code: 'unknown-method', message: `Unknown method "${method}".` } };
    }
    const parsed = methodSchemas[method].safeParse(params ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(params)'}: ${i.message}`).join('; ');
      return { id, ok: false, error: { code: 'invalid-params', message: `Invalid parameters for ${method}: ${detail}` } };
    }
    try {
      const handler = handlers[method] as (p: unknown) => unknown;
      const result = await handler(parsed.data);
      return { id, ok: true, result: result === undefined ? null : result };
    } catch (error) {
      if (error instanceof StudioError) return { id, ok: false, error: { code: error.code, message: error.message } };
      onInternalError(error);
      const text = error instanceof Error ? error.message : String(error);
      return { id, ok: false, error: { code: 'failed', message: text } };
    }
  };
}
