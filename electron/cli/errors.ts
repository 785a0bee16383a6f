// Errors shared by the CLI commands: a usage mistake (exit 2), reading a positive whole-number flag, and
// printing one error sentence (also as `{ error }` on stdout with --json) and returning the exit code.

/** A mistake in how a command was called; commands exit 2 on it. */
export class UsageError extends Error {}

export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number, not "${value}"`);
  return n;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Prints the message on stderr (and as JSON on stdout with --json) and returns the exit code. */
export function fail(json: boolean, message: string, code = 1): number {
  if (json) console.log(JSON.stringify({ error: message }));
  console.error(message);
  return code;
}
