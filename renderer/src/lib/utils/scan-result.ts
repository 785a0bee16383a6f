// Reads a finished scan job's `result` (typed `unknown` in the contract) into the shape the jobs panel
// shows, tolerating missing fields; anything that is not a scan result gives null.

export interface ScanProblem {
  readonly path: string;
  readonly reason: string;
}

export interface ScanSummary {
  readonly added: number;
  readonly updated: number;
  readonly moved: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly failed: ScanProblem[];
  readonly unreadableFolders: ScanProblem[];
  readonly cancelled: boolean;
}

function count(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.length;
  return 0;
}

function problems(value: unknown): ScanProblem[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown) => {
    const p = (item ?? {}) as { path?: unknown; reason?: unknown };
    return { path: typeof p.path === 'string' ? p.path : String(item), reason: typeof p.reason === 'string' ? p.reason : '' };
  });
}

export function readScanSummary(result: unknown): ScanSummary | null {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return null;
  const r = result as Record<string, unknown>;
  if (!['added', 'updated', 'unchanged'].some((key) => key in r)) return null;
  return {
    added: count(r.added),
    updated: count(r.updated),
    moved: count(r.moved),
    removed: count(r.removed),
    unchanged: count(r.unchanged),
    skipped: count(r.skipped),
    failed: problems(r.failed),
    unreadableFolders: problems(r.unreadableFolders),
    cancelled: r.cancelled === true,
  };
}
