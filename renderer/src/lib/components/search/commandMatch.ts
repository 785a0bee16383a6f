// The command palette's matching: every typed word must occur in a command's label or keywords
// (case- and accent-insensitive); commands whose label starts with the first word come first, then
// those where a label word does, then the rest, each group in the palette's own order.

export interface PaletteEntry {
  readonly id: string;
  readonly label: string;
  readonly keywords?: string;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

function rank(entry: PaletteEntry, words: readonly string[]): number | null {
  const label = fold(entry.label);
  const haystack = `${label} ${fold(entry.keywords ?? '')}`;
  if (!words.every((w) => haystack.includes(w))) return null;
  const first = words[0] ?? '';
  if (label.startsWith(first)) return 0;
  if (label.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(first))) return 1;
  return 2;
}

export function matchCommands<T extends PaletteEntry>(entries: readonly T[], query: string): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  const ranked: { entry: T; rank: number; index: number }[] = [];
  entries.forEach((entry, index) => {
    const r = rank(entry, words);
    if (r !== null) ranked.push({ entry, rank: r, index });
  });
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.entry);
}
