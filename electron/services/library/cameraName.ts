// How a camera is named to people: makers repeat their name in the model ("Canon" + "Canon EOS R6"), so
// the maker is said once. Used for the stored EXIF entries and the inspector's summary alike.

/** "Canon EOS R6" from make "Canon" and model "Canon EOS R6"; "NIKON CORPORATION" + "NIKON Z 6" → "NIKON Z 6". */
export function cameraName(make: string | null, model: string | null): string | null {
  const m = make?.trim() ?? '';
  const n = model?.trim() ?? '';
  if (!n) return m || null;
  if (!m) return n;
  const makeWord = m.split(/\s+/)[0]!.toLowerCase();
  return n.toLowerCase().startsWith(makeWord) ? n : `${m} ${n}`;
}
