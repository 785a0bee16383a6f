// The wire format shared by both transports: a request carries an id, a method and one parameter object;
// the reply is an {ok, result} or {ok: false, error} envelope (errors cross as data and are rebuilt as
// Error objects on the other side); events are {event, payload}.
import { z } from 'zod';

export const requestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    method: z.string().min(1).max(100),
    params: z.unknown(),
  })
  .strict();
export type Request = z.infer<typeof requestSchema>;

export interface ErrorInfo {
  /** 'invalid-request' | 'unknown-method' | 'invalid-params' | 'not-found' | 'failed' */
  readonly code: string;
  readonly message: string;
}

export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ErrorInfo };

export interface EventMessage {
  readonly event: string;
  readonly payload: unknown;
}

/** An error a handler throws on purpose, with a code the UI may act on. */
export class StudioError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
  }
}

/** The renderer-side Error rebuilt from a reply. */
export class RemoteError extends Error {
  readonly code: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'RemoteError';
    this.code = info.code;
  }
}
