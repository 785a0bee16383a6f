// How the inspector names a camera and an EXIF orientation: makers repeat their name in the model
// ("Canon" + "Canon EOS R6"), and orientation is a number 1–8 that means nothing to a photographer.

/** "Canon EOS R6" from make "Canon" and model "Canon EOS R6"; "NIKON CORPORATION" + "NIKON Z 6" → "NIKON Z 6". */
export function cameraName(make: string | null, model: string | null): string | null {
  const m = make?.trim() ?? '';
  const n = model?.trim() ?? '';
  if (!n) return m || null;
  if (!m) return n;
  const makeWord = m.split(/\s+/)[0]!.toLowerCase();
  return n.toLowerCase().startsWith(makeWord) ? n : `${m} ${n}`;
}

const orientations: Record<number, string> = {
  2: 'Mirrored',
  3: 'Rotated 180°',
  4: 'Mirrored, upside down',
  5: 'Mirrored, rotated 90° clockwise',
  6: 'Rotated 90° clockwise',
  7: 'Mirrored, rotated 90° counter-clockwise',
  8: 'Rotated 90° counter-clockwise',
};

/** The EXIF orientation in words (shown upright in the studio); null for upright (1) or unknown. */
export function orientationName(orientation: number | null): string | null {
  if (orientation === null || orientation === 1) return null;
  return orientations[orientation] ?? `Unknown (${orientation})`;
}
