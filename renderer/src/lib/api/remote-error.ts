// The renderer-side Error rebuilt from an error reply (a copy of electron/api/protocol.ts's RemoteError:
// the renderer may import only types from there), plus the helper that turns any failure into words.
import type { ErrorInfo } from './types.ts';

export class RemoteError extends Error {
  readonly code: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'RemoteError';
    this.code = info.code;
  }
}

/** A failure in words for the UI. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Something went wrong.';
}

/** The error's code, when the other side gave one. */
export function errorCode(error: unknown): string | null {
  if (error instanceof RemoteError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
