// The lists people type into the VQA panel: a vocabulary of class names for zero-shot tagging (one per
// line or comma-separated) and the candidate answers of rank mode (one per line, since an answer may
// hold a comma). Blanks and repeats (ignoring case) are dropped.

export function parseNameList(text: string, options: { commas?: boolean; maxLength?: number } = {}): string[] {
  const maxLength = options.maxLength ?? 200;
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(options.commas === false ? /\n/ : /[\n,;]/)) {
    const name = raw.trim().replace(/\s+/g, ' ').slice(0, maxLength);
    if (name.length === 0) continue;
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
