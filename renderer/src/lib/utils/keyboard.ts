// When a keyboard shortcut may fire: never while the user types in a field, never under a modal dialog,
// never twice for one key press.

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file', 'image'].includes(target.type);
  }
  return false;
}

/** True when a shortcut handler should leave this key press alone. */
export function shortcutBlocked(event: KeyboardEvent, modalOpen: boolean): boolean {
  if (event.defaultPrevented || event.isComposing || modalOpen || isTypingTarget(event.target)) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  // Enter/Space activate the focused button or link; arrows move a focused slider.
  if ((event.key === 'Enter' || event.key === ' ') && target.closest('button, a[href], summary, [role="button"], input')) return true;
  return target instanceof HTMLInputElement && target.type === 'range' && /^(Arrow|Home$|End$|Page)/.test(event.key);
}

/** Ctrl on Windows/Linux, Cmd on macOS. */
export function primaryModifier(event: KeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey;
}
