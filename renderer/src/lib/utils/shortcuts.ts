// Every keyboard shortcut, as the `?` overlay lists them. The handlers live with the view they act on
// (App: global; grid; loupe; review — components/review/reviewKeys.ts); this table is what the user reads,
// so change it with them.

export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

export interface ShortcutGroup {
  readonly title: string;
  readonly shortcuts: readonly Shortcut[];
}

export const shortcutGroups: readonly ShortcutGroup[] = [
  {
    title: 'Anywhere',
    shortcuts: [
      { keys: ['?'], action: 'Show or hide this list' },
      { keys: ['Ctrl/⌘ K'], action: 'Command palette: every action by name' },
      { keys: ['Ctrl/⌘ ,'], action: 'Settings' },
      { keys: ['M'], action: 'Models: install, import, remove' },
      { keys: ['Shift J'], action: 'Show or hide the jobs panel' },
      { keys: ['F'], action: 'Full screen on/off' },
      { keys: ['V'], action: 'Review mode: the captions waiting for review' },
      { keys: ['C'], action: 'Write or edit the current photo’s caption by hand (Ctrl/⌘ Enter saves)' },
      { keys: ['Esc'], action: 'Close a dialog or overlay' },
    ],
  },
  {
    title: 'Grid',
    shortcuts: [
      { keys: ['←', '→', '↑', '↓'], action: 'Move the selection' },
      { keys: ['Shift + arrows'], action: 'Extend the selection' },
      { keys: ['Home', 'End'], action: 'First / last photo' },
      { keys: ['PageUp', 'PageDown'], action: 'One screen up / down' },
      { keys: ['Enter', 'E'], action: 'Open the selected photo in the loupe' },
      { keys: ['Ctrl/⌘ A'], action: 'Select all loaded photos' },
      { keys: ['/', 'Ctrl/⌘ F'], action: 'Search captions, OCR text and tags' },
      { keys: ['Esc'], action: 'In the search box: clear it' },
      { keys: ['Click'], action: 'Select' },
      { keys: ['Shift click'], action: 'Select a range' },
      { keys: ['Ctrl/⌘ click'], action: 'Add to or remove from the selection' },
      { keys: ['Double-click'], action: 'Open in the loupe' },
    ],
  },
  {
    title: 'Loupe',
    shortcuts: [
      { keys: ['J', '→'], action: 'Next photo' },
      { keys: ['K', '←'], action: 'Previous photo' },
      { keys: ['+', '−'], action: 'Zoom in / out' },
      { keys: ['0'], action: 'Fit to screen' },
      { keys: ['1'], action: 'Actual pixels (100%); in Experts mode, layer 1' },
      { keys: ['Wheel'], action: 'Zoom around the cursor' },
      { keys: ['Drag'], action: 'Pan' },
      { keys: ['Esc', 'G'], action: 'Back to the grid' },
      { keys: ['X'], action: 'Photo / Experts mode (the experts’ maps)' },
    ],
  },
  {
    title: 'Loupe — Experts mode',
    shortcuts: [
      { keys: ['1–6'], action: 'Show / hide depth, normals, edges, segmentation, detection, OCR' },
      { keys: ['Shift 1–6'], action: 'Show that layer alone (again: bring the others back)' },
      { keys: ['O'], action: 'Overlay / side by side' },
      { keys: ['Alt click'], action: 'On a layer’s eye: show it alone' },
      { keys: ['Hover'], action: 'Probe: every expert at that pixel, in the status bar' },
      { keys: ['X'], action: 'Back to the photo alone' },
    ],
  },
  {
    title: 'Review',
    shortcuts: [
      { keys: ['J', '→'], action: 'Next photo in the queue' },
      { keys: ['K', '←'], action: 'Previous photo' },
      { keys: ['1–9'], action: 'Pick (accept) caption 1–9 and go on' },
      { keys: ['↑', '↓'], action: 'Select the caption above / below' },
      { keys: ['A'], action: 'Accept the selected caption and go on' },
      { keys: ['R'], action: 'Reject the selected caption' },
      { keys: ['E', 'Enter'], action: 'Edit the selected caption' },
      { keys: ['Ctrl/⌘ Enter'], action: 'In the editor: save as your version and accept' },
      { keys: ['Esc'], action: 'In the editor: leave without saving' },
      { keys: ['S'], action: 'Skip: next photo, unchanged' },
      { keys: ['Ctrl/⌘ Z'], action: 'Undo the last review action' },
      { keys: ['Ctrl/⌘ Shift Z'], action: 'Redo' },
      { keys: ['X'], action: 'Photo / the experts’ maps' },
      { keys: ['Shift 1–6', 'O'], action: 'With the maps: solo a layer; overlay / side by side' },
      { keys: ['B'], action: 'Accept candidates above a score…' },
      { keys: ['G', 'V', 'Esc'], action: 'Back to the grid' },
    ],
  },
];
