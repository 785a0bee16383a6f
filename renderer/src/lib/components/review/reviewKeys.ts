// The Review mode's keyboard map (ui.md, "Review queue"): which key press means which review action.
// Kept apart from the view so the map is one table a test can read, and so the `?` overlay's list
// (utils/shortcuts.ts) and the handler cannot quietly disagree about a key.

export type ReviewCommand =
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  /** Accept the n-th caption in the list (1-based, as printed beside it). */
  | { readonly kind: 'pick'; readonly n: number }
  | { readonly kind: 'select'; readonly delta: 1 | -1 }
  | { readonly kind: 'edit' }
  | { readonly kind: 'accept' }
  | { readonly kind: 'reject' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'maps' }
  /** With the maps shown: Shift+1–6 shows that layer alone (plain digits pick captions here). */
  | { readonly kind: 'solo'; readonly n: number }
  /** With the maps shown: overlay / side by side. */
  | { readonly kind: 'layout' }
  | { readonly kind: 'bulk' }
  | { readonly kind: 'leave' };

export interface KeyLike {
  readonly key: string;
  readonly code?: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
}

/** A digit by its physical key where known, so Shift or a non-US layout does not change 1–9. */
function digitOf(event: KeyLike): number | null {
  const match = /^(?:Digit|Numpad)([0-9])$/.exec(event.code ?? '');
  if (match) return Number(match[1]);
  return /^[0-9]$/.test(event.key) ? Number(event.key) : null;
}

/** The command a key press stands for in Review mode, or null when Review leaves it alone. */
export function reviewCommandFor(event: KeyLike): ReviewCommand | null {
  if (event.altKey) return null;
  const primary = Boolean(event.ctrlKey || event.metaKey);
  const key = event.key;
  if (primary) {
    if (key === 'z' || key === 'Z') return event.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if ((key === 'y' || key === 'Y') && !event.shiftKey) return { kind: 'redo' };
    return null;
  }
  const digit = digitOf(event);
  if (digit !== null && digit >= 1) return event.shiftKey ? { kind: 'solo', n: digit } : { kind: 'pick', n: digit };
  // Shift+letters belong to the app (Shift+J: the jobs panel).
  if (event.shiftKey && key.length === 1) return null;
  // Caps Lock gives 'J' without Shift: the same key.
  switch (key.length === 1 ? key.toLowerCase() : key) {
    case 'j':
    case 'ArrowRight':
      return { kind: 'next' };
    case 'k':
    case 'ArrowLeft':
      return { kind: 'previous' };
    case 'ArrowDown':
      return { kind: 'select', delta: 1 };
    case 'ArrowUp':
      return { kind: 'select', delta: -1 };
    case 'e':
    case 'Enter':
      return { kind: 'edit' };
    case 'a':
      return { kind: 'accept' };
    case 'r':
      return { kind: 'reject' };
    case 's':
      return { kind: 'skip' };
    case 'x':
      return { kind: 'maps' };
    case 'o':
      return { kind: 'layout' };
    case 'b':
      return { kind: 'bulk' };
    case 'g':
    case 'v':
    case 'Escape':
      return { kind: 'leave' };
  }
  return null;
}
